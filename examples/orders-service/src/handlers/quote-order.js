'use strict';
// POST /quotes: prices a prospective order without storing anything.
const { priceOrder, ValidationError } = require('../lib/pricing');
const { json } = require('../lib/http');

exports.handler = (event, context, callback) => {
  try {
    const request = JSON.parse(event.body);
    const quote = priceOrder(request);
    // Best effort: analytics must never fail or delay the quote itself.
    if (process.env.ANALYTICS_URL) {
      fetch(process.env.ANALYTICS_URL, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ event: 'quote', total: quote.total, lines: quote.lines.length }),
      }).catch(() => {});
    }
    callback(null, json(200, quote));
  } catch (err) {
    if (err instanceof SyntaxError || err instanceof ValidationError) {
      callback(null, json(400, { message: err.message }));
    } else {
      callback(err);
    }
  }
};
