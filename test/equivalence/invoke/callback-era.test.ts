// The Node.js 22 (and earlier) runtime contract, as aws-lambda-ric 3.x implements it: callback,
// context.succeed/fail/done and a returned promise race under one "first call wins" guard;
// callbackWaitsForEmptyEventLoop decides when a callback's answer is given.
import { describe, expect, it } from 'vitest';
import { checkout, invoke } from './helpers.js';

const repo = checkout({
  'callback.js': `exports.handler = (event, context, callback) => callback(null, { got: event.id });`,
  'callback-twice.js': `exports.handler = (e, c, callback) => { callback(null, 1); callback(null, 2); };`,
  'callback-error.js': `exports.handler = (e, c, callback) => callback(new TypeError('bad input'), 'ignored');`,
  // The async function's promise resolves after the callback was called: the callback wins.
  'callback-after-await.js': `exports.handler = async (e, c, callback) => { await Promise.resolve(); callback(null, 'from callback'); };`,
  // The async function's promise resolves (to undefined) before the timer calls back: null wins.
  'promise-beats-callback.js': `exports.handler = async (e, c, callback) => { setTimeout(() => callback(null, 'late'), 20); };`,
  'succeed.js': `exports.handler = (e, context) => { context.succeed({ s: 1 }); context.fail(new Error('too late')); };`,
  'fail.js': `exports.handler = (e, context) => context.fail(new RangeError('out of range'));`,
  'fail-nothing.js': `exports.handler = (e, context) => context.fail();`,
  'done.js': `exports.handler = (e, context) => context.done(null, [1, 2]);`,
  'done-error.js': `exports.handler = (e, context) => context.done('a plain string');`,
  'promise.js': `exports.handler = () => Promise.resolve({ p: true, gone: undefined });`,
  // The answer is serialised when it is given: after the timer with the wait, before it without.
  'wait-true.js': `exports.handler = (e, c, callback) => { const r = { n: 1 }; setTimeout(() => { r.n = 2; }, 150); callback(null, r); };`,
  'wait-false.js': `exports.handler = (e, context, callback) => { context.callbackWaitsForEmptyEventLoop = false; const r = { n: 1 }; setTimeout(() => { r.n = 2; }, 150); callback(null, r); };`,
  'wait-forever.js': `exports.handler = (e, c, callback) => { setInterval(() => {}, 1000); callback(null, 'never given'); };`,
  'no-settle.js': `exports.handler = (event) => { setTimeout(() => { event.seen = true; }, 20); };`,
  'pending-promise.js': `exports.handler = async () => new Promise(() => {});`,
  'sync-throw.js': `exports.handler = () => { throw new SyntaxError('thrown at once'); };`,
  'throw-after-callback.js': `exports.handler = (e, c, callback) => { callback(null, 'kept'); throw new Error('ignored'); };`,
  'reject-string.js': `exports.handler = async () => { throw 'plain words'; };`,
  'reject-object.js': `exports.handler = () => Promise.reject({ code: 42 });`,
  'reject-undefined.js': `exports.handler = () => Promise.reject(undefined);`,
  'unhandled.js': `exports.handler = (e, c, callback) => { Promise.reject(new Error('lost')); setTimeout(() => callback(null, 'x'), 50); };`,
  'exits.js': `exports.handler = (e, c, callback) => { process.exit(3); };`,
  'circular.js': `exports.handler = async () => { const a = {}; a.self = a; return a; };`,
});

const cases: Array<[string, unknown]> = [
  ['callback.js', { kind: 'resolved', value: { got: 7 } }],
  ['callback-twice.js', { kind: 'resolved', value: 1 }],
  ['callback-error.js', { kind: 'error', name: 'TypeError', message: 'bad input' }],
  ['callback-after-await.js', { kind: 'resolved', value: 'from callback' }],
  ['promise-beats-callback.js', { kind: 'resolved', value: null }],
  ['succeed.js', { kind: 'resolved', value: { s: 1 } }],
  ['fail.js', { kind: 'error', name: 'RangeError', message: 'out of range' }],
  ['fail-nothing.js', { kind: 'error', name: 'string', message: 'handled' }],
  ['done.js', { kind: 'resolved', value: [1, 2] }],
  ['done-error.js', { kind: 'error', name: 'string', message: 'a plain string' }],
  ['promise.js', { kind: 'resolved', value: { p: true } }],
  ['wait-true.js', { kind: 'resolved', value: { n: 2 } }],
  ['wait-false.js', { kind: 'resolved', value: { n: 1 } }],
  ['no-settle.js', { kind: 'resolved', value: null }],
  ['pending-promise.js', { kind: 'resolved', value: null }],
  ['sync-throw.js', { kind: 'error', name: 'SyntaxError', message: 'thrown at once' }],
  ['throw-after-callback.js', { kind: 'resolved', value: 'kept' }],
  ['reject-string.js', { kind: 'error', name: 'string', message: 'plain words' }],
  ['reject-object.js', { kind: 'error', name: 'object', message: '[object Object]' }],
  ['reject-undefined.js', { kind: 'error', name: 'string', message: 'handled' }],
  ['unhandled.js', { kind: 'error', name: 'Runtime.UnhandledPromiseRejection', message: 'Error: lost' }],
  ['circular.js', { kind: 'error', name: 'Error', message: 'Unable to stringify response body' }],
  ['exits.js', { kind: 'error', name: 'Runtime.ExitError', message: 'Runtime exited with error: exit status 3' }],
];

describe.concurrent('Node.js 22 runtime contract (callback era)', () => {
  for (const [file, outcome] of cases) {
    it(`${file} answers as the Node.js 22 runtime does`, async () => {
      const record = await invoke(repo.root(), file, 22);
      expect(record.outcome).toEqual(outcome);
    });
  }

  it('a callback whose event loop never empties times out', async () => {
    const record = await invoke(repo.root(), 'wait-forever.js', 22, { timeoutMs: 600 });
    expect(record.outcome).toEqual({ kind: 'timeout' });
    expect(record.durationMs).toBeGreaterThanOrEqual(600);
  });
});
