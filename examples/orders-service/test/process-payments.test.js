'use strict';
const { describe, it, beforeEach } = require('node:test');
const assert = require('node:assert/strict');
const { dynamodb } = require('./helpers/fake-aws');
const { invoke } = require('./invoke');
const { handler } = require('../src/handlers/process-payments');

const record = (messageId, body) => ({ messageId, body: typeof body === 'string' ? body : JSON.stringify(body) });

describe('payments worker (SQS)', () => {
  beforeEach((t) => {
    t.mock.method(console, 'warn', () => {});
    dynamodb.reset();
    dynamodb.seed('orders', [
      { orderId: 'o-1', customerId: 'c-1', status: 'PENDING_PAYMENT', total: 2445 },
      { orderId: 'o-2', customerId: 'c-2', status: 'PAID', total: 990 },
      { orderId: 'o-3', customerId: 'c-3', status: 'PENDING_PAYMENT', total: 5000 },
    ]);
  });

  it('marks paid orders and reports no failures', async () => {
    const result = await invoke(handler, {
      Records: [record('m-1', { orderId: 'o-1', amount: 2445, paymentId: 'p-1' }), record('m-2', { orderId: 'o-2', amount: 990 })],
    });
    assert.deepEqual(result, { batchItemFailures: [] });
    const byId = Object.fromEntries(dynamodb.items('orders').map((o) => [o.orderId, o]));
    assert.equal(byId['o-1'].status, 'PAID');
    assert.deepEqual(byId['o-1'].payment, { paymentId: 'p-1', amount: 2445 });
    assert.equal(byId['o-3'].status, 'PENDING_PAYMENT');
    // o-2 was already paid: read, not written again.
    assert.deepEqual(dynamodb.calls.map((c) => c.operation).sort(), ['get', 'get', 'update']);
  });

  it('reports each message that cannot be settled', async () => {
    const result = await invoke(handler, {
      Records: [
        record('m-bad-json', '{'),
        record('m-unknown', { orderId: 'o-404', amount: 1 }),
        record('m-mismatch', { orderId: 'o-3', amount: 4999 }),
        record('m-ok', { orderId: 'o-1', amount: 2445 }),
        record('m-not-payment', { hello: 'world' }),
      ],
    });
    assert.deepEqual(result, {
      batchItemFailures: [{ itemIdentifier: 'm-bad-json' }, { itemIdentifier: 'm-unknown' }, { itemIdentifier: 'm-mismatch' }, { itemIdentifier: 'm-not-payment' }],
    });
    assert.equal(dynamodb.items('orders').find((o) => o.orderId === 'o-3').status, 'PENDING_PAYMENT');
  });

  it('reports a message whose update fails', async () => {
    dynamodb.failNextWith('ThrottlingException');
    const result = await invoke(handler, { Records: [record('m-1', { orderId: 'o-1', amount: 2445 })] });
    assert.deepEqual(result, { batchItemFailures: [{ itemIdentifier: 'm-1' }] });
  });

  it('accepts an empty batch', async () => {
    assert.deepEqual(await invoke(handler, { Records: [] }), { batchItemFailures: [] });
  });

  it('fails the invocation for an event that is not from SQS', async () => {
    await assert.rejects(invoke(handler, { detail: {} }), /expected an SQS event/);
  });
});
