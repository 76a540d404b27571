'use strict';
const { describe, it, beforeEach } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { invoke } = require('./invoke');
const { handler } = require('../src/handlers/send-receipt');

const LAYER_TEMPLATE = path.join(__dirname, '..', 'layers', 'receipt-templates', 'templates', 'receipt.txt');
const orderPaid = (detail) => ({ source: 'orders-service', 'detail-type': 'OrderPaid', detail });
const ORDER = {
  orderId: 'o-1',
  email: 'ada@example.com',
  currency: 'EUR',
  total: 2445,
  lines: [{ sku: 'TEA-EARLGREY-100G', name: 'Earl Grey, 100 g', quantity: 3, cents: 1950 }],
};

describe('receipt renderer (EventBridge)', () => {
  beforeEach(() => {
    process.env.RECEIPT_TEMPLATE_PATH = LAYER_TEMPLATE;
  });

  it('renders the receipt from the layer template', async () => {
    const result = await invoke(handler, orderPaid(ORDER));
    assert.deepEqual(result, {
      orderId: 'o-1',
      email: 'ada@example.com',
      receipt: 'Thank you for your order o-1.\n\n3 x Earl Grey, 100 g  19.50\n\nTotal paid: 24.45 EUR\n',
    });
  });

  it('fails the invocation for an event without an order', async () => {
    await assert.rejects(invoke(handler, orderPaid(undefined)), /no order in its detail/);
    await assert.rejects(invoke(handler, orderPaid({ orderId: 'o-1' })), /no order in its detail/);
  });

  it('fails the invocation when the template is missing', async () => {
    process.env.RECEIPT_TEMPLATE_PATH = path.join(__dirname, 'no-such-template.txt');
    await assert.rejects(invoke(handler, orderPaid(ORDER)), { code: 'ENOENT' });
  });
});
