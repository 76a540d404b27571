// Shared helpers: an in-memory RepoView, a one-file conversion for inline before/after cases, and
// the behaviour harness that runs a handler as Node.js 22 ran it and as Node.js 24 runs it.
import { expect } from 'vitest';
import { runHere } from '../../../src/codemods/lambda-callback-to-async/index.js';
import type { CodemodResult, RepoView } from '../../../src/codemods/types.js';

export function memoryRepo(files: Record<string, string>): RepoView {
  const names = Object.keys(files).sort();
  return {
    files: names,
    read(path: string) {
      const text = files[path];
      if (text === undefined) throw new Error(`no such file: ${path}`);
      return text;
    },
  };
}

export function runOn(files: Record<string, string>, options: Record<string, unknown> = {}): CodemodResult {
  return runHere(memoryRepo(files), options);
}

/** Converts one file; returns its new text (the input when unchanged) and the findings. */
export function convert(code: string, file = 'src/index.js', extra: Record<string, string> = {}) {
  const result = runOn({ [file]: code, ...extra });
  return { code: result.changes.get(file) ?? code, changed: result.changes.has(file), findings: result.findings };
}

export type Outcome = { resolved: unknown } | { rejected: unknown } | { timedOut: true };
export type AnyHandler = (...args: unknown[]) => unknown;

const SETTLE_TIMEOUT_MS = 2_000;

export const baseContext = () => ({ awsRequestId: 'req-1', functionName: 'fn', getRemainingTimeInMillis: () => 3000 });

export function withTimeout(p: Promise<Outcome>): Promise<Outcome> {
  return Promise.race([
    p,
    new Promise<Outcome>((r) => setTimeout(() => r({ timedOut: true }), SETTLE_TIMEOUT_MS).unref()),
  ]);
}

/** The Node.js 22 runtime's contract: the first of callback, succeed/fail/done, a returned promise or a throw wins. */
export function runNode22(handler: AnyHandler, event: unknown): Promise<Outcome> {
  return withTimeout(
    new Promise<Outcome>((settle) => {
      let done = false;
      const once = (o: Outcome) => {
        if (!done) ((done = true), settle(o));
      };
      const callback = (err?: unknown, result?: unknown) =>
        once(err !== undefined && err !== null ? { rejected: err } : { resolved: result });
      const context = {
        ...baseContext(),
        callbackWaitsForEmptyEventLoop: true,
        succeed: (r: unknown) => once({ resolved: r }),
        fail: (e: unknown) => once({ rejected: e }),
        done: callback,
      };
      try {
        const returned = handler(event, context, callback) as { then?: unknown } | undefined;
        if (returned && typeof returned.then === 'function') {
          (returned as Promise<unknown>).then(
            (r) => once({ resolved: r }),
            (e: unknown) => once({ rejected: e }),
          );
        }
      } catch (error) {
        once({ rejected: error });
      }
    }),
  );
}

/** Node.js 24: two arguments, a context without succeed/fail/done, and the handler must return a promise. */
export async function runNode24(handler: AnyHandler, event: unknown): Promise<Outcome> {
  expect(handler.length).toBeLessThanOrEqual(2);
  const context = Object.freeze(baseContext());
  const returned = handler(event, context);
  expect(returned).toBeInstanceOf(Promise);
  return withTimeout(
    (returned as Promise<unknown>).then(
      (r) => ({ resolved: r }),
      (e: unknown) => ({ rejected: e }),
    ),
  );
}

/** Errors from two copies of a module are different objects: compare what a caller can see. */
export function comparable(value: unknown, copy: string): unknown {
  if (value instanceof Error) {
    return {
      error: value.constructor.name,
      ...(comparable({ ...value, name: value.name, message: value.message }, copy) as object),
    };
  }
  if (typeof value === 'string') return value.split(copy).join('<copy>');
  if (Array.isArray(value)) return value.map((v) => comparable(v, copy));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, comparable(v, copy)]));
  return value;
}
