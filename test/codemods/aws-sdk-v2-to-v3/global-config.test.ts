// AWS.config set anywhere but the top of a file (in a function, under an `if`), or before a client
// a function creates later: the settings go to one object each v3 client of the file is created
// with, so every client gets what v2 gave it at creation. Settings that reach no client of their
// file stay on v2, reported, instead of being dropped.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ts } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { convertTwice, runOn } from './helpers.js';

const req = createRequire(join(import.meta.dirname, '../../../package.json'));

/** Run a converted CommonJS module against the installed v3 packages, with `env` as process.env. */
function run(text: string, env: Record<string, string>): Record<string, any> {
  const module = { exports: {} as Record<string, any> };
  const proc = { env };
  new Function('require', 'module', 'exports', 'process', text)(req, module, module.exports, proc);
  return module.exports;
}

function syntaxErrors(text: string): string[] {
  const sf = ts.createSourceFile('a.ts', text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  return (sf as unknown as { parseDiagnostics: { messageText: string }[] }).parseDiagnostics.map((d) => d.messageText);
}

describe('aws-sdk-v2-to-v3: AWS.config beyond the top of the file', () => {
  it('carries a conditional local endpoint to the clients, which resolve it only when the condition held', async () => {
    const { text, findings } = await convertTwice(`'use strict';
const AWS = require('aws-sdk');

// local DynamoDB when offline
if (process.env.IS_OFFLINE) {
  AWS.config.update({ region: 'localhost', endpoint: 'http://localhost:8000' });
}

const db = new AWS.DynamoDB.DocumentClient();
const sqs = new AWS.SQS({ apiVersion: '2012-11-05', region: 'eu-west-1' });
module.exports = { db, sqs };
`);
    expect(text).toBe(`'use strict';
const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');
const { SQSClient } = require('@aws-sdk/client-sqs');
const { DynamoDBDocumentClient } = require('@aws-sdk/lib-dynamodb');

const awsConfig = {};

// local DynamoDB when offline
if (process.env.IS_OFFLINE) {
  Object.assign(awsConfig, { region: 'localhost', endpoint: 'http://localhost:8000' });
}

const db = DynamoDBDocumentClient.from(new DynamoDBClient({ ...awsConfig }), { marshallOptions: { removeUndefinedValues: true } });
const sqs = new SQSClient({ ...awsConfig, region: 'eu-west-1' });
module.exports = { db, sqs };
`);
    expect(findings).toContainEqual(
      expect.objectContaining({ rule: 'aws-sdk-v3/global-config', line: 6, severity: 'info' }),
    );
    const offline = run(text, { IS_OFFLINE: '1' });
    expect(await offline.db.config.region()).toBe('localhost');
    expect(await offline.db.config.endpoint()).toMatchObject({ hostname: 'localhost', port: 8000, protocol: 'http:' });
    // the client's own region wins over the global one, as in v2
    expect(await offline.sqs.config.region()).toBe('eu-west-1');
    // without the condition the client takes the region from the environment, as v2 did
    const saved = process.env.AWS_REGION;
    process.env.AWS_REGION = 'us-east-2';
    try {
      const online = run(text, {});
      expect(await online.db.config.region()).toBe('us-east-2');
      expect(online.db.config.endpoint).toBeUndefined();
    } finally {
      if (saved === undefined) delete process.env.AWS_REGION;
      else process.env.AWS_REGION = saved;
    }
  });

  it('gives a client created in a function the settings made before the function runs', async () => {
    const { text } = await convertTwice(
      `import * as AWS from 'aws-sdk';

export function queue(): AWS.SQS {
  return new AWS.SQS();
}

AWS.config.update({ region: process.env.QUEUE_REGION });
`,
      {},
      'src/queue.ts',
    );
    expect(text).toBe(`import { SQSClient } from '@aws-sdk/client-sqs';

const awsConfig: Record<string, unknown> = {};

export function queue(): SQSClient {
  return new SQSClient({ ...awsConfig });
}

Object.assign(awsConfig, { region: process.env.QUEUE_REGION });
`);
    expect(syntaxErrors(text)).toEqual([]);
  });

  it('keeps the settings made in the function that then creates the client', async () => {
    const src = `const AWS = require('aws-sdk');
exports.make = (region) => {
  AWS.config.update({ region, maxRetries: 2 })
  if (process.env.DEBUG) AWS.config.setPromisesDependency(Promise)
  const s3 = new AWS.S3()
  return s3
}
`;
    const { text } = await convertTwice(src);
    expect(text).toBe(`const { S3Client } = require('@aws-sdk/client-s3');
const awsConfig = {}

exports.make = (region) => {
  Object.assign(awsConfig, { region, maxAttempts: 3 })
  if (process.env.DEBUG) {}
  const s3 = new S3Client({ ...awsConfig })
  return s3
}
`);
    const s3 = run(text, {}).make('ap-south-1');
    expect(await s3.config.region()).toBe('ap-south-1');
    expect(await s3.config.maxAttempts()).toBe(3);
  });

  it('exports the settings of a module that only configures the SDK to the clients of the modules importing it', async () => {
    const files = {
      'package.json': '{ "dependencies": { "aws-sdk": "^2.1000.0" } }\n',
      'src/config.ts': `import * as AWS from 'aws-sdk';

// one place for the SDK settings
AWS.config.update({ region: process.env.REGION, maxRetries: 5 });
if (process.env.IS_OFFLINE) {
  AWS.config.update({ endpoint: 'http://localhost:4566' });
}
export const bucket = process.env.BUCKET;
`,
      'src/handler.ts': `import { S3 } from 'aws-sdk';
import { bucket } from './config';

const s3 = new S3({ signatureVersion: 'v4' });
export const h = async () => (await s3.listObjectsV2({ Bucket: bucket }).promise()).Contents;
`,
      'src/report.ts': `import { SNS } from 'aws-sdk';
const sns = new SNS();
export const tell = (m: string) => sns.publish({ TopicArn: 't', Message: m }).promise();
`,
    };
    const { changes, findings } = await runOn(files);
    expect(changes.get('src/config.ts')).toBe(`export const awsConfig: Record<string, unknown> = {};

// one place for the SDK settings
Object.assign(awsConfig, { region: process.env.REGION, maxAttempts: 6 });
if (process.env.IS_OFFLINE) {
  Object.assign(awsConfig, { endpoint: 'http://localhost:4566' });
}
export const bucket = process.env.BUCKET;
`);
    expect(changes.get('src/handler.ts')).toBe(`import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { awsConfig, bucket } from './config';

const s3 = new S3Client({ ...awsConfig });
export const h = async () => (await s3.send(new ListObjectsV2Command({ Bucket: bucket }))).Contents;
`);
    // a module that does not import it may have relied on it too: said, not guessed
    expect(changes.get('src/report.ts')).toContain('const sns = new SNSClient();');
    expect(findings).toContainEqual(
      expect.objectContaining({
        file: 'src/config.ts',
        rule: 'aws-sdk-v3/global-config',
        severity: 'warning',
        message: expect.stringContaining('(src/report.ts)'),
      }),
    );
    // the repository module is no package
    expect(JSON.parse(changes.get('package.json')!).dependencies).toEqual({
      '@aws-sdk/client-s3': expect.any(String),
      '@aws-sdk/client-sns': expect.any(String),
    });
  });

  it('follows settings only into modules of the repository: an import out of it is not read (rule 2)', async () => {
    const read: string[] = [];
    const files: Record<string, string> = {
      'app/src/config.ts': `import * as AWS from 'aws-sdk';\nAWS.config.update({ region: 'eu-west-1' });\n`,
      'app/src/handler.ts': `import '../../../shared/config';\nimport '../../../../etc/aws';\nimport './config';\nimport { S3 } from 'aws-sdk';\nconst s3 = new S3();\nexport const h = () => s3.listBuckets().promise();\n`,
    };
    const { codemod } = await import('../../../src/codemods/aws-sdk-v2-to-v3/index.js');
    const result = await codemod.run(
      {
        files: Object.keys(files).sort(),
        read(path: string) {
          read.push(path);
          if (!(path in files)) throw new Error(`read outside the repository: ${path}`);
          return files[path];
        },
      },
      {},
    );
    expect(read.every((path) => path in files)).toBe(true);
    // the repository's own config module is still carried to the handler
    expect(result.changes.get('app/src/handler.ts')).toContain("import { awsConfig } from './config';");
  });

  it('says when settings a test makes reached, in v2, the clients of the modules it imports', async () => {
    const { findings } = await runOn({
      'src/put.ts': `import { DynamoDB } from 'aws-sdk';
export const put = async (table: string, item: Record<string, unknown>) => {
  const ddb = new DynamoDB.DocumentClient();
  await ddb.put({ TableName: table, Item: item }).promise();
};
`,
      'src/__tests__/put.test.ts': `import AWS from 'aws-sdk';
import { put } from '../put';

AWS.config.update({ region: 'us-east-1', dynamodb: { endpoint: 'http://localhost:8008' } });

test('puts', async () => {
  await put('t', { id: '1' });
});
`,
    });
    expect(findings).toContainEqual(
      expect.objectContaining({
        file: 'src/__tests__/put.test.ts',
        line: 4,
        rule: 'aws-sdk-v3/global-config',
        severity: 'warning',
        message: expect.stringContaining('also reached the clients created by src/put.ts once this had run'),
      }),
    );
  });

  it('leaves settings that reach no client of their file on v2, reported, instead of dropping them', async () => {
    const { changes, findings } = await runOn({
      'package.json': '{ "dependencies": { "aws-sdk": "^2.1000.0" } }\n',
      'src/config.ts': `import AWS from 'aws-sdk';\nAWS.config.update({ region: process.env.REGION, endpoint: 'http://localhost:8000' });\n`,
      'src/index.ts': `import './config';\nexport * from './handler';\n`,
      'src/handler.ts': `import { S3 } from 'aws-sdk';\nconst s3 = new S3();\nexport const h = async () => (await s3.listBuckets().promise()).Buckets;\n`,
    });
    expect(changes.has('src/config.ts')).toBe(false);
    expect(findings).toContainEqual(
      expect.objectContaining({
        file: 'src/config.ts',
        line: 2,
        rule: 'aws-sdk-v3/global-config',
        severity: 'manual',
        message: expect.stringContaining('(region, endpoint) reaches no v3 client of this file'),
      }),
    );
    // the file still loads v2, so aws-sdk stays in package.json and the run says so
    expect(findings).toContainEqual(expect.objectContaining({ file: 'src/config.ts', rule: 'aws-sdk-v3/still-v2' }));
    expect(changes.get('package.json')).toContain('"aws-sdk"');
  });

  it('removes settings no client of their package reads, as before (another app of the repository does not count)', async () => {
    const { changes, findings } = await runOn({
      'server/package.json': '{ "dependencies": { "aws-sdk": "^2.1000.0", "express": "^4.18.0" } }\n',
      'server/src/index.ts': `import express from 'express';\nimport AWS from 'aws-sdk';\n\nAWS.config.update({ region: process.env.region });\nexpress().listen(80);\n`,
      'worker/package.json': '{ "dependencies": { "aws-sdk": "^2.1000.0" } }\n',
      'worker/index.js': `const AWS = require('aws-sdk');\nconst sqs = new AWS.SQS();\nexports.handler = () => sqs.listQueues().promise();\n`,
    });
    expect(changes.get('server/src/index.ts')).toBe(`import express from 'express';\n\nexpress().listen(80);\n`);
    expect(findings).toContainEqual(
      expect.objectContaining({
        file: 'server/src/index.ts',
        line: 4,
        rule: 'aws-sdk-v3/global-config',
        severity: 'info',
      }),
    );
  });

  it('keeps settings made in a function on v2 while the file keeps v2, and warns at the v3 client they miss', async () => {
    const src = `const AWS = require('aws-sdk');
const svc = AWS[process.env.SERVICE];
function make() {
  AWS.config.update({ region: 'eu-west-1' });
  return new AWS.S3();
}
module.exports = { make, svc };
`;
    const { text, findings } = await convertTwice(src);
    // the dynamic service stays v2 and reads AWS.config, so the setting stays for it
    expect(text).toContain(`AWS.config.update({ region: 'eu-west-1' });`);
    expect(text).not.toContain('awsConfig');
    expect(findings).toContainEqual(
      expect.objectContaining({
        rule: 'aws-sdk-v3/global-config',
        line: 5,
        severity: 'warning',
        message: expect.stringContaining('AWS.config set on line 4 stays v2 and does not reach this v3 client'),
      }),
    );
  });
});
