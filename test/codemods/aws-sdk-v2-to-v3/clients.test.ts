import { describe, expect, it } from 'vitest';
import { convertTwice } from './helpers.js';

const head = `const AWS = require('aws-sdk');\n`;
const use = `exports.l = () => s3.listBuckets().promise();\n`;

describe('aws-sdk-v2-to-v3: clients and configuration', () => {
  it('maps config keys: maxRetries, httpOptions, s3ForcePathStyle, dropped and credential keys', async () => {
    const { text, findings } = await convertTwice(`${head}const s3 = new AWS.S3({
  apiVersion: '2006-03-01',
  region: process.env.REGION, // from the stack
  maxRetries: 4,
  httpOptions: { timeout: 3000, connectTimeout: 500 },
  s3ForcePathStyle: true,
  accessKeyId: 'a',
  secretAccessKey: 's',
});
${use}`);
    expect(text).toBe(`const { ListBucketsCommand, S3Client } = require('@aws-sdk/client-s3');
const s3 = new S3Client({
  region: process.env.REGION, // from the stack
  maxAttempts: 5,
  requestHandler: { requestTimeout: 3000, connectionTimeout: 500 },
  forcePathStyle: true,
  credentials: { accessKeyId: 'a', secretAccessKey: 's' },
});
exports.l = () => s3.send(new ListBucketsCommand({}));
`);
    expect(findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });

  it('computes maxAttempts from a non-literal maxRetries', async () => {
    const { text } = await convertTwice(`${head}const s3 = new AWS.S3({ maxRetries: cfg.retries });\n${use}`);
    expect(text).toContain(`new S3Client({ maxAttempts: cfg.retries + 1 })`);
  });

  it('reports unknown and unconvertible keys but keeps them', async () => {
    const { text, findings } = await convertTwice(
      `${head}const s3 = new AWS.S3({ params: { Bucket: 'b' }, httpOptions: { proxy: 'p' } });\n${use}`,
    );
    expect(text).toContain(`new S3Client({ params: { Bucket: 'b' }, httpOptions: { proxy: 'p' } })`);
    expect(findings.map((f) => f.rule).sort()).toEqual(['aws-sdk-v3/config-http-options', 'aws-sdk-v3/config-key']);
  });

  it('applies AWS.config.update to every client created after it and removes it', async () => {
    const { text, findings } = await convertTwice(`${head}AWS.config.update({ region: 'eu-west-1', maxRetries: 1 });
const s3 = new AWS.S3({ region: 'us-east-1' });
const sqs = new AWS.SQS();
const sns = new AWS.SNS(opts);
${use}`);
    expect(text).toContain(`const s3 = new S3Client({ maxAttempts: 2, region: 'us-east-1' });`);
    expect(text).toContain(`const sqs = new SQSClient({ region: 'eu-west-1', maxAttempts: 2 });`);
    expect(text).toContain(`const sns = new SNSClient({ region: 'eu-west-1', maxAttempts: 2, ...opts });`);
    expect(text).not.toContain('AWS.config');
    expect(findings).toContainEqual(
      expect.objectContaining({ rule: 'aws-sdk-v3/global-config', line: 2, severity: 'info' }),
    );
  });

  it('keeps AWS.config reads and the v2 import when config is used another way', async () => {
    const { text, findings } = await convertTwice(
      `${head}const s3 = new AWS.S3();\nconsole.log(AWS.config.region);\n${use}`,
    );
    expect(text).toContain(`console.log(AWS.config.region);`);
    expect(text.startsWith(head)).toBe(true);
    expect(findings.map((f) => f.rule)).toContain('aws-sdk-v3/unconverted');
  });

  it('converts a DocumentClient with marshalling options', async () => {
    const { text } =
      await convertTwice(`${head}const doc = new AWS.DynamoDB.DocumentClient({ region: 'eu-west-1', convertEmptyValues: true, wrapNumbers: true });
exports.get = (id) => doc.get({ TableName: 't', Key: { id } }).promise();\n`);
    expect(text).toBe(`const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');
const { DynamoDBDocumentClient, GetCommand } = require('@aws-sdk/lib-dynamodb');
const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-1' }), { marshallOptions: { removeUndefinedValues: true, convertEmptyValues: true }, unmarshallOptions: { wrapNumbers: true } });
exports.get = (id) => doc.send(new GetCommand({ TableName: 't', Key: { id } }));
`);
  });

  it('wraps an existing DynamoDB client passed as service', async () => {
    const { text } = await convertTwice(
      `${head}const ddb = new AWS.DynamoDB();\nconst doc = new AWS.DynamoDB.DocumentClient({ service: ddb });\nexports.q = (p) => doc.query(p).promise();\n`,
    );
    expect(text).toContain(
      `const ddb = new DynamoDBClient();\nconst doc = DynamoDBDocumentClient.from(ddb, { marshallOptions: { removeUndefinedValues: true } });`,
    );
    expect(text).toContain(`doc.send(new QueryCommand(p))`);
  });

  it('converts every listed service to its v3 package', async () => {
    const names: [string, string, string][] = [
      ['StepFunctions', 'SFNClient', 'client-sfn'],
      ['CognitoIdentityServiceProvider', 'CognitoIdentityProviderClient', 'client-cognito-identity-provider'],
      ['EventBridge', 'EventBridgeClient', 'client-eventbridge'],
      ['Firehose', 'FirehoseClient', 'client-firehose'],
      ['KMS', 'KMSClient', 'client-kms'],
      ['STS', 'STSClient', 'client-sts'],
      ['ECS', 'ECSClient', 'client-ecs'],
      ['CloudWatch', 'CloudWatchClient', 'client-cloudwatch'],
      ['SSM', 'SSMClient', 'client-ssm'],
      ['IAM', 'IAMClient', 'client-iam'],
    ];
    for (const [v2, client, pkg] of names) {
      const { text } = await convertTwice(
        `${head}const c = new AWS.${v2}();\nexports.x = () => c.doThing({}).promise();\n`,
      );
      expect(text).toMatch(
        new RegExp(
          `^const \\{\\s+(${client}|DoThingCommand),\\s+(${client}|DoThingCommand),?\\s+\\} = require\\('@aws-sdk/${pkg}'\\);\n`,
        ),
      );
      expect(text).toContain(`const c = new ${client}();\nexports.x = () => c.send(new DoThingCommand({}));\n`);
    }
  });

  it('reports services it has no mapping for and leaves them', async () => {
    const src = `${head}const c = new AWS.MadeUpService();\nexports.x = () => c.op().promise();\n`;
    const { text, findings } = await convertTwice(src);
    expect(text).toBe(src);
    expect(findings.map((f) => f.rule)).toContain('aws-sdk-v3/unconverted');
  });

  it('converts clients held in class fields and typed parameters (TypeScript)', async () => {
    const { text } = await convertTwice(
      `import AWS from 'aws-sdk';
export class Repo {
  private readonly ddb = new AWS.DynamoDB();
  async one(id: string) {
    return this.ddb.getItem({ TableName: 't', Key: { id: { S: id } } }).promise();
  }
}
export function send(sqs: AWS.SQS, body: string) {
  return sqs.sendMessage({ QueueUrl: 'q', MessageBody: body }).promise();
}
`,
      {},
      'src/repo.ts',
    );
    expect(text).toBe(`import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import type { SQSClient } from '@aws-sdk/client-sqs';
export class Repo {
  private readonly ddb = new DynamoDBClient();
  async one(id: string) {
    return this.ddb.send(new GetItemCommand({ TableName: 't', Key: { id: { S: id } } }));
  }
}
export function send(sqs: SQSClient, body: string) {
  return sqs.send(new SendMessageCommand({ QueueUrl: 'q', MessageBody: body }));
}
`);
  });

  it('follows clients passed to local functions', async () => {
    const { text } = await convertTwice(
      `${head}const s3 = new AWS.S3();\nfunction count(client) {\n  return client.listObjectsV2({ Bucket: 'b' }).promise();\n}\nexports.n = () => count(s3);\n`,
    );
    expect(text).toContain(`return client.send(new ListObjectsV2Command({ Bucket: 'b' }));`);
  });

  it('converts v2 types to v3 command input and output types', async () => {
    const { text } = await convertTwice(
      `import { S3, DynamoDB } from 'aws-sdk';
export type In = S3.GetObjectRequest;
export type Out = S3.Types.PutObjectOutput;
export type Q = DynamoDB.DocumentClient.QueryInput;
export type B = S3.Bucket;
`,
      {},
      'src/t.ts',
    );
    expect(text).toBe(`import type { Bucket, GetObjectCommandInput, PutObjectCommandOutput } from '@aws-sdk/client-s3';
import type { QueryCommandInput } from '@aws-sdk/lib-dynamodb';
export type In = GetObjectCommandInput;
export type Out = Omit<PutObjectCommandOutput, '$metadata'>;
export type Q = QueryCommandInput;
export type B = Bucket;
`);
  });
});
