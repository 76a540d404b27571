// Client methods and helpers that are not plain operations: presigned URLs and POSTs, AWS.util,
// AWS.Endpoint and a DocumentClient built on a given service. The presigned URL behaviour test
// runs the converted module against the real @aws-sdk/s3-request-presigner.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertTwice } from './helpers.js';

const req = createRequire(join(import.meta.dirname, '../../../package.json'));
const head = `const AWS = require('aws-sdk');\nconst s3 = new AWS.S3();\n`;
const rules = (findings: { rule: string }[]) => findings.map((f) => f.rule);

describe('aws-sdk-v2-to-v3: getSignedUrl', () => {
  it('awaits the sync form in async code and moves Expires to expiresIn', async () => {
    const { text } = await convertTwice(`${head}exports.a = async (k) => {
  const url = s3.getSignedUrl('getObject', { Bucket: 'b', Key: k, Expires: 60 });
  return [url, s3.getSignedUrl('putObject', { Expires: 30, Bucket: 'b', Key: k }).replace('https:', 'http:')];
};
exports.b = async (k) => await s3.getSignedUrl('headObject', { Bucket: 'b', Key: k });
`);
    expect(text).toContain(`const { getSignedUrl } = require('@aws-sdk/s3-request-presigner');`);
    expect(text).toContain(
      `const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket: 'b', Key: k }), { expiresIn: 60 });`,
    );
    expect(text).toContain(
      `(await getSignedUrl(s3, new PutObjectCommand({ Bucket: 'b', Key: k }), { expiresIn: 30 })).replace('https:', 'http:')`,
    );
    expect(text).toContain(
      `exports.b = async (k) => await getSignedUrl(s3, new HeadObjectCommand({ Bucket: 'b', Key: k }));`,
    );
  });

  it('keeps v2 defaults: Expires 0 or absent is 900 s, a value that may be undefined gets `|| 900`', async () => {
    const { text, findings } = await convertTwice(`${head}const TTL = 5 * 60;
exports.a = (k) => s3.getSignedUrlPromise('getObject', { Bucket: 'b', Key: k, Expires: TTL });
exports.b = (k, ttl) => s3.getSignedUrlPromise('getObject', { Bucket: 'b', Key: k, Expires: ttl });
exports.c = (k) => s3.getSignedUrlPromise('getObject', { Bucket: 'b', Key: k, Expires: 0 });
`);
    expect(text).toContain(`getSignedUrl(s3, new GetObjectCommand({ Bucket: 'b', Key: k }), { expiresIn: TTL })`);
    expect(text).toContain(
      `getSignedUrl(s3, new GetObjectCommand({ Bucket: 'b', Key: k }), { expiresIn: ttl || 900 })`,
    );
    expect(text).toContain(`exports.c = (k) => getSignedUrl(s3, new GetObjectCommand({ Bucket: 'b', Key: k }));`);
    expect(findings).toContainEqual(
      expect.objectContaining({ rule: 'aws-sdk-v3/presigned-url-expiry', line: 5, severity: 'info' }),
    );
  });

  it('takes params from a const literal the file never changes, and nothing else', async () => {
    const { text, findings } = await convertTwice(`${head}const own = new AWS.S3();
const params = { Bucket: 'b', Key: 'k' };
const timed = { Bucket: 'b', Key: 'k', Expires: 60 };
const changed = { Bucket: 'b', Key: 'k' };
changed.Expires = 60;
exports.a = () => own.getSignedUrlPromise('getObject', params);
exports.b = () => s3.getSignedUrlPromise('getObject', timed);
exports.c = () => s3.getSignedUrlPromise('getObject', changed);
exports.d = (p) => s3.getSignedUrlPromise('getObject', p);
exports.e = (p) => s3.getSignedUrlPromise('getObject', { ...p, Key: 'k' });
exports.f = () => timed;
`);
    expect(text).toContain(`exports.a = () => getSignedUrl(own, new GetObjectCommand(params));`);
    expect(text).toContain(`exports.b = () => s3.getSignedUrlPromise('getObject', timed);`);
    expect(findings.filter((f) => f.rule === 'aws-sdk-v3/presigned-url').map((f) => f.line)).toEqual([9, 10, 11, 12]);
  });

  it('moves Expires out of a const params object that only this call reads (serverless/examples signed uploads)', async () => {
    const { text, findings } = await convertTwice(`import AWS from 'aws-sdk';
export const handler = async (event) => {
  const S3 = new AWS.S3({ signatureVersion: 'v4', region: 'us-east-1' });
  const params = {
    Bucket: 'b',
    Key: event.key,
    Expires: 30,
  };
  const url = await S3.getSignedUrl('putObject', params);
  return url;
};
`);
    expect(text).toBe(`import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
export const handler = async (event) => {
  const S3 = new S3Client({ region: 'us-east-1' });
  const params = {
    Bucket: 'b',
    Key: event.key,
  };
  const url = await getSignedUrl(S3, new PutObjectCommand(params), { expiresIn: 30 });
  return url;
};
`);
    expect(findings).toEqual([]);
  });

  it('leaves the sync form where await cannot be written, and expiries SigV4 refuses', async () => {
    const src = `${head}const url = s3.getSignedUrl('getObject', { Bucket: 'b', Key: 'k' });
exports.a = function () { return s3.getSignedUrl('getObject', { Bucket: 'b', Key: 'k' }); };
exports.b = async () => s3.getSignedUrl('getObject', { Bucket: 'b', Key: 'k', Expires: 30 * 86400 });
`;
    const { text, findings } = await convertTwice(src);
    expect(text).toContain(`const url = s3.getSignedUrl('getObject', { Bucket: 'b', Key: 'k' });`);
    expect(text).toContain(`return s3.getSignedUrl('getObject', { Bucket: 'b', Key: 'k' });`);
    expect(text).toContain(`s3.getSignedUrl('getObject', { Bucket: 'b', Key: 'k', Expires: 30 * 86400 })`);
    expect(findings.filter((f) => f.rule === 'aws-sdk-v3/presigned-url').map((f) => f.line)).toEqual([3, 4, 5]);
  });

  it('uses top-level await in an ES module file (.mjs)', async () => {
    const { text } = await convertTwice(
      `import AWS from 'aws-sdk';\nconst s3 = new AWS.S3();\nexport const url = s3.getSignedUrl('getObject', { Bucket: 'b', Key: 'k' });\n`,
      {},
      'src/url.mjs',
    );
    expect(text).toBe(`import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
const s3 = new S3Client();
export const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket: 'b', Key: 'k' }));
`);
  });

  it('feeds a named callback from the promise; leaves inline callbacks', async () => {
    const { text, findings } = await convertTwice(`${head}const own = new AWS.S3();
exports.a = (k, done) => {
  own.getSignedUrl('getObject', { Bucket: 'b', Key: k, Expires: 60 }, done);
};
exports.b = (k) => {
  s3.getSignedUrl('getObject', { Bucket: 'b', Key: k }, (err, url) => console.log(url));
};
`);
    expect(text).toContain(
      `  getSignedUrl(own, new GetObjectCommand({ Bucket: 'b', Key: k }), { expiresIn: 60 }).then((url) => done(null, url), done);`,
    );
    expect(text).toContain(`  s3.getSignedUrl('getObject', { Bucket: 'b', Key: k }, (err, url) => console.log(url));`);
    expect(findings).toContainEqual(expect.objectContaining({ rule: 'aws-sdk-v3/presigned-url', line: 8 }));
  });

  it('warns when the file signs with another signatureVersion', async () => {
    const { findings } = await convertTwice(
      `const AWS = require('aws-sdk');\nconst s3 = new AWS.S3({ signatureVersion: 'v2' });\nexports.a = (k) => s3.getSignedUrlPromise('getObject', { Bucket: 'b', Key: k });\n`,
    );
    expect(findings).toContainEqual(
      expect.objectContaining({ rule: 'aws-sdk-v3/presigned-url-signature', line: 3, severity: 'warning' }),
    );
    const v4 = await convertTwice(
      `const AWS = require('aws-sdk');\nconst s3 = new AWS.S3({ signatureVersion: 'v4' });\nexports.a = (k) => s3.getSignedUrlPromise('getObject', { Bucket: 'b', Key: k });\n`,
    );
    expect(rules(v4.findings)).not.toContain('aws-sdk-v3/presigned-url-signature');
  });
});

/** The v2 module's intent and the v3 URL, both reduced to what a presigned URL is for. */
interface Intent {
  op: string;
  bucket: string;
  key: string;
  expires: number;
}

function load(text: string, resolve: (spec: string) => unknown): Record<string, (...args: any[]) => any> {
  const module = { exports: {} as Record<string, (...args: any[]) => any> };
  new Function('require', 'module', 'exports', text)(resolve, module, module.exports);
  return module.exports;
}

/** A v2 S3 whose presigning records what it was asked for, in the answer's place. */
function fakeV2(): unknown {
  const intent = (op: string, p: any): string =>
    JSON.stringify({ op, bucket: p.Bucket, key: p.Key, expires: p.Expires || 900 });
  class S3 {
    getSignedUrl(op: string, p: any, cb?: (e: unknown, url?: string) => void) {
      if (!cb) return intent(op, p);
      setImmediate(() => cb(null, intent(op, p)));
    }
    async getSignedUrlPromise(op: string, p: any) {
      return intent(op, p);
    }
  }
  return { S3 };
}

function intentOfUrl(url: string): Intent {
  const u = new URL(url);
  const op = u.searchParams.get('x-id')!;
  return {
    op: op[0].toLowerCase() + op.slice(1),
    bucket: u.hostname.split('.')[0],
    key: decodeURIComponent(u.pathname.slice(1)),
    expires: Number(u.searchParams.get('X-Amz-Expires')),
  };
}

describe('aws-sdk-v2-to-v3: presigned URLs behave as v2 meant', () => {
  const v2 = `const AWS = require('aws-sdk');
const s3 = new AWS.S3({ region: 'eu-west-1', signatureVersion: 'v4', accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' });
const TTL = 120;
exports.download = async (key) => {
  const url = s3.getSignedUrl('getObject', { Bucket: 'photos', Key: key, Expires: 60 });
  return url;
};
exports.upload = (key) => s3.getSignedUrlPromise('putObject', { Bucket: 'photos', Key: key, ContentType: 'image/png' });
exports.later = (key, ttl, done) => {
  s3.getSignedUrl('getObject', { Bucket: 'photos', Key: key, Expires: ttl }, done);
};
exports.timed = (key) => s3.getSignedUrlPromise('getObject', { Bucket: 'photos', Key: key, Expires: TTL });
`;
  const viaCallback = (fn: any, ...args: unknown[]) =>
    new Promise<string>((resolve, reject) => fn(...args, (e: unknown, url: string) => (e ? reject(e) : resolve(url))));

  it('signs the same bucket, key, operation and expiry with the real presigner', async () => {
    const { text } = await convertTwice(v2);
    expect(text).not.toContain("aws-sdk'");
    const before = load(v2, () => fakeV2());
    const after = load(text, (spec) => req(spec));
    const runs: [string, (m: any) => Promise<string>][] = [
      ['download', (m) => m.download('a/b.jpg')],
      ['upload', (m) => m.upload('c.png')],
      ['later with ttl', (m) => viaCallback(m.later, 'd.jpg', 300)],
      ['later without ttl', (m) => viaCallback(m.later, 'e.jpg', undefined)],
      ['timed', (m) => m.timed('f.jpg')],
    ];
    for (const [name, run] of runs) {
      const wanted = JSON.parse(await run(before)) as Intent;
      const url = await run(after);
      expect(url, name).toMatch(/^https:\/\/photos\.s3\.eu-west-1\.amazonaws\.com\//);
      expect(url, name).toContain('X-Amz-Credential=AKIDEXAMPLE%2F');
      expect(intentOfUrl(url), name).toEqual(wanted);
    }
  });
});

describe('aws-sdk-v2-to-v3: createPresignedPost', () => {
  it('feeds a named callback, and awaits at the top of an ES module', async () => {
    const cb = await convertTwice(
      `${head}exports.a = (key, done) => {\n  s3.createPresignedPost({ Bucket: 'b', Fields: { key } }, done);\n};\n`,
    );
    expect(cb.text).toContain(
      `  createPresignedPost(s3, { Key: key, Bucket: 'b' }).then((post) => done(null, post), done);`,
    );
    const esm = await convertTwice(
      `import AWS from 'aws-sdk';\nconst s3 = new AWS.S3();\nexport const form = s3.createPresignedPost({ Bucket: 'b', Fields: { key: 'k' } }).fields;\n`,
      {},
      'a.mts',
    );
    expect(esm.text).toContain(
      `export const form = (await createPresignedPost(s3, { Key: 'k', Bucket: 'b' })).fields;`,
    );
  });
});

describe('aws-sdk-v2-to-v3: AWS.util helpers', () => {
  it('turns arrayEach, arraySliceFn and copy on literals into plain JavaScript and drops aws-sdk', async () => {
    const { text } = await convertTwice(`const AWS = require('aws-sdk')
const data = [1, 2, 3]
const seen = []
AWS.util.arrayEach(['a', 'b'], (item, i) => { seen.push(item + i) })
AWS.util.arrayEach(data, function (n) { seen.push(n) })
const slice = AWS.util.arraySliceFn(data)
const copy = AWS.util.copy({ a: 1 })
module.exports = { seen, part: slice.call(data, 1), copy }
`);
    expect(text).toBe(`const data = [1, 2, 3]
const seen = []
;['a', 'b'].forEach((item, i) => { seen.push(item + i) })
data.forEach(function (n) { seen.push(n) })
const slice = data.slice
const copy = Object.assign({}, { a: 1 })
module.exports = { seen, part: slice.call(data, 1), copy }
`);
    const mod = load(text, () => {
      throw new Error('no require');
    });
    expect(mod).toEqual({ seen: ['a0', 'b1', 1, 2, 3], part: [2, 3], copy: { a: 1 } });
  });

  it('leaves calls whose arguments or iterators could behave differently', async () => {
    const src = `const AWS = require('aws-sdk');
exports.a = (list) => AWS.util.arrayEach(list, (x) => x);
exports.b = (fn) => AWS.util.arrayEach([1], fn);
exports.c = function () { AWS.util.arrayEach([1], function () { return this; }); };
exports.d = (o) => AWS.util.copy(o);
exports.e = () => AWS.util.copy({ __proto__: { inherited: 1 } });
exports.f = () => AWS.util.uuid.v4();
`;
    const { text, findings } = await convertTwice(src);
    expect(text).toBe(src);
    expect(findings.filter((f) => f.rule === 'aws-sdk-v3/util').map((f) => f.line)).toEqual([2, 3, 4, 5, 6]);
  });

  it('leaves arrayEach in a file that uses AWS.util.abort', async () => {
    const src = `const AWS = require('aws-sdk');\nAWS.util.arrayEach([1, 2], (n) => (n > 1 ? AWS.util.abort : undefined));\n`;
    const { text, findings } = await convertTwice(src);
    expect(text).toBe(src);
    expect(findings).toContainEqual(expect.objectContaining({ rule: 'aws-sdk-v3/util', line: 2 }));
  });

  it('keeps a destructured util binding, converting what it can', async () => {
    const { text } = await convertTwice(
      `const { util } = require('aws-sdk');\nexports.a = () => util.copy({ a: 1 });\nexports.b = () => util.uuid.v4();\n`,
    );
    expect(text).toBe(
      `const { util } = require('aws-sdk');\nexports.a = () => Object.assign({}, { a: 1 });\nexports.b = () => util.uuid.v4();\n`,
    );
  });
});

describe('aws-sdk-v2-to-v3: AWS.Endpoint', () => {
  it('becomes the URL string where it only feeds client endpoints', async () => {
    const { text } = await convertTwice(
      `import { DynamoDB, Endpoint, S3 } from 'aws-sdk';
const local = new Endpoint('http://localhost:8000');
export const ddb = new DynamoDB({ endpoint: local, region: 'us-east-1' });
export const s3 = new S3({ endpoint: new Endpoint(\`https://\${process.env.HOST}\`) });
const unused = new Endpoint("http://localhost:4566/");
`,
      {},
      'src/a.ts',
    );
    expect(text).toBe(`import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
const local = 'http://localhost:8000';
export const ddb = new DynamoDBClient({ endpoint: local, region: 'us-east-1' });
export const s3 = new S3Client({ endpoint: \`https://\${process.env.HOST}\` });
const unused = "http://localhost:4566/";
`);
    const { DynamoDBClient } = req('@aws-sdk/client-dynamodb');
    const endpoint = await new DynamoDBClient({
      endpoint: 'http://localhost:8000',
      region: 'us-east-1',
    }).config.endpoint();
    expect(endpoint).toMatchObject({ protocol: 'http:', hostname: 'localhost', port: 8000 });
  });

  it('leaves bare hosts, other uses and exported endpoints', async () => {
    const src = `const AWS = require('aws-sdk');
const bare = new AWS.Endpoint('localhost:8000');
const read = new AWS.Endpoint('http://localhost:8000');
console.log(read.hostname);
exports.ep = new AWS.Endpoint('http://localhost:8000');
const typed: AWS.Endpoint = new AWS.Endpoint('http://localhost:8000');
`;
    const { text, findings } = await convertTwice(src, {}, 'src/a.ts');
    expect(text).toBe(src);
    expect(findings.filter((f) => f.rule === 'aws-sdk-v3/endpoint').map((f) => f.line)).toEqual([2, 3, 5, 6]);
  });
});

describe('aws-sdk-v2-to-v3: DocumentClient on a given service', () => {
  it('converts a service created in place along with the DocumentClient', async () => {
    const { text } = await convertTwice(`const AWS = require('aws-sdk');
const doc = new AWS.DynamoDB.DocumentClient({
  convertEmptyValues: true,
  service: new AWS.DynamoDB({ region: 'eu-west-1', maxRetries: 2 }),
});
exports.get = (id) => doc.get({ TableName: 't', Key: { id } }).promise();
`);
    expect(text).toContain(
      `const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-1', maxAttempts: 3 }), { marshallOptions: { removeUndefinedValues: true, convertEmptyValues: true } });`,
    );
    expect(text).toContain(`exports.get = (id) => doc.send(new GetCommand({ TableName: 't', Key: { id } }));`);
  });

  it('drops client options v2 ignored beside service, and warns about a service it cannot see', async () => {
    const { text, findings } = await convertTwice(`const AWS = require('aws-sdk');
const ddb = new AWS.DynamoDB();
const a = new AWS.DynamoDB.DocumentClient({ service: ddb, region: 'x' });
const b = new AWS.DynamoDB.DocumentClient({ service: shared });
`);
    expect(text).toContain(
      `const a = DynamoDBDocumentClient.from(ddb, { marshallOptions: { removeUndefinedValues: true } });`,
    );
    expect(text).toContain(
      `const b = DynamoDBDocumentClient.from(shared, { marshallOptions: { removeUndefinedValues: true } });`,
    );
    expect(findings).toContainEqual(
      expect.objectContaining({ rule: 'aws-sdk-v3/document-client-options', line: 3, severity: 'warning' }),
    );
    expect(findings).toContainEqual(
      expect.objectContaining({ rule: 'aws-sdk-v3/document-client-service', line: 4, severity: 'warning' }),
    );
  });
});
