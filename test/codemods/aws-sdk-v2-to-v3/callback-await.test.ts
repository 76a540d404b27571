// v2 callbacks become `await` only where that is the same program; elsewhere `send(cmd, cb)` stays.
// The behaviour tests run each v2 function on a recording fake and its conversion on the real v3
// client mocked with aws-sdk-client-mock, and compare what they did once both have settled.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeAws, V2Error, type Call } from './fake-v2.js';
import { convertTwice } from './helpers.js';

const head = `const AWS = require('aws-sdk');\nconst s3 = new AWS.S3();\n`;

describe('aws-sdk-v2-to-v3: callbacks to await', () => {
  it('if/else on err in a tail call: error body in catch, success body after the try', async () => {
    const { text, findings } = await convertTwice(`${head}exports.read = async (key, log) => {
  log.push('start');
  s3.getObject({ Bucket: 'b', Key: key }, (err, data) => {
    if (err) {
      // not there
      log.push('missing ' + err.code);
    } else {
      const text = data.Body.toString();
      log.push(text);
    }
  });
};
`);
    expect(text).toContain(`exports.read = async (key, log) => {
  log.push('start');
  let data;
  try {
    data = await s3.send(new GetObjectCommand({ Bucket: 'b', Key: key }));
  } catch (err) {
    // not there
    log.push('missing ' + err.name);
    return;
  }
  const text = await data.Body.transformToString();
  log.push(text);
};
`);
    expect(findings).toContainEqual(
      expect.objectContaining({ rule: 'aws-sdk-v3/callback-await', line: 5, severity: 'info' }),
    );
  });

  it("`if (err) return x;` then more: returns keep the function's result undefined", async () => {
    const { text } = await convertTwice(`${head}exports.put = async function (key, cb) {
  if (key) {
    s3.putObject({ Bucket: 'b', Key: key }, function (err) {
      if (err) return cb(err);
      cb(null, 'ok');
      return { done: true };
    });
  }
};
`);
    expect(text).toContain(`  if (key) {
    try {
      await s3.send(new PutObjectCommand({ Bucket: 'b', Key: key }));
    } catch (err) {
      cb(err); return;
    }
    cb(null, 'ok');
  }
};
`);
  });

  it('`if (err) throw err;` needs no try; nested returns get braces', async () => {
    const { text } = await convertTwice(`${head}exports.list = async (out) => {
  s3.listBuckets((err, data) => {
    if (err != null) throw err;
    for (const b of data.Buckets) {
      if (!b) return out.push(null);
      out.push(b.Name);
    }
  });
};
`);
    expect(text).toContain(`exports.list = async (out) => {
  const data = await s3.send(new ListBucketsCommand({}));
  for (const b of data.Buckets) {
    if (!b) { out.push(null); return; }
    out.push(b.Name);
  }
};
`);
  });

  it('aggregated style awaits the method itself', async () => {
    const { text } = await convertTwice(
      `${head}exports.h = async (log) => {\n  s3.headBucket({ Bucket: 'b' }, (err) => {\n    if (err) log.push(err.statusCode);\n  });\n};\n`,
      { style: 'aggregated' },
    );
    expect(text).toContain(
      `exports.h = async (log) => {\n  try {\n    await s3.headBucket({ Bucket: 'b' });\n  } catch (err) {\n    log.push(err.$metadata?.httpStatusCode);\n  }\n};\n`,
    );
  });

  it('in TypeScript, keeps the callback when the error body reads fields of err (catch variables are unknown)', async () => {
    const src = `import AWS from 'aws-sdk';\nconst s3 = new AWS.S3();\nexport async function f(out: string[]) {\n  s3.listBuckets((err, data) => {\n    if (err) return out.push(err.code);\n    out.push(String(data.Buckets));\n  });\n}\n`;
    expect((await convertTwice(src, {}, 'src/a.ts')).text).toContain(
      's3.send(new ListBucketsCommand({}), (err, data) => {',
    );
    const rethrow = src.replace('return out.push(err.code)', 'throw err');
    expect((await convertTwice(rethrow, {}, 'src/a.ts')).text).toContain(
      '  const data = await s3.send(new ListBucketsCommand({}));\n  out.push(String(data.Buckets));\n}',
    );
  });

  it.each([
    [
      'code runs after the call',
      `exports.f = async (out) => {\n  s3.listBuckets((err, data) => {\n    if (err) throw err;\n    out.push(data);\n  });\n  out.push('after');\n};\n`,
    ],
    [
      'the function is not async',
      `exports.f = (out) => {\n  s3.listBuckets((err, data) => {\n    if (err) throw err;\n    out.push(data);\n  });\n};\n`,
    ],
    [
      'the call is in a loop',
      `exports.f = async (out) => {\n  for (const x of out) {\n    s3.listBuckets((err, data) => {\n      if (err) throw err;\n      out.push(data);\n    });\n  }\n};\n`,
    ],
    [
      'the body does not branch on err first',
      `exports.f = async (out) => {\n  s3.listBuckets((err, data) => {\n    out.push(data);\n    if (err) throw err;\n  });\n};\n`,
    ],
    [
      'the error branch falls through into more code',
      `exports.f = async (out) => {\n  s3.listBuckets((err, data) => {\n    if (err) out.push(err);\n    out.push(data);\n  });\n};\n`,
    ],
    [
      'the result name is used earlier in the function',
      `exports.f = async (data) => {\n  s3.listBuckets((err, data) => {\n    if (err) throw err;\n    console.log(data);\n  });\n};\n`,
    ],
    [
      'a comment sits between the bodies',
      `exports.f = async (out) => {\n  s3.listBuckets((err, data) => {\n    if (err) {\n      throw err;\n    } // done\n    out.push(data);\n  });\n};\n`,
    ],
    [
      'the call is inside a try',
      `exports.f = async (out) => {\n  try {\n    s3.listBuckets((err, data) => {\n      if (err) throw err;\n      out.push(data);\n    });\n  } finally {\n    out.push('f');\n  }\n};\n`,
    ],
  ])('keeps send(command, callback) when %s', async (_why, body) => {
    const { text } = await convertTwice(head + body);
    expect(text).toContain('s3.send(new ListBucketsCommand({}), ');
    expect(text).not.toContain('await');
  });

  it('keeps the client on v2 when a function callback reads this (v2 bound it to the response)', async () => {
    const src = `${head}exports.f = async (out) => {\n  s3.listBuckets(function (err, data) {\n    if (err) throw err;\n    out.push(this.requestId);\n  });\n};\n`;
    const { text, findings } = await convertTwice(src);
    expect(text).toBe(src);
    expect(findings).toContainEqual(
      expect.objectContaining({
        rule: 'aws-sdk-v3/callback-this',
        message: expect.stringContaining('stay on aws-sdk v2'),
      }),
    );
  });
});

const req = createRequire(join(import.meta.dirname, '../../../package.json'));
const { mockClient } = req('aws-sdk-client-mock');
const { S3Client, ListBucketsCommand, GetObjectCommand } = req('@aws-sdk/client-s3');
const mocks: { restore(): void }[] = [];
afterEach(() => mocks.splice(0).forEach((m) => m.restore()));

function load(text: string, resolve: (spec: string) => unknown) {
  const module = { exports: {} as Record<string, (...args: any[]) => Promise<unknown>> };
  new Function('require', 'module', 'exports', text)(resolve, module, module.exports);
  return module.exports;
}

const settle = () => new Promise((r) => setTimeout(r, 20));

/** What a function did: its result or error, and its log once every callback has run. */
async function observe(fn: (log: unknown[]) => Promise<unknown>) {
  const log: unknown[] = [];
  let outcome: unknown;
  try {
    outcome = { value: await fn(log) };
  } catch (e) {
    outcome = { error: (e as Error).message };
  }
  await settle();
  return { outcome, log };
}

const source = `${head}exports.read = async (key, log) => {
  log.push('start');
  s3.getObject({ Bucket: 'b', Key: key }, (err, data) => {
    if (err) {
      log.push('missing ' + err.code + ' ' + err.statusCode);
    } else {
      log.push(data.Body.toString());
    }
  });
};
exports.names = async (log) => {
  s3.listBuckets((err, data) => {
    if (err) return log.push('failed');
    for (const b of data.Buckets) log.push(b.Name);
    return log.length;
  });
};
`;

describe('aws-sdk-v2-to-v3: callbacks to await, behaviour', () => {
  async function both(
    script: Record<string, (p: any) => unknown>,
    v3: (mock: any) => void,
    act: (m: any, log: unknown[]) => Promise<unknown>,
  ) {
    const { text } = await convertTwice(source);
    expect(text).not.toContain('(err, data) =>');
    const calls: Call[] = [];
    const before = await observe((log) =>
      act(
        load(source, () => fakeAws(script, calls)),
        log,
      ),
    );
    const mock = mockClient(S3Client);
    mocks.push(mock);
    v3(mock);
    const after = await observe((log) =>
      act(
        load(text, (spec) => req(spec)),
        log,
      ),
    );
    expect(after).toEqual(before);
    expect(mock.calls().map((c: any) => c.args[0].input)).toEqual(calls.map((c) => c.params));
    return after;
  }

  it('success: the body is read as text', async () => {
    const body = () => Object.assign(Readable.from([Buffer.from('hi')]), { transformToString: async () => 'hi' });
    const r = await both(
      { 'S3.getObject': () => ({ Body: Buffer.from('hi') }) },
      (m) => m.on(GetObjectCommand).resolves({ Body: body() }),
      (m, log) => m.read('k', log),
    );
    expect(r.log).toEqual(['start', 'hi']);
  });

  it('failure: the error body sees name and status as v2 code and statusCode', async () => {
    const v3Error = Object.assign(new Error('NoSuchKey'), { name: 'NoSuchKey', $metadata: { httpStatusCode: 404 } });
    const r = await both(
      {
        'S3.getObject': () => {
          throw new V2Error('NoSuchKey', 404);
        },
      },
      (m) => m.on(GetObjectCommand).rejects(v3Error),
      (m, log) => m.read('k', log),
    );
    expect(r.log).toEqual(['start', 'missing NoSuchKey 404']);
  });

  it("returns inside the callback do not become the function's result", async () => {
    const buckets = { Buckets: [{ Name: 'a' }, { Name: 'b' }] };
    const r = await both(
      { 'S3.listBuckets': () => buckets },
      (m) => m.on(ListBucketsCommand).resolves(buckets),
      (m, log) => m.names(log),
    );
    expect(r).toEqual({ outcome: { value: undefined }, log: ['a', 'b'] });
    const failed = await both(
      {
        'S3.listBuckets': () => {
          throw new V2Error('AccessDenied', 403);
        },
      },
      (m) => m.on(ListBucketsCommand).rejects(new Error('AccessDenied')),
      (m, log) => m.names(log),
    );
    expect(failed).toEqual({ outcome: { value: undefined }, log: ['failed'] });
  });
});
