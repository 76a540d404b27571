'use strict';
// POST /orders: validates the request, prices it and stores the order.
const crypto = require('node:crypto');
const { putOrder, OrderExistsError } = require('../lib/orders-table');
const { priceOrder, ValidationError } = require('../lib/pricing');
const { json } = require('../lib/http');

exports.handler = (event, context, callback) => {
  const body = event.body || '{}';
  let request;
  try {
    request = JSON.parse(body);
  } catch (err) {
    return callback(null, json(400, { message: 'request body is not valid JSON' }));
  }
  if (typeof request.customerId !== 'string' || request.customerId === '') {
    return callback(null, json(400, { message: 'customerId is required' }));
  }

  let quote;
  try {
    quote = priceOrder(request);
  } catch (err) {
    if (err instanceof ValidationError) return callback(null, json(400, { message: err.message }));
    return callback(err);
  }

  const order = {
    // Clients may send their own id so that a retried request does not create a second order.
    orderId: request.orderId || crypto.randomUUID(),
    customerId: request.customerId,
    status: 'PENDING_PAYMENT',
    ...quote,
    createdAt: new Date().toISOString(),
    requestId: context.awsRequestId,
  };

  putOrder(order)
    .then((saved) => callback(null, json(201, saved)))
    .catch((err) => {
      if (err instanceof OrderExistsError) {
        callback(null, json(409, { message: err.message }));
      } else {
        callback(err);
      }
    });
};
