'use strict';
// The data-access module on its own: what it sends to DynamoDB and how it maps errors.
const { describe, it, beforeEach } = require('node:test');
const assert = require('node:assert/strict');
const { dynamodb } = require('./helpers/fake-aws');
const table = require('../src/lib/orders-table');

describe('orders table', () => {
  beforeEach(() => dynamodb.reset());

  it('stores an order once and refuses a second one with the same id', async () => {
    const order = { orderId: 'o-1', customerId: 'c-1', createdAt: '2025-01-01T00:00:00.000Z' };
    assert.deepEqual(await table.putOrder(order), order);
    await assert.rejects(table.putOrder({ ...order, customerId: 'c-2' }), table.OrderExistsError);
    assert.deepEqual(dynamodb.items('orders'), [order]);
  });

  it('passes other DynamoDB errors through unchanged', async () => {
    dynamodb.failNextWith('ResourceNotFoundException');
    await assert.rejects(table.putOrder({ orderId: 'o-1' }), { name: 'ResourceNotFoundException' });
  });

  it('reads an order, or null when there is none', async () => {
    dynamodb.seed('orders', [{ orderId: 'o-1', total: 5 }]);
    assert.deepEqual(await table.getOrder('o-1'), { orderId: 'o-1', total: 5 });
    assert.equal(await table.getOrder('o-2'), null);
  });

  it('updates the status of an existing order only', async () => {
    dynamodb.seed('orders', [{ orderId: 'o-1', status: 'PENDING_PAYMENT' }]);
    const updated = await table.updateOrderStatus('o-1', 'PAID', { paymentId: 'p-9' });
    assert.equal(updated.status, 'PAID');
    assert.deepEqual(updated.payment, { paymentId: 'p-9' });
    assert.match(updated.updatedAt, /^\d{4}-\d\d-\d\dT/);
    const call = dynamodb.calls.at(-1);
    assert.equal(call.params.ReturnValues, 'ALL_NEW');
    assert.deepEqual(call.params.Key, { orderId: 'o-1' });
    await assert.rejects(table.updateOrderStatus('o-2', 'PAID'), { name: 'ConditionalCheckFailedException' });
  });

  it('lists the orders of one customer, newest first, through the byCustomer index', async () => {
    dynamodb.seed('orders', [
      { orderId: 'o-1', customerId: 'c-1', createdAt: '2025-01-01T00:00:00.000Z' },
      { orderId: 'o-2', customerId: 'c-2', createdAt: '2025-01-02T00:00:00.000Z' },
      { orderId: 'o-3', customerId: 'c-1', createdAt: '2025-01-03T00:00:00.000Z' },
    ]);
    const orders = await table.listOrdersByCustomer('c-1');
    assert.deepEqual(orders.map((o) => o.orderId), ['o-3', 'o-1']);
    assert.equal(dynamodb.calls[0].params.IndexName, 'byCustomer');
  });
});
