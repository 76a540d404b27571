// Manual token loops -> v3 paginators where exactly equivalent; createPresignedPost -> s3-presigned-post.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeAws, type Call } from './fake-v2.js';
import { convertTwice } from './helpers.js';

const head = `const AWS = require('aws-sdk');\nconst s3 = new AWS.S3();\n`;
const loop = `${head}exports.keys = async (bucket) => {
  const keys = [];
  let token;
  do {
    const page = await s3.listObjectsV2({ Bucket: bucket, ContinuationToken: token }).promise();
    // one page of keys
    for (const o of page.Contents) keys.push(o.Key);
    token = page.NextContinuationToken;
  } while (token);
  return keys;
};
`;

describe('aws-sdk-v2-to-v3: pagination', () => {
  it('converts an exact ContinuationToken do/while loop to paginateListObjectsV2', async () => {
    const { text, findings } = await convertTwice(loop);
    expect(text).toBe(`const { S3Client, paginateListObjectsV2 } = require('@aws-sdk/client-s3');
const s3 = new S3Client();
exports.keys = async (bucket) => {
  const keys = [];
  for await (const page of paginateListObjectsV2({ client: s3 }, { Bucket: bucket })) {
    // one page of keys
    for (const o of page.Contents) keys.push(o.Key);
  }
  return keys;
};
`);
    expect(findings).toContainEqual(
      expect.objectContaining({ rule: 'aws-sdk-v3/pagination', severity: 'info', line: 6 }),
    );
  });

  it('converts DocumentClient scan loops with ExclusiveStartKey (shorthand) to lib-dynamodb paginateScan', async () => {
    const { text } = await convertTwice(
      `const AWS = require('aws-sdk');\nconst doc = new AWS.DynamoDB.DocumentClient();\nexports.all = async () => {\n  const items = [];\n  let ExclusiveStartKey;\n  do {\n    const res = await doc.scan({ TableName: 't', ExclusiveStartKey }).promise();\n    items.push(...res.Items);\n    ExclusiveStartKey = res.LastEvaluatedKey;\n  } while (ExclusiveStartKey);\n  return items;\n};\n`,
    );
    expect(text).toContain(
      `  for await (const res of paginateScan({ client: doc }, { TableName: 't' })) {\n    items.push(...res.Items);\n  }\n  return items;`,
    );
    expect(text).toContain(`const { DynamoDBDocumentClient, paginateScan } = require('@aws-sdk/lib-dynamodb');`);
  });

  it.each([
    ['the token is read after the loop', loop.replace('  return keys;', '  return [keys, token];')],
    [
      'the body continues',
      loop.replace('for (const o of page.Contents) keys.push(o.Key);', 'if (!page.Contents) continue;'),
    ],
    ['the loop runs on IsTruncated', loop.replace('} while (token);', '} while (page.IsTruncated);')],
    ['the token starts with a value', loop.replace('let token;', 'let token = start;')],
  ])('keeps the loop (calls converted one by one) and notes it when %s', async (_why, src) => {
    const { text, findings } = await convertTwice(src);
    expect(text).not.toContain('paginate');
    expect(text).toContain('await s3.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }))');
    expect(findings).toContainEqual(expect.objectContaining({ rule: 'aws-sdk-v3/pagination', line: 7 }));
  });

  it('reports eachPage', async () => {
    const { findings } = await convertTwice(
      `${head}s3.listObjectsV2({ Bucket: 'b' }).eachPage((err, page) => !!page);\n`,
    );
    expect(findings).toContainEqual(
      expect.objectContaining({ rule: 'aws-sdk-v3/each-page', line: 3, severity: 'manual' }),
    );
  });
});

describe('aws-sdk-v2-to-v3: createPresignedPost', () => {
  it('awaits createPresignedPost from @aws-sdk/s3-presigned-post with Key beside Fields', async () => {
    const { text } = await convertTwice(
      `${head}exports.form = async (key) => {\n  const post = s3.createPresignedPost({\n    Bucket: 'b',\n    Fields: { key, acl: 'private' },\n    Expires: 300,\n  });\n  return s3.createPresignedPost({ Bucket: 'b', Fields: { key: 'x/' + key } }).url;\n};\n`,
    );
    expect(text).toBe(
      `const { S3Client } = require('@aws-sdk/client-s3');\nconst { createPresignedPost } = require('@aws-sdk/s3-presigned-post');\nconst s3 = new S3Client();\nexports.form = async (key) => {\n  const post = await createPresignedPost(s3, {\n    Key: key,\n    Bucket: 'b',\n    Fields: { acl: 'private' },\n    Expires: 300,\n  });\n  return (await createPresignedPost(s3, { Key: 'x/' + key, Bucket: 'b' })).url;\n};\n`,
    );
  });

  it('reports the callback form and code outside async functions', async () => {
    const { text, findings } = await convertTwice(
      `${head}exports.a = (k, cb) => s3.createPresignedPost({ Bucket: 'b', Fields: { key: k } }, cb);\nexports.b = (k) => s3.createPresignedPost({ Bucket: 'b', Fields: { key: k } });\n`,
    );
    expect(text).toContain(`s3.createPresignedPost({ Bucket: 'b', Fields: { key: k } }, cb)`);
    expect(findings.filter((f) => f.rule === 'aws-sdk-v3/presigned-post').map((f) => f.line)).toEqual([3, 4]);
  });
});

const req = createRequire(join(import.meta.dirname, '../../../package.json'));
const { mockClient } = req('aws-sdk-client-mock');
const s3v3 = req('@aws-sdk/client-s3');
const mocks: { restore(): void }[] = [];
afterEach(() => mocks.splice(0).forEach((m) => m.restore()));

function load(text: string, resolve: (spec: string) => unknown) {
  const module = { exports: {} as Record<string, (...args: any[]) => Promise<unknown>> };
  new Function('require', 'module', 'exports', text)(resolve, module, module.exports);
  return module.exports;
}

describe('aws-sdk-v2-to-v3: pagination, behaviour', () => {
  it('the paginator makes the same requests and yields the same pages as the v2 loop', async () => {
    const pages: Record<string, { Contents: { Key: string }[]; NextContinuationToken?: string }> = {
      start: { Contents: [{ Key: 'a' }, { Key: 'b' }], NextContinuationToken: 't1' },
      t1: { Contents: [{ Key: 'c' }], NextContinuationToken: 't2' },
      t2: { Contents: [{ Key: 'd' }] },
    };
    const answer = (p: { ContinuationToken?: string }) => pages[p.ContinuationToken ?? 'start'];
    const calls: Call[] = [];
    const before = await load(loop, () => fakeAws({ 'S3.listObjectsV2': answer }, calls)).keys('bkt');
    const { text } = await convertTwice(loop);
    const mock = mockClient(s3v3.S3Client);
    mocks.push(mock);
    // the paginator reuses one input object across pages: record each request as it is sent
    const sent: Record<string, unknown>[] = [];
    mock
      .on(s3v3.ListObjectsV2Command)
      .callsFake((input: Record<string, unknown>) => (sent.push({ ...input }), answer(input)));
    const after = await load(text, (spec) => req(spec)).keys('bkt');
    expect(before).toEqual(['a', 'b', 'c', 'd']);
    expect(after).toEqual(before);
    const strip = (p: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined));
    expect(sent.map(strip)).toEqual(calls.map((c) => strip(c.params as Record<string, unknown>)));
  });
});
