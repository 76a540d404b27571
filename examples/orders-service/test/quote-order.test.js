'use strict';
const { describe, it } = require('node:test');
const assert = require('node:assert/strict');
const http = require('node:http');
const { once } = require('node:events');
const { invoke } = require('./invoke');
const { handler } = require('../src/handlers/quote-order');

const quote = async (body) => {
  const response = await invoke(handler, { body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { statusCode: response.statusCode, body: JSON.parse(response.body) };
};

describe('POST /quotes', () => {
  it('adds shipping below the free-shipping threshold', async () => {
    const { statusCode, body } = await quote({ items: [{ sku: 'TEA-EARLGREY-100G', quantity: 3 }] });
    assert.equal(statusCode, 200);
    assert.deepEqual(body, {
      lines: [{ sku: 'TEA-EARLGREY-100G', name: 'Earl Grey, 100 g', quantity: 3, cents: 1950 }],
      subtotal: 1950,
      discount: 0,
      shipping: 495,
      total: 2445,
      currency: 'EUR',
    });
  });

  it('applies a coupon before deciding on shipping', async () => {
    const { body } = await quote({ items: [{ sku: 'MUG-STONEWARE', quantity: 4 }], coupon: 'LOYAL15' });
    assert.equal(body.subtotal, 5800);
    assert.equal(body.discount, 870);
    assert.equal(body.shipping, 495); // 58.00 - 8.70 is below 50.00
    assert.equal(body.total, 5800 - 870 + 495);
  });

  it('answers 400 for malformed or invalid requests', async () => {
    for (const body of ['{"items": [', '', { items: [{ sku: 'MUG-STONEWARE' }], coupon: 'FREE' }, { items: 'all' }]) {
      const response = await quote(body);
      assert.equal(response.statusCode, 400, JSON.stringify(body));
      assert.equal(typeof response.body.message, 'string');
    }
  });

  it('posts anonymous statistics when ANALYTICS_URL is set', async () => {
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        res.end();
        server.emit('statistics', JSON.parse(body));
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    process.env.ANALYTICS_URL = `http://127.0.0.1:${server.address().port}/events`;
    try {
      const received = once(server, 'statistics');
      const { statusCode } = await quote({ items: [{ sku: 'MUG-STONEWARE', quantity: 2 }] });
      assert.equal(statusCode, 200);
      assert.deepEqual((await received)[0], { event: 'quote', total: 2900 + 495, lines: 1 });
    } finally {
      delete process.env.ANALYTICS_URL;
      server.close();
    }
  });

  it('fails the invocation for an event that is not an API request', async () => {
    await assert.rejects(invoke(handler, null), TypeError);
  });
});
