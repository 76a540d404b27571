// What the handler's process is given and kept from: a clock and random sources that read the
// same on every run, no network (refused and recorded), no secret of the person's, AWS calls
// handed to the interception module, and modules loaded (or not) as the runtime loads them.
// The invoker itself writes nothing inside the checkout.
import { existsSync } from 'node:fs';
import { readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/cli.js';
import { checkout, invoke } from './helpers.js';

const repo = checkout({
  'clock.js': `const crypto = require('crypto');
exports.handler = async () => ({
  now: Date.now(),
  created: new Date().getTime(),
  text: Date(),
  later: new Date(Date.now() + 86400000).toISOString(),
  parsed: new Date('2020-02-29T10:00:00Z').getTime(),
  randoms: [Math.random(), Math.random(), Math.random()],
  uuid: crypto.randomUUID(),
  bytes: crypto.randomBytes(4).toString('hex'),
});`,
  'network.js': `const http = require('http');
exports.handler = async () => {
  const viaHttp = await new Promise((resolve) => http.get('http://internal.example.com/status', () => resolve('answered')).on('error', (e) => resolve(e.code)));
  const viaFetch = await fetch('https://api.example.com/items', { method: 'POST' }).then(() => 'answered', (e) => e.cause && e.cause.code);
  console.log(JSON.stringify({ outcome: { kind: 'resolved', value: 'printed by the handler' } }));
  return { viaHttp, viaFetch };
};`,
  'env.js': `exports.handler = async () => ({
  model: process.env.ANTHROPIC_API_KEY ?? null,
  token: process.env.DEPLOY_SERVICE_TOKEN ?? null,
  awsSecret: process.env.AWS_SECRET_ACCESS_KEY ?? null,
  plain: process.env.EQUIVALENCE_PLAIN_SETTING ?? null,
  table: process.env.TABLE_NAME ?? null,
  region: process.env.AWS_REGION,
});`,
  'aws.js': `const s3 = globalThis.fakeAws;
exports.handler = async (event) => {
  const object = await s3.call('S3', 'GetObject', { Bucket: 'b', Key: event.key });
  const failed = await s3.call('DynamoDB', 'PutItem', { TableName: 't' }).then(() => 'answered', (e) => e.name);
  return { object, failed };
};`,
  'native.js': `const addon = require('./build/Release/addon.node');\nexports.handler = async () => addon.run();`,
  'broken.js': `exports.handler = async () => {\n  return {;\n};`,
  'throws-at-load.js': `throw new Error('configuration missing at load');`,
  'esm-syntax.js': `export const handler = async () => 'loaded';`,
  'requires-esm.js': `const dep = require('./dep.mjs');\nexports.handler = async () => dep.value;`,
  'dep.mjs': `export const value = 'loaded';`,
  'esm/package.json': `{ "type": "module" }`,
  'esm/index.js': `export const handler = async (event) => ({ esm: event.id });`,
  'esm/not-exported.js': `export const other = async () => 1;`,
});

// A stand-in for Part B's module with the same signature: answers from the table, records calls.
const fakeAws = `export function installAwsInterception({ answers, onCall }) {
  globalThis.fakeAws = {
    async call(service, operation, params) {
      onCall({ service, operation, params });
      const rule = answers.rules.find((r) => (!r.service || r.service === service) && (!r.operation || r.operation === operation));
      const answer = rule ? rule.answer : { value: {} };
      if ('error' in answer) throw Object.assign(new Error(answer.error.message), { name: answer.error.name });
      return answer.value;
    },
  };
}
`;

// Outside the checkout, as Part B's module is.
let awsDir = '';
let awsModulePath = '';
beforeAll(async () => {
  awsDir = await tempDir('atx-invoke-aws-');
  awsModulePath = join(awsDir, 'fake-aws.mjs');
  await writeFile(awsModulePath, fakeAws);
});
afterAll(async () => {
  if (awsDir) await rm(awsDir, { recursive: true, force: true });
});

async function listing(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath ?? entry.path, entry.name);
    const info = await stat(path);
    out.push(`${relative(dir, path)} ${info.size} ${info.mtimeMs}`);
  }
  return out.sort();
}

describe.concurrent('the handler process', () => {
  it('reads the same clock and random values on every run, with Date arithmetic intact', async () => {
    const [first, second] = await Promise.all([
      invoke(repo.root(), 'clock.js', 22),
      invoke(repo.root(), 'clock.js', 24),
    ]);
    expect(first.outcome.kind).toBe('resolved');
    expect(second.outcome).toEqual(first.outcome);
    const value = (first.outcome as { value: Record<string, unknown> }).value;
    expect(value.created).toBe(value.now);
    expect(value.text).toBe(new Date(value.now as number).toString());
    expect(value.later).toBe(new Date((value.now as number) + 86_400_000).toISOString());
    expect(value.parsed).toBe(Date.UTC(2020, 1, 29, 10));
    const randoms = value.randoms as number[];
    expect(new Set(randoms).size).toBe(3);
    for (const r of randoms) expect(r >= 0 && r < 1).toBe(true);
    expect(value.uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('refuses the network as a closed port does, records each attempt, and keeps printed lines out of the answer', async () => {
    const record = await invoke(repo.root(), 'network.js', 22);
    expect(record.outcome).toEqual({ kind: 'resolved', value: { viaHttp: 'ECONNREFUSED', viaFetch: 'ECONNREFUSED' } });
    expect(record.network).toEqual([
      'GET http://internal.example.com/status',
      'fetch POST https://api.example.com/items',
    ]);
    expect(record.log).toContain('printed by the handler');
  });

  it('hands AWS calls to the interception module, installed before the handler loads', async () => {
    const record = await invoke(repo.root(), 'aws.js', 22, {
      awsModule: awsModulePath,
      event: { key: 'k1' },
      answers: {
        rules: [
          { service: 'S3', operation: 'GetObject', answer: { value: { Body: 'hello' } } },
          { service: 'DynamoDB', answer: { error: { name: 'ConditionalCheckFailedException', message: 'no' } } },
        ],
      },
    });
    expect(record.awsIntercepted).toBe(true);
    expect(record.outcome).toEqual({
      kind: 'resolved',
      value: { object: { Body: 'hello' }, failed: 'ConditionalCheckFailedException' },
    });
    expect(record.calls).toEqual([
      { service: 'S3', operation: 'GetObject', params: { Bucket: 'b', Key: 'k1' } },
      { service: 'DynamoDB', operation: 'PutItem', params: { TableName: 't' } },
    ]);
  });

  it("says whether Part B's module was there to intercept AWS calls", async () => {
    const partB = fileURLToPath(new URL('../../../dist/equivalence/aws/index.js', import.meta.url));
    const record = await invoke(repo.root(), 'esm/index.js', 22);
    expect(record.awsIntercepted).toBe(existsSync(partB));
  });

  it('reports a module the runtime could not load as not-loaded, with the init error', async () => {
    const [native, broken, throws, missing] = await Promise.all(
      ['native.js', 'broken.js', 'throws-at-load.js', 'esm/not-exported.js'].map((file) =>
        invoke(repo.root(), file, 22),
      ),
    );
    expect(native.outcome).toMatchObject({
      kind: 'not-loaded',
      reason: expect.stringMatching(/^Runtime.ImportModuleError: Cannot find module '.\/build\/Release\/addon.node'/),
    });
    expect(broken.outcome).toMatchObject({
      kind: 'not-loaded',
      reason: expect.stringMatching(/^Runtime.UserCodeSyntaxError: /),
    });
    expect(throws.outcome).toEqual({ kind: 'not-loaded', reason: 'Error: configuration missing at load' });
    expect(missing.outcome).toEqual({
      kind: 'not-loaded',
      reason: 'Runtime.HandlerNotFound: esm/not-exported.handler is undefined or not exported',
    });
  });

  it('keeps off what Lambda keeps off: ES syntax in a CommonJS .js file, require() of an ES module', async () => {
    const records = await Promise.all(
      [22, 24].flatMap((major) => ['esm-syntax.js', 'requires-esm.js'].map((file) => invoke(repo.root(), file, major))),
    );
    for (const record of records) expect(record.outcome.kind).toBe('not-loaded');
  });

  it('loads a .js file under "type": "module" as an ES module', async () => {
    const records = await Promise.all([22, 24].map((major) => invoke(repo.root(), 'esm/index.js', major)));
    for (const record of records) expect(record.outcome).toEqual({ kind: 'resolved', value: { esm: 7 } });
  });
});

const savedEnv = { ...process.env };
afterEach(() => {
  for (const name of [
    'ANTHROPIC_API_KEY',
    'DEPLOY_SERVICE_TOKEN',
    'AWS_SECRET_ACCESS_KEY',
    'EQUIVALENCE_PLAIN_SETTING',
  ])
    if (savedEnv[name] === undefined) delete process.env[name];
    else process.env[name] = savedEnv[name];
});

describe('what the invoker keeps from the handler and from the checkout', () => {
  it("passes none of the person's environment to the handler (no secret, no AWS identity), only the function's", async () => {
    process.env.ANTHROPIC_API_KEY = 'sk-ant-test-0123456789';
    process.env.DEPLOY_SERVICE_TOKEN = 'tok-0123456789abcdef';
    process.env.AWS_SECRET_ACCESS_KEY = 'person-real-aws-secret-0123456789';
    process.env.EQUIVALENCE_PLAIN_SETTING = 'visible';
    const record = await invoke(repo.root(), 'env.js', 24, { environment: { TABLE_NAME: 'items' } });
    expect(record.outcome.kind).toBe('resolved');
    const value = (record.outcome as { value: Record<string, unknown> }).value;
    expect(value.model).toBeNull();
    expect(value.token).toBeNull();
    expect(value.awsSecret).not.toBe('person-real-aws-secret-0123456789');
    expect(value.plain).toBeNull();
    expect(value.table).toBe('items');
    expect(value.region).toBe('us-east-1');
  });

  it('refuses a node binary that does not run, rather than reporting it as the handler exiting', async () => {
    await expect(invoke(repo.root(), 'clock.js', 22, { nodeBinary: join(awsDir, 'no-such-node') })).rejects.toThrow(
      /does not run/,
    );
  });

  it('writes nothing inside the checkout', async () => {
    const before = await listing(repo.root());
    for (const [file, major] of [
      ['clock.js', 22],
      ['esm/index.js', 24],
      ['broken.js', 22],
      ['aws.js', 22],
    ] as const)
      await invoke(repo.root(), file, major, { awsModule: awsModulePath });
    expect(await listing(repo.root())).toEqual(before);
  });
});
