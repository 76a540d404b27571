import { describe, expect, it } from 'vitest';
import { convertTwice, runOn } from './helpers.js';

describe('aws-sdk-v2-to-v3: v3 shapes, extras and package.json', () => {
  it('reads GetObject Body with transformToString, parenthesised where needed', async () => {
    // one read per response: a v3 Body is a stream that can be read only once
    const { text } = await convertTwice(
      `const AWS = require('aws-sdk');\nconst s3 = new AWS.S3();\nexports.h = async () => {\n  const obj = await s3.getObject({ Bucket: 'b', Key: 'k' }).promise();\n  const lines = obj.Body.toString('utf-8').split('\\n');\n  const cfg = await s3.getObject({ Bucket: 'b', Key: 'c' }).promise();\n  return JSON.parse(cfg.Body.toString());\n};\n`,
    );
    expect(text).toContain(`const lines = (await obj.Body.transformToString('utf-8')).split('\\n');`);
    expect(text).toContain(`return JSON.parse(await cfg.Body.transformToString());`);
  });

  it('makes a .then callback async to read Body, and handles destructured Body', async () => {
    const { text } = await convertTwice(
      `import AWS from 'aws-sdk';\nconst s3 = new AWS.S3();\nexport const a = () => s3.getObject({ Bucket: 'b', Key: 'k' }).promise().then((o) => o.Body!.toString());\nexport async function b() {\n  const { Body } = await s3.getObject({ Bucket: 'b', Key: 'k' }).promise();\n  return Body.toString();\n}\n`,
      {},
      'src/a.ts',
    );
    expect(text).toContain(`.then(async (o) => await o.Body!.transformToString());`);
    expect(text).toContain(`  return await Body.transformToString();`);
  });

  it('reports Body reads it cannot convert', async () => {
    // a callback that cannot become async (code runs after the call): the stream cannot be awaited there
    const { findings } = await convertTwice(
      `const AWS = require('aws-sdk');\nconst s3 = new AWS.S3();\nexports.h = (cb) => {\n  s3.getObject({ Bucket: 'b', Key: 'k' }, (err, o) => {\n    cb(err, o && Buffer.concat([o.Body]));\n  });\n  console.log('asked');\n};\n`,
    );
    expect(findings).toContainEqual(expect.objectContaining({ rule: 'aws-sdk-v3/body-stream', line: 5 }));
  });

  it('decodes Lambda Invoke Payload before JSON.parse and toString', async () => {
    const { text } = await convertTwice(
      `const AWS = require('aws-sdk');\nconst lambda = new AWS.Lambda();\nexports.h = async () => {\n  const res = await lambda.invoke({ FunctionName: 'f', Payload: '{}' }).promise();\n  console.log(res.Payload.toString());\n  return JSON.parse(res.Payload);\n};\n`,
    );
    expect(text).toContain(`console.log(new TextDecoder().decode(res.Payload));`);
    expect(text).toContain(`return JSON.parse(new TextDecoder().decode(res.Payload));`);
  });

  it('converts getSignedUrlPromise and sync getSignedUrl in async code', async () => {
    const { text } = await convertTwice(
      `const AWS = require('aws-sdk');\nconst s3 = new AWS.S3();\nexports.a = (k) => s3.getSignedUrlPromise('putObject', { Bucket: 'b', Key: k, Expires: 300 });\nexports.b = async (k) => s3.getSignedUrl('getObject', { Bucket: 'b', Key: k });\n`,
    );
    expect(text).toContain(`const { getSignedUrl } = require('@aws-sdk/s3-request-presigner');`);
    expect(text).toContain(
      `exports.a = (k) => getSignedUrl(s3, new PutObjectCommand({ Bucket: 'b', Key: k }), { expiresIn: 300 });`,
    );
    expect(text).toContain(
      `exports.b = async (k) => await getSignedUrl(s3, new GetObjectCommand({ Bucket: 'b', Key: k }));`,
    );
  });

  it('converts S3 upload to lib-storage Upload', async () => {
    const { text } = await convertTwice(
      `const AWS = require('aws-sdk');\nconst s3 = new AWS.S3();\nexports.a = (b) => s3.upload({ Bucket: 'b', Key: 'k', Body: b }, { queueSize: 2 }).promise();\n`,
    );
    expect(text).toContain(`const { Upload } = require('@aws-sdk/lib-storage');`);
    expect(text).toContain(
      `exports.a = (b) => new Upload({ client: s3, params: { Bucket: 'b', Key: 'k', Body: b }, queueSize: 2 }).done();`,
    );
  });

  it('converts awaited waiters and reports others', async () => {
    const { text } = await convertTwice(
      `const AWS = require('aws-sdk');\nconst s3 = new AWS.S3();\nexports.a = async () => {\n  await s3.waitFor('bucketExists', { Bucket: 'b' }).promise();\n};\n`,
    );
    expect(text).toContain(`  await waitUntilBucketExists({ client: s3, maxWaitTime: 100 }, { Bucket: 'b' });`);
    // a waiter whose result is used keeps its client on v2 (with the waiter that would convert)
    const src = `const AWS = require('aws-sdk');\nconst s3 = new AWS.S3();\nexports.a = async () => {\n  await s3.waitFor('bucketExists', { Bucket: 'b' }).promise();\n  const r = await s3.waitFor('objectExists', { Bucket: 'b', Key: 'k' }).promise();\n  return r;\n};\n`;
    const kept = await convertTwice(src);
    expect(kept.text).toBe(src);
    expect(kept.findings).toContainEqual(expect.objectContaining({ rule: 'aws-sdk-v3/waiter', line: 5 }));
  });

  it('converts credential providers and Credentials objects', async () => {
    const { text } = await convertTwice(
      `const AWS = require('aws-sdk');\nAWS.config.credentials = new AWS.SharedIniFileCredentials({ profile: 'dev' });\nconst sts = new AWS.STS({ credentials: new AWS.Credentials('a', 'b') });\nconst s3 = new AWS.S3({ credentials: new AWS.EnvironmentCredentials('AWS') });\nconst sqs = new AWS.SQS();\n`,
    );
    expect(text).toBe(`const { S3Client } = require('@aws-sdk/client-s3');
const { SQSClient } = require('@aws-sdk/client-sqs');
const { STSClient } = require('@aws-sdk/client-sts');
const { fromEnv, fromIni } = require('@aws-sdk/credential-providers');
const sts = new STSClient({ credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
const s3 = new S3Client({ credentials: fromEnv() });
const sqs = new SQSClient({ credentials: fromIni({ profile: 'dev' }) });
`);
  });

  it('reports credential classes whose options differ in v3', async () => {
    const { findings } = await convertTwice(
      `const AWS = require('aws-sdk');\nconst c = new AWS.CognitoIdentityCredentials({ IdentityPoolId: 'p', RoleArn: 'r' });\n`,
    );
    expect(findings.map((f) => f.rule)).toContain('aws-sdk-v3/credentials');
  });

  it('updates package.json: adds what is imported, removes aws-sdk, keeps formatting', async () => {
    const pkg = `{\n    "name": "svc",\n    "dependencies": {\n        "aws-sdk": "^2.1500.0",\n        "uuid": "^9.0.0"\n    }\n}\n`;
    const files = {
      'package.json': pkg,
      'src/a.js': `const AWS = require('aws-sdk');\nconst sqs = new AWS.SQS();\nexports.a = () => sqs.listQueues().promise();\n`,
    };
    const { changes } = await runOn(files);
    expect(changes.get('package.json')).toBe(
      `{\n    "name": "svc",\n    "dependencies": {\n        "@aws-sdk/client-sqs": "^3.1100.0",\n        "uuid": "^9.0.0"\n    }\n}\n`,
    );
    const again = await runOn({ ...files, ...Object.fromEntries(changes) });
    expect(again.changes.size).toBe(0);
  });

  it('keeps aws-sdk in package.json while a file still needs it; uses the nearest manifest', async () => {
    const files = {
      'package.json': `{ "name": "root" }\n`,
      'svc/package.json': `{\n  "devDependencies": { "aws-sdk": "2" }\n}\n`,
      'svc/a.js': `const AWS = require('aws-sdk');\nconst s3 = new AWS.S3();\nconst x = new AWS.Endpoint('e');\n`,
    };
    const { changes } = await runOn(files);
    expect(changes.has('package.json')).toBe(false);
    expect(JSON.parse(changes.get('svc/package.json')!)).toEqual({
      devDependencies: { '@aws-sdk/client-s3': '^3.1100.0', 'aws-sdk': '2' },
    });
  });

  it('resolves clients created in another module', async () => {
    const files = {
      'src/clients.ts': `import AWS from 'aws-sdk';\nexport const queue = new AWS.SQS({ region: 'eu-west-1' });\n`,
      'src/send.ts': `import { queue } from './clients.js';\nexport async function send(body: string) {\n  await queue.sendMessage({ QueueUrl: 'q', MessageBody: body }).promise();\n}\n`,
      'src/other.ts': `export const unrelated = 1;\n`,
    };
    const { changes } = await runOn(files);
    expect(changes.get('src/send.ts')).toBe(
      `import { queue } from './clients.js';\nimport { SendMessageCommand } from '@aws-sdk/client-sqs';\nexport async function send(body: string) {\n  await queue.send(new SendMessageCommand({ QueueUrl: 'q', MessageBody: body }));\n}\n`,
    );
    expect(changes.has('src/other.ts')).toBe(false);
    const again = await runOn({ ...files, ...Object.fromEntries(changes) });
    expect([...again.changes.keys()]).toEqual([]);
  });

  it('lists candidates by cheap text tests', async () => {
    const { codemod } = await import('../../../src/codemods/aws-sdk-v2-to-v3/index.js');
    const { memoryRepo } = await import('./helpers.js');
    const repo = memoryRepo({
      'a.js': `require('aws-sdk')`,
      'b.js': `x`,
      'package.json': '{}',
      'node_modules/x/i.js': `require('aws-sdk')`,
      'README.md': 'aws-sdk',
    });
    expect(codemod.candidates(repo, {})).toEqual(['a.js', 'package.json']);
  });
});
