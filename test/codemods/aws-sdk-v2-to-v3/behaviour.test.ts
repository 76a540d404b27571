// Runs the Lambda handler fixture before and after conversion: the v2 version against a recording
// fake of the v2 SDK, the v3 version against the real @aws-sdk clients mocked with
// aws-sdk-client-mock, and checks both make the same calls and give the same results and errors.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeAws, V2Error, type Call } from './fake-v2.js';

const dir = join(import.meta.dirname, '../../../fixtures/aws-sdk-v2-to-v3/lambda-handler');
const req = createRequire(join(import.meta.dirname, '../../../package.json'));
const { mockClient } = req('aws-sdk-client-mock');
const s3 = req('@aws-sdk/client-s3');
const lib = req('@aws-sdk/lib-dynamodb');
const lambda = req('@aws-sdk/client-lambda');
const sqs = req('@aws-sdk/client-sqs');

function load(file: string, resolve: (spec: string) => unknown) {
  const module = { exports: {} as Record<string, (...args: any[]) => Promise<unknown>> };
  new Function('require', 'module', 'exports', readFileSync(join(dir, file), 'utf8'))(resolve, module, module.exports);
  return module.exports;
}

/** Operation answers in v2 form; the v3 side derives the equivalent v3 values from them. */
interface Answer {
  op: string;
  result?: unknown;
  error?: V2Error;
}

function runV2(answers: Answer[]) {
  const calls: Call[] = [];
  const script = Object.fromEntries(
    answers.map((a) => [
      a.op,
      () => {
        if (a.error) throw a.error;
        return a.result;
      },
    ]),
  );
  const aws = fakeAws(script, calls);
  return { calls, mod: load('input/handler.js', (spec) => (spec === 'aws-sdk' ? aws : req(spec))) };
}

// service -> [client class, module holding its commands]
const v3Classes: Record<string, [any, any]> = {
  S3: [s3.S3Client, s3],
  Lambda: [lambda.LambdaClient, lambda],
  SQS: [sqs.SQSClient, sqs],
  DocumentClient: [lib.DynamoDBDocumentClient, lib],
};
const mocks: any[] = [];
afterEach(() => mocks.splice(0).forEach((m) => m.restore()));

function v3Value(op: string, result: any): unknown {
  if (op === 'S3.getObject') {
    const text = result.Body.toString();
    return {
      ...result,
      Body: Object.assign(Readable.from([Buffer.from(text)]), { transformToString: async () => text }),
    };
  }
  if (op === 'Lambda.invoke') return { ...result, Payload: new Uint8Array(Buffer.from(result.Payload)) };
  return result;
}

function v3Error(e: V2Error): Error {
  return Object.assign(new Error(e.message), { name: e.code, $metadata: { httpStatusCode: e.statusCode } });
}

function runV3(answers: Answer[]) {
  const byService = new Map<string, any>();
  for (const [service, [cls]] of Object.entries(v3Classes)) {
    const mock = mockClient(cls);
    mocks.push(mock);
    byService.set(service, mock);
    // the mock's stub ignores send(command, callback); give it the real client's callback contract
    const stub = cls.prototype.send;
    cls.prototype.send = function (this: unknown, command: unknown, a?: unknown, b?: unknown) {
      const cb = (typeof a === 'function' ? a : b) as ((e: unknown, d?: unknown) => void) | undefined;
      const result = stub.call(this, command);
      if (!cb) return result;
      result.then(
        (d: unknown) => cb(null, d),
        (e: unknown) => cb(e),
      );
    };
  }
  for (const a of answers) {
    const [service, op] = a.op.split('.');
    const mock = byService.get(service);
    const name = `${op[0].toUpperCase()}${op.slice(1)}Command`;
    const command = v3Classes[service][1][name];
    if (a.error) mock.on(command).rejects(v3Error(a.error));
    else mock.on(command).resolves(v3Value(a.op, a.result));
  }
  const mod = load('output/handler.js', (spec) => req(spec));
  const calls = () =>
    [...byService].flatMap(([service, mock]) =>
      mock.calls().map((c: any) => ({
        op: `${service}.${c.args[0].constructor.name.replace(/Command$/, '').replace(/^./, (ch: string) => ch.toLowerCase())}`,
        params: c.args[0].input,
      })),
    );
  return { mod, calls };
}

async function outcome(fn: () => Promise<unknown>) {
  try {
    return { value: await fn() };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

async function same(
  answers: Answer[],
  act: (mod: Record<string, (...a: any[]) => Promise<unknown>>) => Promise<unknown>,
) {
  const v2 = runV2(answers);
  const before = await outcome(() => act(v2.mod));
  const v3 = runV3(answers);
  const after = await outcome(() => act(v3.mod));
  expect(after).toEqual(before);
  expect(v3.calls()).toEqual(v2.calls);
  return before;
}

describe('aws-sdk-v2-to-v3: behaviour before and after', () => {
  it('S3 getObject then putObject (Body read as text)', async () => {
    const r = await same(
      [
        { op: 'S3.getObject', result: { Body: Buffer.from('hello notes') } },
        { op: 'S3.putObject', result: { ETag: '"e"' } },
      ],
      (m) => m.copyNote('n1'),
    );
    expect(r).toEqual({ value: 11 });
  });

  it('DocumentClient put, and a conditional failure mapped from err.code to err.name', async () => {
    expect(await same([{ op: 'DocumentClient.put', result: {} }], (m) => m.saveUser({ id: 'u1' }))).toEqual({
      value: 'created',
    });
    const failed = new V2Error('ConditionalCheckFailedException', 400);
    expect(await same([{ op: 'DocumentClient.put', error: failed }], (m) => m.saveUser({ id: 'u1' }))).toEqual({
      value: 'exists',
    });
    const other = new V2Error('ProvisionedThroughputExceededException', 400);
    expect(await same([{ op: 'DocumentClient.put', error: other }], (m) => m.saveUser({ id: 'u1' }))).toEqual({
      error: 'ProvisionedThroughputExceededException',
    });
  });

  it('DocumentClient get and a stored query request', async () => {
    expect(
      await same([{ op: 'DocumentClient.get', result: { Item: { id: 'u1', name: 'Ann' } } }], (m) => m.getUser('u1')),
    ).toEqual({ value: { id: 'u1', name: 'Ann' } });
    expect(
      await same([{ op: 'DocumentClient.query', result: { Items: [{ id: 'a' }, { id: 'b' }] } }], (m) =>
        m.usersByTeam('t1'),
      ),
    ).toEqual({ value: ['a', 'b'] });
  });

  it('Lambda invoke with a JSON Payload', async () => {
    expect(
      await same([{ op: 'Lambda.invoke', result: { StatusCode: 200, Payload: JSON.stringify({ price: 42 }) } }], (m) =>
        m.price('sku-1'),
      ),
    ).toEqual({ value: 42 });
  });

  it('SQS sendMessage through a callback, success and error', async () => {
    const viaCallback = (m: any) =>
      new Promise((resolve, reject) =>
        m.enqueue({ job: 1 }, (e: Error | null, id?: string) => (e ? reject(e) : resolve(id))),
      );
    expect(await same([{ op: 'SQS.sendMessage', result: { MessageId: 'm-1' } }], viaCallback)).toEqual({
      value: 'm-1',
    });
    expect(
      await same(
        [{ op: 'SQS.sendMessage', error: new V2Error('AWS.SimpleQueueService.NonExistentQueue', 400) }],
        viaCallback,
      ),
    ).toEqual({ error: 'queue failed: AWS.SimpleQueueService.NonExistentQueue' });
  });

  it('maps err.statusCode to $metadata.httpStatusCode', async () => {
    expect(await same([{ op: 'S3.headObject', error: new V2Error('NotFound', 404) }], (m) => m.status('k'))).toEqual({
      value: 404,
    });
  });
});
