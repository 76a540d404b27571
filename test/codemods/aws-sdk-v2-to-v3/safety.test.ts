// Never code that crashes at the first call: no v3 import collides with a name of the file, and a
// client becomes v3 only when every use of it converts, also in the modules it is passed to.
// Each case runs before (against the fake v2 SDK) and after (v3 clients mocked with
// aws-sdk-client-mock, v2 clients still on the fake), the pattern of behaviour.test.ts.
import { createRequire } from 'node:module';
import { join, posix } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeAws, type Call } from './fake-v2.js';
import { convertTwice, runOn } from './helpers.js';

const req = createRequire(join(import.meta.dirname, '../../../package.json'));
const { mockClient } = req('aws-sdk-client-mock');
const s3v3 = req('@aws-sdk/client-s3');
const sqsv3 = req('@aws-sdk/client-sqs');
const mocks: { restore(): void }[] = [];
afterEach(() => mocks.splice(0).forEach((m) => m.restore()));

type Files = Record<string, string>;
type Exports = Record<string, (...args: any[]) => Promise<unknown>>;

/** Load `entry` of a set of CommonJS modules; relative requires load from `files`, others from `external`. */
function load(files: Files, entry: string, external: (spec: string) => unknown): Exports {
  const cache = new Map<string, { exports: Exports }>();
  const run = (path: string): Exports => {
    const known = cache.get(path);
    if (known) return known.exports;
    const module = { exports: {} as Exports };
    cache.set(path, module);
    const resolve = (spec: string) => {
      const base = posix.join(posix.dirname(path), spec);
      return run(base in files ? base : `${base}.js`);
    };
    new Function('require', 'module', 'exports', files[path])(
      (spec: string) => (spec.startsWith('.') ? resolve(spec) : external(spec)),
      module,
      module.exports,
    );
    return module.exports;
  };
  return run(entry);
}

/** The fake v2 SDK, with S3's presigner (a local computation in v2, no request). */
function fakeV2(script: Record<string, (p: any) => unknown>, calls: Call[]) {
  const aws = fakeAws(script, calls);
  class S3 extends aws.S3 {
    getSignedUrl(op: string, params: { Key: string }) {
      calls.push({ op: 'S3.getSignedUrl', params: { op, ...params } });
      return `https://signed.example/${op}/${params.Key}`;
    }
  }
  return { ...aws, S3 };
}

/** Run `act` on the original files and on the converted ones; both must give the same result and calls. */
async function same(
  files: Files,
  entry: string,
  script: Record<string, (p: any) => unknown>,
  act: (m: Exports) => Promise<unknown>,
) {
  const first = await runOn(files);
  const converted = { ...files, ...Object.fromEntries(first.changes) };
  const again = await runOn(converted);
  expect([...again.changes.keys()]).toEqual([]);

  const before: Call[] = [];
  const v2 = fakeV2(script, before);
  const expected = await act(load(files, entry, (spec) => (spec === 'aws-sdk' ? v2 : req(spec))));

  const after: Call[] = [];
  const stillV2 = fakeV2(script, after);
  for (const [cls, mod, service] of [
    [s3v3.S3Client, s3v3, 'S3'],
    [sqsv3.SQSClient, sqsv3, 'SQS'],
  ] as const) {
    const mock = mockClient(cls);
    mocks.push(mock);
    for (const [key, answer] of Object.entries(script)) {
      const [svc, op] = key.split('.');
      const command = mod[`${op[0].toUpperCase()}${op.slice(1)}Command`];
      if (svc === service && command)
        mock.on(command).callsFake((input: unknown) => (after.push({ op: key, params: input }), answer(input)));
    }
  }
  const actual = await act(load(converted, entry, (spec) => (spec === 'aws-sdk' ? stillV2 : req(spec))));
  expect(actual).toEqual(expected);
  expect(after).toEqual(before);
  return { changes: first.changes, findings: first.findings, result: actual };
}

const listing = { 'S3.listObjectsV2': () => ({ Contents: [{ Key: 'a' }, { Key: 'b' }] }) };

describe("aws-sdk-v2-to-v3: imported names never collide with the file's own", () => {
  it('a client named S3Client inside a function: the import is aliased, no TDZ error', async () => {
    const files = {
      'src/list.js': `const AWS = require('aws-sdk');

exports.list = async (Bucket) => {
  const S3Client = new AWS.S3();
  const out = await S3Client.listObjectsV2({ Bucket }).promise();
  return out.Contents.map((o) => o.Key);
};
`,
    };
    const { changes, result } = await same(files, 'src/list.js', listing, (m) => m.list('b'));
    expect(result).toEqual(['a', 'b']);
    expect(changes.get('src/list.js'))
      .toBe(`const { ListObjectsV2Command, S3Client: S3Client2 } = require('@aws-sdk/client-s3');

exports.list = async (Bucket) => {
  const S3Client = new S3Client2();
  const out = await S3Client.send(new ListObjectsV2Command({ Bucket }));
  return out.Contents.map((o) => o.Key);
};
`);
  });

  it('a wrapper class of the user named S3Client keeps its name; the v3 class is imported under another', async () => {
    const files = {
      'src/storage.js': `const AWS = require('aws-sdk');

class S3Client {
  constructor() {
    this.s3 = new AWS.S3({ region: 'eu-west-1' });
  }

  async keys(Bucket) {
    const out = await this.s3.listObjectsV2({ Bucket }).promise();
    return out.Contents.map((o) => o.Key);
  }
}

exports.keys = (bucket) => new S3Client().keys(bucket);
`,
    };
    const { changes } = await same(files, 'src/storage.js', listing, (m) => m.keys('b'));
    const text = changes.get('src/storage.js')!;
    expect(text).toContain(`const { ListObjectsV2Command, S3Client: S3Client2 } = require('@aws-sdk/client-s3');\n`);
    expect(text).toContain(
      `class S3Client {\n  constructor() {\n    this.s3 = new S3Client2({ region: 'eu-west-1' });`,
    );
  });

  it('ES modules import `X as X2`, and a name taken by a command is aliased too', async () => {
    const { text } = await convertTwice(
      `import AWS from 'aws-sdk';
const S3Client = new AWS.S3();
const ListBucketsCommand = 'list';
export const list = async () => [ListBucketsCommand, (await S3Client.listBuckets().promise()).Buckets];
`,
      {},
      'src/a.mjs',
    );
    expect(text).toBe(`import {
  ListBucketsCommand as ListBucketsCommand2,
  S3Client as S3Client2,
} from '@aws-sdk/client-s3';
const S3Client = new S3Client2();
const ListBucketsCommand = 'list';
export const list = async () => [ListBucketsCommand, (await S3Client.send(new ListBucketsCommand2({}))).Buckets];
`);
  });
});

describe('aws-sdk-v2-to-v3: a client converts only when every use of it does', () => {
  const presign = {
    'src/uploads.js': `const AWS = require('aws-sdk');
AWS.config.update({ region: 'eu-west-1' });
const S3 = new AWS.S3();
const sqs = new AWS.SQS();

exports.uploadUrl = async (Key) => {
  const params = { Bucket: 'uploads', Key, Expires: 60 }; console.debug('presigning', params.Key);
  return await S3.getSignedUrl('putObject', params);
};

exports.exists = async (Key) => {
  const head = await S3.headObject({ Bucket: 'uploads', Key }).promise();
  return head.ContentLength > 0;
};

exports.announce = async (Key) => {
  const sent = await sqs.sendMessage({ QueueUrl: 'q', MessageBody: Key }).promise();
  return sent.MessageId;
};
`,
  };
  const script = { 'S3.headObject': () => ({ ContentLength: 3 }), 'SQS.sendMessage': () => ({ MessageId: 'm-1' }) };

  it('a client with a use that does not convert stays v2 whole and still runs; the others convert', async () => {
    const { changes, findings } = await same(presign, 'src/uploads.js', script, async (m) => [
      await m.uploadUrl('k'),
      await m.exists('k'),
      await m.announce('k'),
    ]);
    const text = changes.get('src/uploads.js')!;
    expect(text).toContain(
      `const AWS = require('aws-sdk');\nconst { SQSClient, SendMessageCommand } = require('@aws-sdk/client-sqs');\n`,
    );
    // the global config stays for the v2 client; the v3 one gets it in its constructor
    expect(text).toContain(
      `AWS.config.update({ region: 'eu-west-1' });\nconst S3 = new AWS.S3();\nconst sqs = new SQSClient({ region: 'eu-west-1' });`,
    );
    expect(text).toContain(`  return await S3.getSignedUrl('putObject', params);`);
    expect(text).toContain(`  const head = await S3.headObject({ Bucket: 'uploads', Key }).promise();`);
    expect(text).toContain(
      `  const sent = await sqs.send(new SendMessageCommand({ QueueUrl: 'q', MessageBody: Key }));`,
    );
    const kept = findings.find((f) => f.rule === 'aws-sdk-v3/client-kept-v2');
    expect(kept).toMatchObject({ file: 'src/uploads.js', line: 3, severity: 'manual' });
    expect(kept!.message).toContain("`S3.getSignedUrl('putObject', params)` at src/uploads.js:8");
    expect(findings).toContainEqual(
      expect.objectContaining({ rule: 'aws-sdk-v3/presigned-url', line: 8, severity: 'manual' }),
    );
    expect(findings).toContainEqual(
      expect.objectContaining({
        rule: 'aws-sdk-v3/global-config',
        line: 2,
        message: expect.stringContaining('stays for the clients kept on v2'),
      }),
    );
  });

  it('an alias of the class stays while a client built from it stays v2', async () => {
    const src = `const AWS = require('aws-sdk');\nconst S3 = AWS.S3;\nconst s3 = new S3();\nexports.url = (Key) => s3.getSignedUrl('getObject', { Bucket: 'b', Key });\n`;
    const { text, findings } = await convertTwice(src);
    expect(text).toBe(src);
    expect(findings.map((f) => f.rule)).toContain('aws-sdk-v3/client-kept-v2');
    expect(findings.map((f) => f.rule)).not.toContain('aws-sdk-v3/unconverted');
  });

  it('a local helper also called with something else keeps the client on v2', async () => {
    const src = `const AWS = require('aws-sdk');
const s3 = new AWS.S3();
function count(client) {
  return client.listObjectsV2({ Bucket: 'b' }).promise();
}
exports.mine = () => count(s3);
exports.theirs = (other) => count(other);
`;
    const { text, findings } = await convertTwice(src);
    expect(text).toBe(src);
    expect(findings.find((f) => f.rule === 'aws-sdk-v3/client-kept-v2')!.message).toContain(
      '`count(other)` at src/index.js:7',
    );
  });

  it('a request object streamed, or a client read for its config, keeps the client on v2', async () => {
    for (const use of [`s3.getObject({ Bucket: 'b', Key: k }).createReadStream()`, 's3.config.region']) {
      const src = `const AWS = require('aws-sdk');\nconst s3 = new AWS.S3();\nexports.a = (k) => s3.headObject({ Bucket: 'b', Key: k }).promise();\nexports.b = (k) => ${use};\n`;
      const { text, findings } = await convertTwice(src);
      expect(text).toBe(src);
      expect(findings).toContainEqual(expect.objectContaining({ rule: 'aws-sdk-v3/client-kept-v2', line: 2 }));
    }
  });

  it('a DocumentClient and the DynamoDB client it wraps convert together or not at all', async () => {
    const src = `const AWS = require('aws-sdk');
const ddb = new AWS.DynamoDB();
const doc = new AWS.DynamoDB.DocumentClient({ service: ddb });
exports.tables = () => ddb.listTables().promise();
exports.each = (p, f) => doc.query(p).eachPage(f);
`;
    const { text, findings } = await convertTwice(src);
    expect(text).toBe(src);
    expect(findings.filter((f) => f.rule === 'aws-sdk-v3/client-kept-v2').map((f) => f.line)).toEqual([2, 3]);
  });

  it('reading S3 event records named like the client is not a use of the client', async () => {
    const { text } = await convertTwice(`const AWS = require('aws-sdk');
const s3 = new AWS.S3();
exports.handler = async (event) => {
  for (const record of event.Records) {
    const { bucket, object } = record.s3;
    await s3.copyObject({ Bucket: 'archive', Key: object.key, CopySource: \`\${bucket.name}/\${object.key}\` }).promise();
  }
};
`);
    expect(text).toContain('await s3.send(new CopyObjectCommand(');
  });
});

describe('aws-sdk-v2-to-v3: clients handed to other modules of the repository', () => {
  const handler = `const AWS = require('aws-sdk');
const { listKeys } = require('./lib/list');

const s3 = new AWS.S3();

exports.handler = async (event) => listKeys(s3, event.bucket);
`;
  const helper = `exports.listKeys = async (client, Bucket) => {
  const out = await client.listObjectsV2({ Bucket }).promise();
  return out.Contents.map((o) => o.Key);
};
`;

  it('a helper that converts too: caller and helper both move to v3', async () => {
    const files = { 'src/handler.js': handler, 'src/lib/list.js': helper };
    const { changes, result } = await same(files, 'src/handler.js', listing, (m) => m.handler({ bucket: 'b' }));
    expect(result).toEqual(['a', 'b']);
    expect(changes.get('src/handler.js')).toContain('const s3 = new S3Client();');
    expect(changes.get('src/lib/list.js')).toBe(`const { ListObjectsV2Command } = require('@aws-sdk/client-s3');
exports.listKeys = async (client, Bucket) => {
  const out = await client.send(new ListObjectsV2Command({ Bucket }));
  return out.Contents.map((o) => o.Key);
};
`);
  });

  it("a helper with a use that does not convert: both stay v2, and the finding names the helper's line", async () => {
    const files = {
      'src/handler.js': `${handler}exports.read = (key) => streamOf(s3, key);\n`.replace(
        '{ listKeys }',
        '{ listKeys, streamOf }',
      ),
      'src/lib/list.js': `${helper}exports.streamOf = (client, Key) => client.getObject({ Bucket: 'b', Key }).createReadStream();\n`,
    };
    const { changes, findings, result } = await same(files, 'src/handler.js', listing, (m) =>
      m.handler({ bucket: 'b' }),
    );
    expect(result).toEqual(['a', 'b']);
    expect(changes.size).toBe(0);
    const kept = findings.find((f) => f.rule === 'aws-sdk-v3/client-kept-v2');
    expect(kept).toMatchObject({ file: 'src/handler.js', line: 4 });
    expect(kept!.message).toContain("`client.getObject({ Bucket: 'b', Key })` at src/lib/list.js:5");
    expect(findings).toContainEqual(
      expect.objectContaining({ file: 'src/lib/list.js', line: 5, rule: 'aws-sdk-v3/request-object' }),
    );
  });

  it('a helper also called by another module with its own v2 client moves with both callers', async () => {
    const files = {
      'src/handler.js': handler,
      'src/report.js': `const { S3 } = require('aws-sdk');\nconst { listKeys } = require('./lib/list');\nconst storage = new S3({ region: 'us-east-1' });\nexports.count = async () => (await listKeys(storage, 'r')).length;\n`,
      'src/lib/list.js': helper,
    };
    const { changes } = await same(files, 'src/report.js', listing, (m) => m.count());
    expect([...changes.keys()].sort()).toEqual(['src/handler.js', 'src/lib/list.js', 'src/report.js']);
  });

  it('a client exported to a module that cannot convert its use stays v2 in both', async () => {
    const files = {
      'src/clients.js': `const AWS = require('aws-sdk');\nconst s3 = new AWS.S3();\nconst sqs = new AWS.SQS();\nmodule.exports = { s3, sqs };\n`,
      'src/links.js': `const { s3, sqs } = require('./clients');\nexports.link = (Key) => s3.getSignedUrl('getObject', { Bucket: 'b', Key });\nexports.send = (b) => sqs.sendMessage({ QueueUrl: 'q', MessageBody: b }).promise();\n`,
    };
    const { changes, findings } = await same(
      files,
      'src/links.js',
      { 'SQS.sendMessage': () => ({ MessageId: 'm' }) },
      async (m) => [m.link('k'), await m.send('x')],
    );
    expect(changes.get('src/clients.js')).toBe(
      `const AWS = require('aws-sdk');\nconst { SQSClient } = require('@aws-sdk/client-sqs');\nconst s3 = new AWS.S3();\nconst sqs = new SQSClient();\nmodule.exports = { s3, sqs };\n`,
    );
    expect(changes.get('src/links.js')).toContain(
      `sqs.send(new SendMessageCommand({ QueueUrl: 'q', MessageBody: b }))`,
    );
    expect(changes.get('src/links.js')).toContain(`s3.getSignedUrl('getObject', { Bucket: 'b', Key })`);
    expect(findings).toContainEqual(
      expect.objectContaining({ file: 'src/clients.js', line: 2, rule: 'aws-sdk-v3/client-kept-v2' }),
    );
  });

  it('a module that loads the client module in a form not followed keeps the client on v2', async () => {
    const files = {
      'src/clients/s3.js': `const AWS = require('aws-sdk');\nexports.s3 = new AWS.S3();\n`,
      'src/clients/index.js': `module.exports = { ...require('./s3') };\n`,
      'src/use.js': `const { s3 } = require('./clients');\nexports.list = () => s3.listBuckets().promise();\n`,
    };
    const { changes, findings } = await runOn(files);
    expect(changes.size).toBe(0);
    expect(findings).toContainEqual(
      expect.objectContaining({ file: 'src/clients/index.js', line: 1, rule: 'aws-sdk-v3/client-use' }),
    );
  });

  it('a client re-exported by an index module converts with its importers', async () => {
    const files = {
      'src/clients/s3.ts': `import AWS from 'aws-sdk';\nexport const s3 = new AWS.S3();\n`,
      'src/clients/index.ts': `export { s3 } from './s3';\n`,
      'src/use.ts': `import { s3 } from './clients';\nexport const list = () => s3.listBuckets().promise();\n`,
    };
    const { changes } = await runOn(files);
    expect(changes.get('src/clients/s3.ts')).toContain('export const s3 = new S3Client();');
    expect(changes.get('src/use.ts')).toContain('s3.send(new ListBucketsCommand({}))');
  });

  it('a client returned by a factory of another module converts with the calls made on it there', async () => {
    const files = {
      'src/clients.js': `const AWS = require('aws-sdk');\nlet cached;\nexports.storage = () => {\n  if (!cached) cached = new AWS.S3();\n  return cached;\n};\n`,
      'src/use.js': `const { storage } = require('./clients');\nexports.keys = async (Bucket) => (await storage().listObjectsV2({ Bucket }).promise()).Contents.map((o) => o.Key);\n`,
    };
    const { changes, result } = await same(files, 'src/use.js', listing, (m) => m.keys('b'));
    expect(result).toEqual(['a', 'b']);
    expect(changes.get('src/use.js')).toContain('storage().send(new ListObjectsV2Command({ Bucket }))');
  });
});
