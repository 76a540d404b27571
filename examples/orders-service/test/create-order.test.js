'use strict';
const { describe, it, beforeEach } = require('node:test');
const assert = require('node:assert/strict');
const { dynamodb } = require('./helpers/fake-aws');
const { invoke } = require('./invoke');
const { handler } = require('../src/handlers/create-order');

const post = (body) => ({ httpMethod: 'POST', path: '/orders', body: typeof body === 'string' ? body : JSON.stringify(body) });
const parse = (response) => ({ ...response, body: JSON.parse(response.body) });

describe('POST /orders', () => {
  beforeEach(() => dynamodb.reset());

  it('prices and stores a new order', async () => {
    const response = parse(
      await invoke(handler, post({ orderId: 'o-1', customerId: 'c-7', items: [{ sku: 'KETTLE-1L' }, { sku: 'MUG-STONEWARE', quantity: 2 }] })),
    );
    assert.equal(response.statusCode, 201);
    assert.equal(response.headers['content-type'], 'application/json');
    assert.equal(response.body.orderId, 'o-1');
    assert.equal(response.body.status, 'PENDING_PAYMENT');
    assert.equal(response.body.total, 5900 + 2 * 1450); // over 50.00: no shipping charge
    assert.deepEqual(dynamodb.items('orders'), [response.body]);
    const [call] = dynamodb.calls;
    assert.equal(call.operation, 'put');
    assert.equal(call.params.TableName, 'orders');
    assert.equal(call.params.ConditionExpression, 'attribute_not_exists(orderId)');
  });

  it('generates an order id when the client sends none', async () => {
    const response = parse(await invoke(handler, post({ customerId: 'c-7', items: [{ sku: 'TEA-SENCHA-50G' }] })));
    assert.equal(response.statusCode, 201);
    assert.match(response.body.orderId, /^[0-9a-f-]{36}$/);
    assert.equal(response.body.total, 890 + 495);
  });

  it('answers 409 when the order id is taken, and keeps the stored order', async () => {
    dynamodb.seed('orders', [{ orderId: 'o-1', customerId: 'c-1', total: 100 }]);
    const response = parse(await invoke(handler, post({ orderId: 'o-1', customerId: 'c-7', items: [{ sku: 'KETTLE-1L' }] })));
    assert.equal(response.statusCode, 409);
    assert.match(response.body.message, /o-1 already exists/);
    assert.deepEqual(dynamodb.items('orders'), [{ orderId: 'o-1', customerId: 'c-1', total: 100 }]);
  });

  it('answers 400 without touching the table for bad requests', async () => {
    for (const [body, message] of [
      ['{not json', /not valid JSON/],
      [{ items: [{ sku: 'KETTLE-1L' }] }, /customerId is required/],
      [{ customerId: 'c-7', items: [] }, /at least one item/],
      [{ customerId: 'c-7', items: [{ sku: 'NOPE' }] }, /unknown sku/],
      [{ customerId: 'c-7', items: [{ sku: 'KETTLE-1L', quantity: 0 }] }, /quantity/],
    ]) {
      const response = parse(await invoke(handler, post(body)));
      assert.equal(response.statusCode, 400);
      assert.match(response.body.message, message);
    }
    assert.equal(dynamodb.calls.length, 0);
  });

  it('fails the invocation when DynamoDB fails', async () => {
    dynamodb.failNextWith('ProvisionedThroughputExceededException');
    await assert.rejects(invoke(handler, post({ customerId: 'c-7', items: [{ sku: 'KETTLE-1L' }] })), {
      name: 'ProvisionedThroughputExceededException',
    });
    assert.deepEqual(dynamodb.items('orders'), []);
  });

  it('fails the invocation when the event is not an API request', async () => {
    await assert.rejects(invoke(handler, undefined), TypeError);
  });
});
