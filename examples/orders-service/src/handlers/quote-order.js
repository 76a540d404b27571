'use strict';
// POST /quotes: prices a prospective order without storing anything.
const { priceOrder, ValidationError } = require('../lib/pricing');
const { json } = require('../lib/http');

exports.handler = (event, context, callback) => {
  try {
    const request = JSON.parse(event.body);
    const quote = priceOrder(request);
    callback(null, json(200, quote));
  } catch (err) {
    if (err instanceof SyntaxError || err instanceof ValidationError) {
      callback(null, json(400, { message: err.message }));
    } else {
      callback(err);
    }
  }
};
