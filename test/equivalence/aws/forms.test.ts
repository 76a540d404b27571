// Other ways handlers reach the SDK: ESM imports of aws-sdk (default and named), v3 aggregated
// clients (`new S3().getObject`, DynamoDBDocument), a v3 send with a callback, and
// util-dynamodb's marshall beside v2's Converter. Each gives the same records as the plain forms.
import { describe, expect, it } from 'vitest';
import type { AnswerTable } from '../../../src/equivalence/aws/index.js';
import { pathToFileURL } from 'node:url';
import { runHandler } from './child.js';

const answers: AnswerTable = {
  rules: [
    {
      service: 'S3',
      operation: 'GetObject',
      answer: { value: { Body: { $bytes: Buffer.from('hi').toString('base64') } } },
    },
    { service: 'DynamoDBDocument', operation: 'Get', answer: { value: { Item: { id: '1' } } } },
  ],
};
const calls = [
  { service: 'S3', operation: 'GetObject', params: { Bucket: 'b', Key: 'k' } },
  { service: 'DynamoDBDocument', operation: 'Get', params: { TableName: 'D', Key: { id: '1' } } },
  { service: 'DynamoDB', operation: 'PutItem', params: { TableName: 'T', Item: { id: { S: '1' }, n: { N: '2' } } } },
];
const out = { body: 'hi', item: { id: '1' } };

const v2Esm = `
import AWS from 'aws-sdk';
import { DynamoDB } from 'aws-sdk';
const s3 = new AWS.S3();
export const handler = async () => {
  const o = await s3.getObject({ Bucket: 'b', Key: 'k' }).promise();
  const d = await new DynamoDB.DocumentClient().get({ TableName: 'D', Key: { id: '1' } }).promise();
  await new DynamoDB().putItem({ TableName: 'T', Item: DynamoDB.Converter.marshall({ id: '1', n: 2 }) }).promise();
  return { body: o.Body.toString(), item: d.Item };
};
`;
const v3Aggregated = `
import { S3 } from '@aws-sdk/client-s3';
import { DynamoDB, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocument } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
export const handler = async () => {
  const o = await new S3({}).getObject({ Bucket: 'b', Key: 'k' });
  const ddb = new DynamoDB({});
  const d = await DynamoDBDocument.from(ddb).get({ TableName: 'D', Key: { id: '1' } });
  await new Promise((res, rej) =>
    ddb.send(new PutItemCommand({ TableName: 'T', Item: marshall({ id: '1', n: 2 }) }), (e, r) => (e ? rej(e) : res(r))),
  );
  return { body: await o.Body.transformToString(), item: d.Item };
};
`;

const namespaceImport = `
import * as s3 from '@aws-sdk/client-s3';
export const handler = async () => {
  const { SQSClient, SendMessageCommand } = await import('@aws-sdk/client-sqs');
  await new SQSClient({}).send(new SendMessageCommand({ QueueUrl: 'q', MessageBody: 'm' }));
  const o = await new s3.S3Client({}).send(new s3.GetObjectCommand({ Bucket: 'b', Key: 'k' }));
  return { body: await o.Body.transformToString() };
};
`;

describe('other SDK forms', () => {
  it('ESM namespace import and dynamic import(): stubs and real packages', async () => {
    for (const nodeModules of [false, true]) {
      const r = await runHandler({ 'index.mjs': namespaceImport }, 'index.mjs', answers, { nodeModules });
      expect(r.realSdk).toBe(nodeModules);
      expect(r.calls).toEqual([
        { service: 'SQS', operation: 'SendMessage', params: { QueueUrl: 'q', MessageBody: 'm' } },
        calls[0],
      ]);
      expect(r.value).toEqual({ body: 'hi' });
    }
  });

  it('ESM import of aws-sdk (default and named), DocumentClient and Converter', async () => {
    const r = await runHandler({ 'index.mjs': v2Esm }, 'index.mjs', answers);
    expect(r.calls).toEqual(calls);
    expect(r.value).toEqual(out);
  });

  it('v3 aggregated clients, DynamoDBDocument, send with a callback, util-dynamodb: stubs and real packages', async () => {
    for (const nodeModules of [false, true]) {
      const r = await runHandler({ 'index.mjs': v3Aggregated }, 'index.mjs', answers, { nodeModules });
      expect(r.realSdk).toBe(nodeModules);
      expect(r.calls, `node_modules: ${nodeModules}`).toEqual(calls);
      expect(r.value).toEqual(out);
    }
  });

  it('an error answer carries the HTTP status AWS gives it, in v2 statusCode and v3 $metadata alike', async () => {
    const table: AnswerTable = {
      rules: [{ operation: 'PostToConnection', answer: { error: { name: 'GoneException', message: 'gone' } } }],
    };
    const v2 = `
const AWS = require('aws-sdk');
exports.handler = () => new AWS.ApiGatewayManagementApi({ endpoint: 'x' }).postToConnection({ ConnectionId: 'c', Data: 'd' }).promise()
  .catch((e) => e.statusCode);
`;
    const v3 = `
const { ApiGatewayManagementApiClient, PostToConnectionCommand } = require('@aws-sdk/client-apigatewaymanagementapi');
exports.handler = () => new ApiGatewayManagementApiClient({ endpoint: 'https://x' }).send(new PostToConnectionCommand({ ConnectionId: 'c', Data: Buffer.from('d') }))
  .catch((e) => e.$metadata.httpStatusCode);
`;
    const call = {
      service: 'ApiGatewayManagementApi',
      operation: 'PostToConnection',
      params: { ConnectionId: 'c', Data: { $bytes: 'ZA==' } },
    };
    for (const [text, nodeModules] of [
      [v2, false],
      [v3, false],
      [v3, true],
    ] as const) {
      const r = await runHandler({ 'index.js': text }, 'index.js', table, { nodeModules });
      expect(r.calls).toEqual([call]);
      expect(r.value).toBe(410);
    }
  });

  it('v2 s3.upload and v3 lib-storage Upload (stub and real) send one PutObject and answer the same Location', async () => {
    const v2 = `
const AWS = require('aws-sdk');
exports.handler = async () => (await new AWS.S3({ region: 'eu-west-1' }).upload({ Bucket: 'b', Key: 'a b/c.txt', Body: 'x' }).promise()).Location;
`;
    const v3 = `
const { S3Client } = require('@aws-sdk/client-s3');
const { Upload } = require('@aws-sdk/lib-storage');
exports.handler = async () =>
  (await new Upload({ client: new S3Client({ region: 'eu-west-1' }), params: { Bucket: 'b', Key: 'a b/c.txt', Body: Buffer.from('x') } }).done()).Location;
`;
    const call = {
      service: 'S3',
      operation: 'PutObject',
      params: { Bucket: 'b', Key: 'a b/c.txt', Body: { $bytes: 'eA==' } },
    };
    for (const [text, nodeModules] of [
      [v2, false],
      [v3, false],
      [v3, true],
    ] as const) {
      const r = await runHandler({ 'index.js': text }, 'index.js', { rules: [] }, { nodeModules });
      expect(r.realSdk).toBe(nodeModules);
      expect(r.calls).toEqual([call]);
      expect(r.value).toBe('https://b.s3.eu-west-1.amazonaws.com/a%20b/c.txt');
    }
  });

  it('a v2 callback runs with the response as `this`, as v2 calls it (strict code may write to it)', async () => {
    const v2 = `'use strict';
const AWS = require('aws-sdk');
exports.handler = () => new Promise((resolve, reject) =>
  new AWS.DynamoDB.DocumentClient().put({ TableName: 'T', Item: { id: '1' } }, function (err, data) {
    if (err) return reject(err);
    this.statusCode = '200';
    resolve({ status: this.statusCode, http: this.httpResponse.statusCode, data: this.data === data });
  }));
`;
    const r = await runHandler({ 'index.js': v2 }, 'index.js', { rules: [] });
    expect(r.calls).toEqual([
      { service: 'DynamoDBDocument', operation: 'Put', params: { TableName: 'T', Item: { id: '1' } } },
    ]);
    expect(r.value).toEqual({ status: '200', http: 200, data: true });
  });

  it('v2 wrapped by X-Ray (captureAWS, captureAWSClient) and makeRequest record only the operations', async () => {
    const v2 = `
const AWSXRay = require('aws-xray-sdk-core');
AWSXRay.setContextMissingStrategy('IGNORE_ERROR');
const AWS = AWSXRay.captureAWS(require('aws-sdk'));
const s3 = AWSXRay.captureAWSClient(new AWS.S3());
exports.handler = async () => [
  (await s3.getObject({ Bucket: 'b', Key: 'k' }).promise()).Body.toString(),
  await s3.makeRequest('headObject', { Bucket: 'b', Key: 'k' }).promise(),
];
`;
    const r = await runHandler({ 'index.js': v2 }, 'index.js', answers, { nodeModules: true });
    expect(r.calls).toEqual([calls[0], { service: 'S3', operation: 'HeadObject', params: { Bucket: 'b', Key: 'k' } }]);
    expect(r.value).toEqual(['hi', {}]);
  });

  it('the ESM hooks given on the command line (--experimental-loader, for Node.js 16) work alike', async () => {
    const hooks = pathToFileURL(new URL('../../../dist/equivalence/aws/hooks.js', import.meta.url).pathname).href;
    const r = await runHandler({ 'index.mjs': v3Aggregated }, 'index.mjs', answers, {
      nodeArgs: ['--no-warnings', '--experimental-loader', hooks],
    });
    expect(r.calls).toEqual(calls);
    expect(r.value).toEqual(out);
  });

  it('presigned URLs: v2 getSignedUrl and v3 s3-request-presigner (stub and real) give one URL and make no call', async () => {
    const v2 = `
const AWS = require('aws-sdk');
exports.handler = async () => new AWS.S3({ region: 'eu-west-1' }).getSignedUrl('getObject', { Bucket: 'b', Key: 'k', Expires: 60 });
`;
    const v3 = `
const { S3Client, GetObjectCommand } = require('@aws-sdk/client-s3');
const { getSignedUrl } = require('@aws-sdk/s3-request-presigner');
exports.handler = () => getSignedUrl(new S3Client({ region: 'eu-west-1' }), new GetObjectCommand({ Bucket: 'b', Key: 'k' }), { expiresIn: 60 });
`;
    for (const [text, nodeModules] of [
      [v2, false],
      [v3, false],
      [v3, true],
    ] as const) {
      const r = await runHandler({ 'index.js': text }, 'index.js', { rules: [] }, { nodeModules });
      expect(r.calls).toEqual([]);
      expect(r.value).toBe(
        'https://b.s3.eu-west-1.amazonaws.com/k?X-Amz-Expires=60&X-Amz-Signature=atx-equivalence&x-id=GetObject',
      );
    }
  });
});
