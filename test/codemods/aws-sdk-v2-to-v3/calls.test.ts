import { describe, expect, it } from 'vitest';
import { convertTwice } from './helpers.js';

const head = `const AWS = require('aws-sdk');\nconst s3 = new AWS.S3();\n`;
const newHead = (names: string) => `const { ${names} } = require('@aws-sdk/client-s3');\nconst s3 = new S3Client();\n`;

describe('aws-sdk-v2-to-v3: operation calls', () => {
  it('converts await .promise()', async () => {
    const { text } = await convertTwice(
      `${head}exports.h = async () => {\n  const r = await s3.putObject({ Bucket: 'b', Key: 'k', Body: 'x' }).promise();\n  return r.ETag;\n};\n`,
    );
    expect(text).toBe(
      `${newHead('PutObjectCommand, S3Client')}exports.h = async () => {\n  const r = await s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: 'x' }));\n  return r.ETag;\n};\n`,
    );
  });

  it('converts .promise().then chains split over lines', async () => {
    const { text } = await convertTwice(
      `${head}exports.h = () => s3\n  .listObjectsV2({ Bucket: 'b' })\n  .promise()\n  .then((r) => r.Contents);\n`,
    );
    expect(text).toBe(
      `${newHead('ListObjectsV2Command, S3Client')}exports.h = () => s3\n  .send(new ListObjectsV2Command({ Bucket: 'b' }))\n  .then((r) => r.Contents);\n`,
    );
  });

  it('converts a stored request sent later with .promise()', async () => {
    const { text } = await convertTwice(
      `${head}exports.h = async () => {\n  const req = s3.listBuckets();\n  const out = await req.promise();\n  return out.Buckets;\n};\n`,
    );
    expect(text).toContain(`  const req = new ListBucketsCommand({});\n  const out = await s3.send(req);\n`);
  });

  it('reports a stored request used in other ways', async () => {
    const { text, findings } = await convertTwice(
      `${head}exports.h = () => {\n  const req = s3.listBuckets();\n  req.on('success', () => {});\n  return req.promise();\n};\n`,
    );
    expect(text).toContain(`const req = s3.listBuckets();`);
    expect(findings).toContainEqual(expect.objectContaining({ rule: 'aws-sdk-v3/request-object', line: 4 }));
  });

  it('converts callbacks to send(command, callback) and maps err.code', async () => {
    const { text } = await convertTwice(
      `${head}exports.h = (cb) => {\n  s3.headObject({ Bucket: 'b', Key: 'k' }, (err, data) => {\n    if (err && err.code === 'NotFound') return cb(null, false);\n    cb(err, !!data);\n  });\n};\n`,
    );
    expect(text).toBe(
      `${newHead('HeadObjectCommand, S3Client')}exports.h = (cb) => {\n  s3.send(new HeadObjectCommand({ Bucket: 'b', Key: 'k' }), (err, data) => {\n    if (err && err.name === 'NotFound') return cb(null, false);\n    cb(err, !!data);\n  });\n};\n`,
    );
  });

  it('converts callback-only calls with no input', async () => {
    const { text } = await convertTwice(`${head}s3.listBuckets(function (err, data) { console.log(err, data); });\n`);
    expect(text).toContain(`s3.send(new ListBucketsCommand({}), function (err, data) { console.log(err, data); });`);
  });

  it('converts .send(callback) on a request', async () => {
    const { text } = await convertTwice(`${head}s3.deleteObject({ Bucket: 'b', Key: 'k' }).send(done);\n`);
    expect(text).toContain(`s3.send(new DeleteObjectCommand({ Bucket: 'b', Key: 'k' }), done);`);
  });

  it('maps err.code and err.statusCode in catch blocks and .catch handlers', async () => {
    const { text } = await convertTwice(`${head}exports.h = async () => {
  try {
    await s3.headBucket({ Bucket: 'b' }).promise();
  } catch (e) {
    if (e.statusCode === 404 || e.code === 'NotFound') return false;
    throw e;
  }
  return s3.getBucketAcl({ Bucket: 'b' }).promise().catch((err) => err.code);
};\n`);
    expect(text).toContain(`if (e.$metadata?.httpStatusCode === 404 || e.name === 'NotFound') return false;`);
    expect(text).toContain(`.catch((err) => err.name)`);
  });

  it('leaves err.code compared with Node.js error codes and reports it', async () => {
    const { text, findings } = await convertTwice(
      `${head}exports.h = async () => {\n  try {\n    await s3.headBucket({ Bucket: 'b' }).promise();\n  } catch (e) {\n    if (e.code === 'ECONNRESET') return null;\n  }\n};\n`,
    );
    expect(text).toContain(`e.code === 'ECONNRESET'`);
    expect(findings.map((f) => f.rule)).toContain('aws-sdk-v3/error-code');
  });

  it('reports requests without .promise() or a callback', async () => {
    const { findings } = await convertTwice(`${head}s3.putObject({ Bucket: 'b', Key: 'k' });\n`);
    expect(findings).toContainEqual(
      expect.objectContaining({ rule: 'aws-sdk-v3/request-object', line: 3, severity: 'manual' }),
    );
  });

  it('reports .promise() on receivers it cannot resolve', async () => {
    const { findings } = await convertTwice(`${head}exports.h = (x) => x.client.getThing({}).promise();\n`);
    expect(findings.map((f) => f.rule)).toContain('aws-sdk-v3/unresolved-client');
  });

  it('converts DocumentClient operations to lib-dynamodb commands', async () => {
    const { text } = await convertTwice(
      `const AWS = require('aws-sdk');\nconst doc = new AWS.DynamoDB.DocumentClient();\nexports.a = (p) => doc.update(p).promise();\nexports.b = (p) => doc.batchWrite(p).promise();\nexports.c = (p) => doc.transactWrite(p).promise();\nexports.s = () => doc.createSet([1, 2]);\n`,
    );
    expect(text).toContain(
      `const {\n  BatchWriteCommand,\n  DynamoDBDocumentClient,\n  TransactWriteCommand,\n  UpdateCommand,\n} = require('@aws-sdk/lib-dynamodb');`,
    );
    expect(text).toContain(`exports.a = (p) => doc.send(new UpdateCommand(p));`);
    expect(text).toContain(`exports.s = () => new Set([1, 2]);`);
  });

  it('uses the aggregated style when asked', async () => {
    const { text } = await convertTwice(
      `${head}const doc = new AWS.DynamoDB.DocumentClient();\nexports.a = () => s3.getObject({ Bucket: 'b', Key: 'k' }).promise();\nexports.b = (k) => doc.get({ TableName: 't', Key: k }).promise();\nexports.c = (cb) => s3.listBuckets({}, cb);\n`,
      { style: 'aggregated' },
    );
    expect(text).toBe(`const { DynamoDB } = require('@aws-sdk/client-dynamodb');
const { S3 } = require('@aws-sdk/client-s3');
const { DynamoDBDocument } = require('@aws-sdk/lib-dynamodb');
const s3 = new S3();
const doc = DynamoDBDocument.from(new DynamoDB(), { marshallOptions: { removeUndefinedValues: true } });
exports.a = () => s3.getObject({ Bucket: 'b', Key: 'k' });
exports.b = (k) => doc.get({ TableName: 't', Key: k });
exports.c = (cb) => s3.listBuckets({}, cb);
`);
  });

  it('rejects an unknown style option', async () => {
    await expect(convertTwice(head, { style: 'fancy' })).rejects.toThrow(
      /style must be 'command' \(alias 'bare'\) or 'aggregated'/,
    );
  });

  // How the time grows with the clients of one file is measured by `node bench/aws-sdk.mjs linearity`.
  it('converts every one of many clients in one file', async () => {
    const n = 400;
    const lines = [`const AWS = require('aws-sdk');`];
    for (let i = 0; i < n; i++)
      lines.push(`const c${i} = new AWS.S3();`, `exports.f${i} = () => c${i}.listBuckets().promise();`);
    const { text, findings } = await convertTwice(lines.join('\n') + '\n');
    expect(findings).toEqual([]);
    expect(text.match(/\.send\(new ListBucketsCommand\(\{\}\)\)/g)).toHaveLength(n);
    expect(text.match(/^const c\d+ = new S3Client\(\);$/gm)).toHaveLength(n);
    expect(text).not.toContain("aws-sdk'");
  });
});
