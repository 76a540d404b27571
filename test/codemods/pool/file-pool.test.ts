// The file pool: inputs shared between this thread and worker threads through a shared counter.
// The workers run the built JavaScript (npm test builds first), as they do in a real run.
import { threadId, Worker } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mapInputs, useWorkerModule } from '../../../src/codemods/file-pool.js';
import { perFile, type Candidate } from '../../../src/codemods/lambda-callback-to-async/candidate.js';
import { generateHandlerRepo } from '../../../bench/generate.mjs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tempDir } from '../../helpers/cli.js';

const doubling = new URL('./doubling-worker.mjs', import.meta.url);
const NAME = 'lambda-callback-to-async';
const slowDouble = (n: number) => {
  const until = performance.now() + 1;
  while (performance.now() < until);
  return { value: n * 2, thread: threadId };
};

describe('mapInputs', () => {
  beforeEach(() => {
    process.env.ATX_WORKERS = '1';
    useWorkerModule(doubling);
  });
  afterEach(() => {
    delete process.env.ATX_WORKERS;
    useWorkerModule();
  });

  it('gives every result in the inputs’ order, some of them done by a worker', async () => {
    const inputs = Array.from({ length: 1500 }, (_, i) => i);
    const results = await mapInputs(NAME, inputs, slowDouble);
    expect(results.map((r) => r.value)).toEqual(inputs.map((n) => n * 2));
    const threads = new Set(results.map((r) => r.thread));
    expect(threads.has(threadId)).toBe(true);
    expect(threads.size).toBe(2);
  });

  it('gives a worker no secret of the environment', async () => {
    process.env.ANTHROPIC_API_KEY = 'sk-ant-pool-test';
    try {
      const results = await mapInputs(
        NAME,
        Array.from({ length: 1500 }, (_, i) => i),
        slowDouble,
      );
      const byWorker = results.filter((r) => r.thread !== threadId);
      expect(byWorker.length).toBeGreaterThan(0);
      expect(byWorker.map((r) => (r as { key?: string }).key)).toEqual(byWorker.map(() => undefined));
    } finally {
      delete process.env.ANTHROPIC_API_KEY;
    }
  });

  it('does on this thread whatever a failed worker took', async () => {
    const warm = await mapInputs(
      NAME,
      Array.from({ length: 600 }, (_, i) => i),
      slowDouble,
    );
    expect(warm).toHaveLength(600);
    // The loaded worker takes an input at once and fails on it; this thread, slow on each, does
    // the rest and then the one the worker took.
    const inputs = Array.from({ length: 1500 }, () => -1);
    const results = await mapInputs(NAME, inputs, () => slowDouble(-1));
    expect(results.filter((r) => r?.value === -2 && r.thread === threadId)).toHaveLength(1500);
  });

  it('runs everything on this thread below the threshold or with ATX_WORKERS=0', async () => {
    const small = await mapInputs(NAME, [1, 2, 3], slowDouble);
    expect(small.map((r) => r.thread)).toEqual([threadId, threadId, threadId]);
    process.env.ATX_WORKERS = '0';
    const none = await mapInputs(
      NAME,
      Array.from({ length: 500 }, (_, i) => i),
      slowDouble,
    );
    expect(new Set(none.map((r) => r.thread))).toEqual(new Set([threadId]));
  });
});

describe('the codemod worker', () => {
  it('converts a batch exactly as this thread does', async () => {
    const repo = join(await tempDir('atx-pool-'), 'repo');
    const paths: string[] = generateHandlerRepo(repo, 120);
    const inputs: Candidate[] = await Promise.all(
      paths.map(async (file) => ({ file, text: await readFile(join(repo, file), 'utf8') })),
    );
    inputs.push({ file: 'src/broken.js', text: 'exports.handler = (event, context, callback) => {\n' });
    const here = inputs.map(perFile());
    const worker = new Worker(new URL('../../../dist/codemods/worker.js', import.meta.url), { env: {} });
    try {
      const next = new Int32Array(new SharedArrayBuffer(4));
      const reply = await new Promise<{ done: Array<[number, unknown]> }>((resolve, reject) => {
        worker.once('message', resolve).once('error', reject);
        worker.postMessage({ batch: 1, codemod: 'lambda-callback-to-async', next, inputs });
      });
      expect(reply.done.map(([i]) => i)).toEqual(inputs.map((_, i) => i));
      expect(reply.done.map(([, result]) => result)).toEqual(here);
      expect(here.filter((r) => r.text !== undefined).length).toBeGreaterThan(80);
      expect(here.at(-1)!.findings[0]!.rule).toBe('lambda-callback/unparsable');
    } finally {
      await worker.terminate();
    }
  });
});
