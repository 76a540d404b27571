import { describe, expect, it } from 'vitest';
import { convertTwice } from './helpers.js';

const call = `\nexport const list = () => s3.listBuckets().promise();\n`;

describe('aws-sdk-v2-to-v3: import forms', () => {
  it('converts a CommonJS namespace require', async () => {
    const { text } = await convertTwice(
      `const AWS = require('aws-sdk');\nconst s3 = new AWS.S3();\nexports.list = () => s3.listBuckets().promise();\n`,
    );
    expect(text).toBe(
      `const { ListBucketsCommand, S3Client } = require('@aws-sdk/client-s3');\nconst s3 = new S3Client();\nexports.list = () => s3.send(new ListBucketsCommand({}));\n`,
    );
  });

  it('converts a default import and keeps double quotes and missing semicolons', async () => {
    const { text } = await convertTwice(`import AWS from "aws-sdk"\nconst s3 = new AWS.S3()${call}`, {}, 'src/a.mjs');
    expect(text).toBe(
      `import { ListBucketsCommand, S3Client } from "@aws-sdk/client-s3"\nconst s3 = new S3Client()${call.replace('s3.listBuckets().promise()', 's3.send(new ListBucketsCommand({}))')}`,
    );
  });

  it('converts a namespace import', async () => {
    const { text } = await convertTwice(
      `import * as AWS from 'aws-sdk';\nconst s3 = new AWS.S3();${call}`,
      {},
      'src/a.ts',
    );
    expect(text).toContain(
      `import { ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';\nconst s3 = new S3Client();`,
    );
    expect(text).not.toContain("aws-sdk'");
  });

  it('converts named imports with a local alias', async () => {
    const { text } = await convertTwice(
      `import { S3 as Storage } from 'aws-sdk';\nconst s3 = new Storage();${call}`,
      {},
      'src/a.ts',
    );
    expect(text).toBe(
      `import { ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';\nconst s3 = new S3Client();\nexport const list = () => s3.send(new ListBucketsCommand({}));\n`,
    );
  });

  it('converts import-equals in TypeScript', async () => {
    const { text } = await convertTwice(
      `import AWS = require('aws-sdk');\nconst s3 = new AWS.S3();${call}`,
      {},
      'src/a.ts',
    );
    expect(text.split('\n')[0]).toBe(`import { ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';`);
  });

  it('converts destructured requires with renames', async () => {
    const { text } = await convertTwice(
      `const { S3, SQS: Queue } = require('aws-sdk');\nconst s3 = new S3();\nconst q = new Queue();\nexports.go = () => q.sendMessage({ QueueUrl: 'u', MessageBody: 'b' }).promise();\n`,
    );
    expect(text).toBe(
      `const { S3Client } = require('@aws-sdk/client-s3');\nconst { SQSClient, SendMessageCommand } = require('@aws-sdk/client-sqs');\nconst s3 = new S3Client();\nconst q = new SQSClient();\nexports.go = () => q.send(new SendMessageCommand({ QueueUrl: 'u', MessageBody: 'b' }));\n`,
    );
  });

  it('converts aws-sdk/clients/<service> requires and imports', async () => {
    const cjs = await convertTwice(
      `const SecretsManager = require('aws-sdk/clients/secretsmanager');\nconst sm = new SecretsManager();\nexports.get = (id) => sm.getSecretValue({ SecretId: id }).promise();\n`,
    );
    expect(cjs.text).toBe(
      `const { GetSecretValueCommand, SecretsManagerClient } = require('@aws-sdk/client-secrets-manager');\nconst sm = new SecretsManagerClient();\nexports.get = (id) => sm.send(new GetSecretValueCommand({ SecretId: id }));\n`,
    );
    const esm = await convertTwice(
      `import CloudWatchLogs from 'aws-sdk/clients/cloudwatchlogs';\nconst logs = new CloudWatchLogs();\nexport const groups = () => logs.describeLogGroups({}).promise();\n`,
      {},
      'src/a.mjs',
    );
    expect(esm.text).toContain(
      `import { CloudWatchLogsClient, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';`,
    );
  });

  it("converts require('aws-sdk').Service member requires", async () => {
    const { text } = await convertTwice(
      `const Lambda = require('aws-sdk').Lambda;\nconst l = new Lambda();\nexports.f = () => l.listFunctions().promise();\n`,
    );
    expect(text).toBe(
      `const { LambdaClient, ListFunctionsCommand } = require('@aws-sdk/client-lambda');\nconst l = new LambdaClient();\nexports.f = () => l.send(new ListFunctionsCommand({}));\n`,
    );
  });

  it('removes local aliases of namespace members', async () => {
    const { text } = await convertTwice(
      `const AWS = require('aws-sdk');\nconst SNS = AWS.SNS;\nconst { StepFunctions } = AWS;\nconst sns = new SNS();\nconst sfn = new StepFunctions();\nexports.a = () => sns.publish({ TopicArn: 't', Message: 'm' }).promise();\nexports.b = () => sfn.startExecution({ stateMachineArn: 's' }).promise();\n`,
    );
    expect(text).toBe(
      `const { SFNClient, StartExecutionCommand } = require('@aws-sdk/client-sfn');\nconst { PublishCommand, SNSClient } = require('@aws-sdk/client-sns');\nconst sns = new SNSClient();\nconst sfn = new SFNClient();\nexports.a = () => sns.send(new PublishCommand({ TopicArn: 't', Message: 'm' }));\nexports.b = () => sfn.send(new StartExecutionCommand({ stateMachineArn: 's' }));\n`,
    );
  });

  it('drops side-effect requires of aws-sdk/global once the config moved', async () => {
    const { text } = await convertTwice(
      `const AWS = require('aws-sdk/global');\nrequire('aws-sdk');\nAWS.config.region = 'eu-west-1';\nconst S3 = require('aws-sdk/clients/s3');\nconst s3 = new S3();\nexports.l = () => s3.listBuckets().promise();\n`,
    );
    expect(text).toBe(
      `const { ListBucketsCommand, S3Client } = require('@aws-sdk/client-s3');\nconst s3 = new S3Client({ region: 'eu-west-1' });\nexports.l = () => s3.send(new ListBucketsCommand({}));\n`,
    );
  });

  it('parses .tsx files', async () => {
    const src = `import AWS from 'aws-sdk';\nconst s3 = new AWS.S3();\nexport const View = ({ k }: { k: string }) => <a href={k}>{k}</a>;\nexport const get = (k: string) => s3.headObject({ Bucket: 'b', Key: k }).promise();\n`;
    const { text } = await convertTwice(src, {}, 'src/view.tsx');
    expect(text).toContain(`export const View = ({ k }: { k: string }) => <a href={k}>{k}</a>;`);
    expect(text).toContain(`s3.send(new HeadObjectCommand({ Bucket: 'b', Key: k }))`);
  });

  it('keeps the v2 import and reports what it cannot convert', async () => {
    const { text, findings } = await convertTwice(
      `const AWS = require('aws-sdk');\nconst s3 = new AWS.S3();\nconst ep = new AWS.Endpoint('x');\nexports.l = () => s3.listBuckets().promise();\n`,
    );
    expect(text).toBe(
      `const AWS = require('aws-sdk');\nconst { ListBucketsCommand, S3Client } = require('@aws-sdk/client-s3');\nconst s3 = new S3Client();\nconst ep = new AWS.Endpoint('x');\nexports.l = () => s3.send(new ListBucketsCommand({}));\n`,
    );
    expect(findings).toContainEqual(
      expect.objectContaining({ file: 'src/index.js', line: 3, rule: 'aws-sdk-v3/unconverted', severity: 'manual' }),
    );
  });

  it('reports unknown aws-sdk subpaths and leaves them', async () => {
    const src = `const x = require('aws-sdk/lib/metadata_service');\nmodule.exports = x;\n`;
    const { text, findings } = await convertTwice(src);
    expect(text).toBe(src);
    expect(findings.map((f) => f.rule)).toContain('aws-sdk-v3/unsupported-import');
  });

  it('keeps only the v2 imports a client kept on v2 still needs, without their unused names', async () => {
    const { text } = await convertTwice(
      `import AWS, { DynamoDB, SQS } from 'aws-sdk';
import { GetItemInput } from 'aws-sdk/clients/dynamodb';
import S3, { PutObjectRequest } from 'aws-sdk/clients/s3';

const db = new DynamoDB();
const s3 = new S3();
export const queue = (q: SQS) => q;
export const req = (r: AWS.Request<unknown, unknown>) => r;
export const get = (input: GetItemInput) => db.getItem(input).on('build', () => undefined).promise();
export const put = (req: PutObjectRequest) => s3.putObject(req).promise();
`,
      {},
      'src/a.ts',
    );
    // DynamoDB stays v2 (a request listener); S3 moves, so its v2 import goes; the unused SQS goes too
    expect(text).toBe(`import AWS, { DynamoDB } from 'aws-sdk';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { PutObjectCommandInput } from '@aws-sdk/client-s3';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { GetItemInput } from 'aws-sdk/clients/dynamodb';

const db = new DynamoDB();
const s3 = new S3Client();
export const queue = (q: SQSClient) => q;
export const req = (r: AWS.Request<unknown, unknown>) => r;
export const get = (input: GetItemInput) => db.getItem(input).on('build', () => undefined).promise();
export const put = (req: PutObjectCommandInput) => s3.send(new PutObjectCommand(req));
`);
  });
});
