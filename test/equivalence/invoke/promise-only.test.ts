// The Node.js 24 runtime contract (the Node.js 24 announcement; aws-lambda-ric 4.x): only the
// returned value or promise settles an invocation; callback handlers are refused, and context has
// no succeed/fail/done. The same handlers under 22 show where the two contracts part.
import { describe, expect, it } from 'vitest';
import { callbackRemovedMessage } from '../../../src/equivalence/invoke/contract.js';
import { checkout, invoke } from './helpers.js';

const repo = checkout({
  'async.mjs': `export const handler = async (event) => ({ got: event.id, at: new Date().toISOString() === new Date(Date.now()).toISOString() });`,
  'promise.js': `exports.handler = (event) => new Promise((resolve) => setTimeout(() => resolve([event.id]), 20));`,
  'sync-value.js': `exports.handler = (event) => ({ sync: event.id });`,
  'nothing.js': `exports.handler = async () => {};`,
  'callback.js': `exports.handler = (event, context, callback) => callback(null, 'ok');`,
  'context-succeed.js': `exports.handler = (event, context) => { context.succeed('ok'); };`,
  'reject-string.js': `exports.handler = async () => { throw 'plain words'; };`,
  'reject-undefined.js': `exports.handler = () => Promise.reject(undefined);`,
  'circular.js': `exports.handler = async () => { const a = {}; a.self = a; return a; };`,
  'pending.js': `exports.handler = () => new Promise(() => {});`,
  'pending-kept-alive.js': `exports.handler = () => { setInterval(() => {}, 1000); return new Promise(() => {}); };`,
});

describe.concurrent('Node.js 24 runtime contract (promise only)', () => {
  const cases: Array<[string, unknown]> = [
    ['async.mjs', { kind: 'resolved', value: { got: 7, at: true } }],
    ['promise.js', { kind: 'resolved', value: [7] }],
    ['sync-value.js', { kind: 'resolved', value: { sync: 7 } }],
    ['nothing.js', { kind: 'resolved', value: null }],
    ['callback.js', { kind: 'error', name: 'Runtime.CallbackHandlerDeprecated', message: callbackRemovedMessage }],
    ['context-succeed.js', { kind: 'error', name: 'TypeError', message: 'context.succeed is not a function' }],
    ['reject-string.js', { kind: 'error', name: 'string', message: 'plain words' }],
    ['reject-undefined.js', { kind: 'error', name: 'undefined', message: 'undefined' }],
    [
      'circular.js',
      { kind: 'error', name: 'Runtime.JSONStringifyError', message: 'Unable to stringify response body' },
    ],
    ['pending.js', { kind: 'error', name: 'Runtime.ExitError', message: 'Runtime exited without providing a reason' }],
  ];
  for (const [file, outcome] of cases) {
    it(`${file} answers as the Node.js 24 runtime does`, async () => {
      const record = await invoke(repo.root(), file, 24);
      expect(record.outcome).toEqual(outcome);
    });
  }

  it('the callback and context.succeed handlers that 24 refuses still answer under 22', async () => {
    const [callback, succeed] = await Promise.all([
      invoke(repo.root(), 'callback.js', 22),
      invoke(repo.root(), 'context-succeed.js', 22),
    ]);
    expect(callback.outcome).toEqual({ kind: 'resolved', value: 'ok' });
    expect(succeed.outcome).toEqual({ kind: 'resolved', value: 'ok' });
  });

  it('a promise that never settles while the process stays busy times out, under 24 and under 22', async () => {
    const records = await Promise.all(
      [22, 24].map((major) => invoke(repo.root(), 'pending-kept-alive.js', major, { timeoutMs: 600 })),
    );
    for (const record of records) {
      expect(record.outcome).toEqual({ kind: 'timeout' });
      expect(record.durationMs).toBeGreaterThanOrEqual(600);
    }
  });
});
