'use strict';
// The invoke helper must behave like the Lambda runtime, or the other tests prove nothing.
const { describe, it } = require('node:test');
const assert = require('node:assert/strict');
const { invoke, isCallbackStyle } = require('./invoke');

describe('invoke (Lambda runtime emulation)', () => {
  it('ends a callback handler at its first outcome', async () => {
    const handler = (event, context, callback) => {
      callback(null, 'first');
      callback(new Error('ignored'));
    };
    assert.equal(await invoke(handler, {}, { runtime: 22 }), 'first');
  });

  it('treats any non-null callback error as a failure, whatever its type', async () => {
    await assert.rejects(invoke((e, c, cb) => cb('plain string'), {}, { runtime: 22 }), (err) => err === 'plain string');
  });

  it('gives callback handlers context.succeed/fail/done on Node.js 22', async () => {
    assert.equal(await invoke((event, context) => context.succeed(42), {}, { runtime: 22 }), 42);
    await assert.rejects(invoke((event, context) => context.fail(new Error('no')), {}, { runtime: 22 }), /no/);
    assert.equal(await invoke((event, context) => context.done(null, 'ok'), {}, { runtime: 22 }), 'ok');
  });

  it('awaits async handlers and gives them a context without the legacy methods', async () => {
    const handler = async (event, context) => ({ has: ['succeed', 'fail', 'done'].filter((m) => m in context), event });
    assert.deepEqual(await invoke(handler, 7, { runtime: 24 }), { has: [], event: 7 });
    assert.deepEqual(await invoke(handler, 7, { runtime: 22 }), { has: [], event: 7 });
    await assert.rejects(invoke(async () => { throw new RangeError('bad'); }, {}), RangeError);
  });

  it('refuses callback handlers on Node.js 24, as the runtime does', async () => {
    await assert.rejects(invoke((e, c, cb) => cb(null, 1), {}, { runtime: 24 }), /does not run callback-based handlers/);
    assert.equal(isCallbackStyle(async (event) => event), false);
    assert.equal(isCallbackStyle(function (event, context) { context.succeed(1); }), true);
  });

  it('reports a handler that never finishes', async () => {
    await assert.rejects(invoke((e, c, cb) => {}, {}, { runtime: 22, timeoutMs: 50 }), /did not finish/);
  });
});
