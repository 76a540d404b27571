// Runs a converted jest-style test file for real: its source under test (v3 code) and the test
// are compiled to CommonJS and loaded with the real @aws-sdk clients and aws-sdk-client-mock;
// describe/it/hooks are collected and run in order with vitest's `expect` and `vi` as `jest`.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import ts from 'typescript';
import { expect, vi } from 'vitest';

const req = createRequire(join(import.meta.dirname, '../../../package.json'));

function compile(text: string, path: string): string {
  const compilerOptions = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true };
  return ts.transpileModule(text, { fileName: path, compilerOptions }).outputText;
}

function load(text: string, path: string, resolve: (spec: string) => unknown, globals: Record<string, unknown> = {}) {
  const module = { exports: {} as Record<string, unknown> };
  const names = Object.keys(globals);
  new Function('require', 'module', 'exports', ...names, compile(text, path))(
    resolve,
    module,
    module.exports,
    ...names.map((n) => globals[n]),
  );
  return module.exports;
}

type Fn = () => unknown;
interface Suite {
  tests: Array<{ name: string; fn: Fn }>;
  beforeEach: Fn[];
  afterEach: Fn[];
}

/**
 * Run `test` (a converted test file) against `source` (the module it imports as `sourcePath`).
 * Returns the name and error of each test; every mock is restored afterwards.
 */
export async function runTests(
  source: string,
  test: string,
  sourcePath = '../src/handler',
): Promise<Array<{ name: string; error?: string }>> {
  const suite: Suite = { tests: [], beforeEach: [], afterEach: [] };
  const prefix: string[] = [];
  const globals = {
    describe: (name: string, fn: Fn) => {
      prefix.push(name);
      fn();
      prefix.pop();
    },
    it: (name: string, fn: Fn) => suite.tests.push({ name: [...prefix, name].join(' > '), fn }),
    test: (name: string, fn: Fn) => suite.tests.push({ name: [...prefix, name].join(' > '), fn }),
    beforeEach: (fn: Fn) => suite.beforeEach.push(fn),
    afterEach: (fn: Fn) => suite.afterEach.push(fn),
    expect,
    jest: vi,
  };
  const sourceModule = load(source, 'handler.ts', req);
  const mocks: Array<{ restore(): void }> = [];
  const clientMock = req('aws-sdk-client-mock') as { mockClient: (c: unknown) => { restore(): void } };
  const tracked = {
    ...clientMock,
    mockClient: (c: unknown) => {
      const m = clientMock.mockClient(c);
      mocks.push(m);
      return m;
    },
  };
  const resolve = (spec: string) =>
    spec === sourcePath ? sourceModule : spec === 'aws-sdk-client-mock' ? tracked : req(spec);
  const results: Array<{ name: string; error?: string }> = [];
  try {
    load(test, 'handler.test.ts', resolve, globals);
    for (const t of suite.tests) {
      try {
        for (const h of suite.beforeEach) await h();
        await t.fn();
        results.push({ name: t.name });
      } catch (error) {
        results.push({ name: t.name, error: (error as Error).message });
      } finally {
        for (const h of suite.afterEach) await h();
      }
    }
  } finally {
    for (const m of mocks) m.restore();
  }
  return results;
}
