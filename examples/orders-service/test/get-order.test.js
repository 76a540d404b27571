'use strict';
const { describe, it, beforeEach } = require('node:test');
const assert = require('node:assert/strict');
const { dynamodb } = require('./helpers/fake-aws');
const { invoke } = require('./invoke');
const { handler } = require('../src/handlers/get-order');

const get = (orderId) => ({ httpMethod: 'GET', pathParameters: orderId === undefined ? null : { orderId } });

describe('GET /orders/{orderId}', () => {
  beforeEach(() => {
    dynamodb.reset();
    dynamodb.seed('orders', [{ orderId: 'o-1', customerId: 'c-7', status: 'PAID', total: 1940 }]);
  });

  it('returns the stored order', async () => {
    const response = await invoke(handler, get('o-1'));
    assert.equal(response.statusCode, 200);
    assert.deepEqual(JSON.parse(response.body), { orderId: 'o-1', customerId: 'c-7', status: 'PAID', total: 1940 });
    assert.deepEqual(dynamodb.calls, [{ operation: 'get', params: { TableName: 'orders', Key: { orderId: 'o-1' } } }]);
  });

  it('answers 404 for an unknown order', async () => {
    const response = await invoke(handler, get('o-404'));
    assert.equal(response.statusCode, 404);
    assert.deepEqual(JSON.parse(response.body), { message: 'order o-404 not found' });
  });

  it('fails the invocation when the route has no orderId', async () => {
    await assert.rejects(invoke(handler, get(undefined)), /missing the orderId path parameter/);
    assert.equal(dynamodb.calls.length, 0);
  });

  it('fails the invocation with the DynamoDB error', async (t) => {
    t.mock.method(console, 'error', () => {});
    dynamodb.failNextWith('InternalServerError', 500);
    await assert.rejects(invoke(handler, get('o-1')), { name: 'InternalServerError' });
  });
});
