// Handlers that make the same AWS calls through aws-sdk v2 and through v3 (bare clients with
// commands, CommonJS; aggregated clients, ESM), reading answers as each SDK's users do. Each returns
// `out` (what should be equal across SDKs) and `shape` (how the answers looked).
export const key = (k: string) => JSON.stringify(k);

export function v2Handler(objectKey = 'a.txt'): string {
  return `
const AWS = require('aws-sdk');
const S3 = require('aws-sdk/clients/s3');
AWS.config.update({ region: 'eu-west-1' });
const s3 = new S3();
const ddb = new AWS.DynamoDB();
const doc = new AWS.DynamoDB.DocumentClient();
exports.handler = async () => {
  const out = {};
  const obj = await s3.getObject({ Bucket: 'in', Key: ${key(objectKey)} }).promise();
  out.body = obj.Body.toString('utf8');
  out.contentType = obj.ContentType;
  out.etag = (await s3.putObject({ Bucket: 'out', Key: 'b.txt', Body: Buffer.from(out.body.toUpperCase()), ContentType: 'text/plain' }).promise()).ETag;
  out.raw = (await ddb.getItem({ TableName: 'T', Key: { id: { S: '1' } } }).promise()).Item;
  await ddb.putItem({ TableName: 'T', Item: { id: { S: '2' }, n: { N: '5' } } }).promise();
  out.rawCount = (await ddb.query({ TableName: 'T', KeyConditionExpression: 'id = :id', ExpressionAttributeValues: { ':id': { S: '1' } } }).promise()).Count;
  const got = await new Promise((res, rej) => doc.get({ TableName: 'D', Key: { id: '1' } }, (e, d) => (e ? rej(e) : res(d))));
  out.doc = got.Item;
  await doc.put({ TableName: 'D', Item: { id: '2', tags: doc.createSet(['a', 'b']), at: new Date(0).toISOString(), gone: undefined } }).promise();
  out.docItems = (await doc.query({ TableName: 'D', KeyConditionExpression: 'id = :id', ExpressionAttributeValues: { ':id': '1' } }).promise()).Items;
  out.messageId = (await new AWS.SQS().sendMessage({ QueueUrl: 'https://sqs.eu-west-1.amazonaws.com/1/q', MessageBody: JSON.stringify({ a: 1 }) }).promise()).MessageId;
  out.snsId = (await new AWS.SNS().publish({ TopicArn: 'arn:aws:sns:eu-west-1:1:t', Message: 'hi', MessageAttributes: { k: { DataType: 'String', StringValue: 'v' } } }).promise()).MessageId;
  const inv = await new AWS.Lambda().invoke({ FunctionName: 'f', Payload: JSON.stringify({ x: 1 }) }).promise();
  out.payload = JSON.parse(inv.Payload);
  const shape = { body: Buffer.isBuffer(obj.Body) ? 'Buffer' : typeof obj.Body, payload: typeof inv.Payload, metadata: '$metadata' in obj };
  return { out, shape };
};
`;
}

/** v3 with bare clients and commands; `esm` writes it as an ES module. */
export function v3Handler(options: { esm?: boolean; objectKey?: string } = {}): string {
  const imports = options.esm
    ? `import { S3Client, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { DynamoDBClient, GetItemCommand, PutItemCommand, QueryCommand as RawQuery } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
import { SNSClient, PublishCommand } from '@aws-sdk/client-sns';
import { LambdaClient, InvokeCommand } from '@aws-sdk/client-lambda';
export const handler = async () => {`
    : `const { S3Client, GetObjectCommand, PutObjectCommand } = require('@aws-sdk/client-s3');
const { DynamoDBClient, GetItemCommand, PutItemCommand, QueryCommand: RawQuery } = require('@aws-sdk/client-dynamodb');
const { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } = require('@aws-sdk/lib-dynamodb');
const { SQSClient, SendMessageCommand } = require('@aws-sdk/client-sqs');
const { SNSClient, PublishCommand } = require('@aws-sdk/client-sns');
const { LambdaClient, InvokeCommand } = require('@aws-sdk/client-lambda');
exports.handler = async () => {`;
  return `${imports}
  const s3 = new S3Client({ region: 'eu-west-1' });
  const ddb = new DynamoDBClient({});
  const doc = DynamoDBDocumentClient.from(ddb);
  const out = {};
  const obj = await s3.send(new GetObjectCommand({ Bucket: 'in', Key: ${key(options.objectKey ?? 'a.txt')} }));
  const bodyMethods = Object.keys(obj.Body).filter((k) => k.startsWith('transform')).sort();
  out.body = await obj.Body.transformToString();
  out.contentType = obj.ContentType;
  out.etag = (await s3.send(new PutObjectCommand({ Bucket: 'out', Key: 'b.txt', Body: out.body.toUpperCase(), ContentType: 'text/plain' }))).ETag;
  out.raw = (await ddb.send(new GetItemCommand({ TableName: 'T', Key: { id: { S: '1' } } }))).Item;
  await ddb.send(new PutItemCommand({ TableName: 'T', Item: { id: { S: '2' }, n: { N: '5' } } }));
  out.rawCount = (await ddb.send(new RawQuery({ TableName: 'T', KeyConditionExpression: 'id = :id', ExpressionAttributeValues: { ':id': { S: '1' } } }))).Count;
  const got = await doc.send(new GetCommand({ TableName: 'D', Key: { id: '1' } }));
  out.doc = got.Item;
  await doc.send(new PutCommand({ TableName: 'D', Item: { id: '2', tags: new Set(['a', 'b']), at: new Date(0).toISOString() } }));
  out.docItems = (await doc.send(new QueryCommand({ TableName: 'D', KeyConditionExpression: 'id = :id', ExpressionAttributeValues: { ':id': '1' } }))).Items;
  out.messageId = (await new SQSClient({}).send(new SendMessageCommand({ QueueUrl: 'https://sqs.eu-west-1.amazonaws.com/1/q', MessageBody: JSON.stringify({ a: 1 }) }))).MessageId;
  out.snsId = (await new SNSClient({}).send(new PublishCommand({ TopicArn: 'arn:aws:sns:eu-west-1:1:t', Message: 'hi', MessageAttributes: { k: { DataType: 'String', StringValue: 'v' } } }))).MessageId;
  const inv = await new LambdaClient({}).send(new InvokeCommand({ FunctionName: 'f', Payload: Buffer.from(JSON.stringify({ x: 1 })) }));
  out.payload = JSON.parse(inv.Payload.transformToString());
  const shape = {
    bodyMethods,
    payload: inv.Payload.constructor.name,
    payloadIsBytes: inv.Payload instanceof Uint8Array,
    metadataKeys: Object.keys(obj.$metadata).sort(),
    clientBase: Object.getPrototypeOf(S3Client).name,
    realCommand: typeof new GetObjectCommand({}).resolveMiddleware === 'function',
  };
  return { out, shape };
};
`;
}

/** Reads an S3 object that is not there, and lets the error through. */
export const v2Missing = `
const AWS = require('aws-sdk');
exports.handler = () => new AWS.S3().getObject({ Bucket: 'in', Key: 'gone' }).promise();
`;
export const v3Missing = `
const { S3Client, GetObjectCommand, NoSuchKey } = require('@aws-sdk/client-s3');
exports.handler = async () => {
  try {
    return await new S3Client({}).send(new GetObjectCommand({ Bucket: 'in', Key: 'gone' }));
  } catch (e) {
    throw Object.assign(e, { instanceOfNoSuchKey: e instanceof NoSuchKey });
  }
};
`;
