// Behaviour: each fixture's original handler, run as Node.js 22 ran it (callback, context with
// succeed/fail/done, first settlement wins), and its converted handler, called with only
// (event, context) on a Node.js 24-like context, settle the same way for every event.
import { createHmac } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ts } from 'ts-morph';
import { FIXTURES } from './fixture-tree.js';
import { comparable, runNode22, runNode24, type AnyHandler } from './helpers.js';

interface Case {
  fixture: string;
  file: string;
  exportName: string;
  events: unknown[];
  /** An export to compare after each run: work that runs after the callback must still happen. */
  probe?: string;
}

const CASES: Case[] = [
  {
    fixture: 'cjs-try-catch',
    file: 'index.js',
    exportName: 'handler',
    events: [{ body: '{"a":1}' }, { body: '{"reject":"no"}' }, { body: '{oops' }, {}],
  },
  {
    fixture: 'esm-fs-wrapper',
    file: 'src/read.mjs',
    exportName: 'handler',
    events: [{ file: 'data.txt' }, { file: 'missing.txt' }],
  },
  { fixture: 'context-methods', file: 'index.js', exportName: 'greet', events: [{ name: 'Ann' }, {}] },
  { fixture: 'context-methods', file: 'index.js', exportName: 'delayed', events: [{ name: 'bob' }, {}, { name: '' }] },
  {
    fixture: 'timers-emitter',
    file: 'index.js',
    exportName: 'handler',
    events: [
      { chunks: ['a', 'b'] },
      { chunks: ['a', 'BAD', 'c'] },
      { chunks: ['BAD', 'BAD'] },
      { chunks: [], timeoutMs: 50 },
    ],
  },
  {
    fixture: 'sdk-v2-callbacks',
    file: 'index.js',
    exportName: 'handler',
    events: [{ id: 'a-1' }, { id: ' b-2 ' }, { id: 'zzz' }, { id: 7 }, { id: 'boom' }],
  },
  {
    fixture: 'side-effects-after-callback',
    file: 'handler.js',
    exportName: 'handler',
    probe: 'audit',
    events: [{ items: [1, 2] }, { items: 'x' }, { items: [] }],
  },
  {
    fixture: 'typescript-api',
    file: 'src/handler.ts',
    exportName: 'createOrder',
    events: [
      { body: '{"id":"o1","quantity":2}' },
      { body: '{"id":"o2","quantity":0}' },
      { body: 'nope' },
      { body: null },
    ],
  },
  {
    fixture: 'typescript-api',
    file: 'src/handler.ts',
    exportName: 'getOrder',
    events: [{ pathParameters: { id: 'o1' } }, { pathParameters: null }],
  },
  {
    fixture: 'sam-template-named',
    file: 'src/app.js',
    exportName: 'process',
    events: [
      {
        Records: [
          { messageId: '1', body: 'x' },
          { messageId: '2', body: '' },
        ],
      },
      { Records: [] },
      null,
    ],
  },
  {
    fixture: 'cdk-nodejs-function',
    file: 'lambda/worker.ts',
    exportName: 'work',
    events: [{ values: [1, 2, 3] }, { values: [1, Number.NaN] }],
  },
  { fixture: 'promise-chain-catch', file: 'index.js', exportName: 'handler', events: [{ id: 'x1' }, {}] },
  {
    fixture: 'catch-transforms-error',
    file: 'index.js',
    exportName: 'handler',
    events: [{ email: 'A@B.C' }, {}, { email: 5 }],
  },
  {
    fixture: 'context-done-helper',
    file: 'index.js',
    exportName: 'handler',
    events: [
      customResource('Create', { Size: '4' }),
      customResource('Delete', {}),
      customResource('Update', { Size: 'four' }),
      { ...customResource('Create', { Size: '1' }), ResponseURL: 'http://insecure.example/put' },
    ],
  },
  {
    fixture: 'response-helper',
    file: 'handler.js',
    exportName: 'get',
    events: [
      { pathParameters: { id: 'a1' } },
      { pathParameters: null },
      { pathParameters: { id: 'zz' } },
      { pathParameters: { id: 'A/B' } },
    ],
  },
  {
    fixture: 'response-helper',
    file: 'handler.js',
    exportName: 'create',
    events: [{ body: '{"name":"saw"}' }, { body: 'saw' }, { body: '{"name":5}' }],
  },
  {
    fixture: 'error-loader',
    file: 'webhook.js',
    exportName: 'handler',
    events: [
      signed('{"action":"opened","repository":{"name":"atx"}}'),
      { body: '{}' },
      { ...signed('{}'), body: '{"action":"forged"}' },
      signed('{oops'),
    ],
  },
  {
    fixture: 'return-after-helper',
    file: 'orders.js',
    exportName: 'handler',
    probe: 'audit',
    events: [
      { order: { id: 'o1', items: [1] } },
      { order: { id: 'o2', priority: 'drop' } },
      { order: { id: 'o3', priority: 'later' } },
      {},
      { order: { id: 'o4', items: [] } },
    ],
  },
  {
    fixture: 'shared-helper',
    file: 'search.js',
    exportName: 'handler',
    events: [{ queryStringParameters: { q: 'an' } }, {}, { queryStringParameters: { q: 'x'.repeat(30) } }],
  },
  {
    fixture: 'large-handler',
    file: 'report.js',
    exportName: 'handler',
    events: [
      { keys: ['reports/2024-01-01.csv', 'reports/2024-01-02.csv'] },
      { keys: [] },
      { keys: ['reports/2024-01-01.csv', 'reports/missing.csv'] },
      { keys: ['reports/broken.csv'] },
    ],
  },
];

function customResource(RequestType: string, ResourceProperties: Record<string, string>) {
  return {
    RequestType,
    ResourceProperties,
    ResponseURL: 'https://cfn-response.example/put',
    StackId: 'stack-1',
    RequestId: 'r-1',
    LogicalResourceId: 'Capacity',
  };
}

/** A webhook event signed the way the error-loader fixture checks it. */
function signed(body: string) {
  const signature = 'sha256=' + createHmac('sha256', 'test-secret').update(body).digest('hex');
  return { body, headers: { 'x-hub-signature': signature } };
}

const root = mkdtempSync(join(tmpdir(), 'atx-lambda-behaviour-'));
const nodeRequire = createRequire(import.meta.url);
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Copies a fixture side to a temporary folder (outside the project's "type": "module") and loads the handler's module. */
async function load(c: Case, side: 'input' | 'output', copy: string): Promise<Record<string, unknown>> {
  cpSync(join(FIXTURES, c.fixture, side), copy, { recursive: true });
  let file = join(copy, c.file);
  if (file.endsWith('.ts')) {
    const js = ts.transpileModule(readFileSync(file, 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    }).outputText;
    file = file.replace(/\.ts$/, '.cjs');
    writeFileSync(file, js);
  }
  if (file.endsWith('.mjs'))
    return (await import(/* @vite-ignore */ pathToFileURL(file).href)) as Record<string, unknown>;
  return nodeRequire(file) as Record<string, unknown>;
}

describe('lambda-callback-to-async: behaviour before and after', () => {
  CASES.forEach((c, index) => {
    it(`${c.fixture} › ${c.exportName}: same result or error for every event`, async () => {
      const before = join(root, `${index}-input`);
      const after = join(root, `${index}-output`);
      const original = await load(c, 'input', before);
      const converted = await load(c, 'output', after);
      const oldHandler = original[c.exportName] as AnyHandler;
      const newHandler = converted[c.exportName] as AnyHandler;
      expect(typeof oldHandler).toBe('function');
      expect(typeof newHandler).toBe('function');
      const kinds = new Set<string>();
      for (const event of c.events) {
        const expected = comparable(await runNode22(oldHandler, event), before);
        const actual = comparable(await runNode24(newHandler, event), after);
        expect(actual, JSON.stringify(event)).toEqual(expected);
        expect(expected).not.toHaveProperty('timedOut');
        kinds.add(Object.keys(expected as object)[0]!);
        if (c.probe) {
          await new Promise((r) => setTimeout(r, 5));
          expect(comparable(converted[c.probe], after)).toEqual(comparable(original[c.probe], before));
        }
      }
      // Every case exercises both the success and the failure path.
      expect([...kinds].sort()).toEqual(['rejected', 'resolved']);
    });
  });
});
