// With the v3 packages reachable from the handler's folder, the real client classes are used and
// only their `send` is replaced: the handler's commands are the real ones, the records are the
// same as without node_modules, and the answers have the shapes the real client gives (checked
// here against the real client sending through a fake HTTP handler).
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { AnswerTable } from '../../../src/equivalence/aws/index.js';
import { answers, expectedCalls, expectedOut } from './cases.js';
import { runHandler } from './child.js';
import { v3Handler, v3Missing } from './handlers.js';

const req = createRequire(join(import.meta.dirname, '../../../package.json'));

/** An HTTP handler for real v3 clients that answers every request with `status` and `body`. */
function reply(status: number, body: string, headers: Record<string, string> = {}) {
  return {
    async handle() {
      return { response: { statusCode: status, headers, body: Readable.from([Buffer.from(body)]) } };
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs: () => ({}),
  };
}
const credentials = { accessKeyId: 'a', secretAccessKey: 'b' };

/** What the real S3 and Lambda clients answer, in the terms handlers.ts reports shapes. */
async function realShapes() {
  const s3 = req('@aws-sdk/client-s3');
  const lambda = req('@aws-sdk/client-lambda');
  const client = new s3.S3Client({ region: 'eu-west-1', credentials, requestHandler: reply(200, 'hello') });
  const obj = await client.send(new s3.GetObjectCommand({ Bucket: 'in', Key: 'a.txt' }));
  const l = new lambda.LambdaClient({ region: 'eu-west-1', credentials, requestHandler: reply(200, '{"y":2}') });
  const inv = await l.send(new lambda.InvokeCommand({ FunctionName: 'f' }));
  const failing = new s3.S3Client({
    region: 'eu-west-1',
    credentials,
    maxAttempts: 1,
    requestHandler: reply(404, '<Error><Code>NoSuchKey</Code><Message>gone</Message></Error>'),
  });
  const error = await failing.send(new s3.GetObjectCommand({ Bucket: 'in', Key: 'gone' })).catch((e: unknown) => e);
  return {
    shape: {
      bodyMethods: Object.keys(obj.Body)
        .filter((k) => k.startsWith('transform'))
        .sort(),
      payload: inv.Payload.constructor.name,
      payloadIsBytes: inv.Payload instanceof Uint8Array,
      metadataKeys: Object.keys(obj.$metadata).sort(),
    },
    error: {
      name: error.name,
      ctor: error.constructor.name,
      $fault: error.$fault,
      status: error.$metadata.httpStatusCode,
    },
  };
}

describe('real v3 clients reachable from the handler', () => {
  it('CommonJS and ESM: real client classes and commands, send intercepted, same records and values', async () => {
    const real = await realShapes();
    for (const [file, text] of [
      ['index.js', v3Handler()],
      ['index.mjs', v3Handler({ esm: true })],
    ]) {
      const r = await runHandler({ [file]: text }, file, answers, { nodeModules: true });
      expect(r.realSdk).toBe(true);
      expect(r.calls, file).toEqual(expectedCalls);
      expect(r.value.out, file).toEqual(expectedOut);
      expect(r.value.shape, file).toEqual({ ...real.shape, clientBase: 'Client', realCommand: true });
    }
  });

  it('the stubs (no node_modules) answer in the real clients shapes', async () => {
    const real = await realShapes();
    const r = await runHandler({ 'index.js': v3Handler() }, 'index.js', answers);
    expect(r.realSdk).toBe(false);
    expect(r.value.shape).toEqual({ ...real.shape, clientBase: '', realCommand: false });
  });

  it("an error answer is the package's own modeled exception, as the real client throws it", async () => {
    const real = await realShapes();
    const table: AnswerTable = {
      rules: [{ operation: 'GetObject', answer: { error: { name: 'NoSuchKey', message: 'gone' } } }],
    };
    for (const nodeModules of [true, false]) {
      const r = await runHandler({ 'index.js': v3Missing }, 'index.js', table, { nodeModules });
      expect(r.realSdk).toBe(nodeModules);
      expect(r.error).toMatchObject({
        name: real.error.name,
        ctor: real.error.ctor,
        $fault: real.error.$fault,
        $metadata: { httpStatusCode: real.error.status },
        instanceOfNoSuchKey: true,
        message: 'gone',
      });
    }
  });
});
