'use strict';
// GET /orders/{orderId}. Written before async handlers existed, so it answers through context.
const { getOrder } = require('../lib/orders-table');
const { json } = require('../lib/http');

module.exports.handler = function (event, context) {
  const orderId = event.pathParameters && event.pathParameters.orderId;
  if (!orderId) {
    // Only a misconfigured API route gets here, so it is an error rather than a 400.
    context.fail(new Error('route is missing the orderId path parameter'));
    return;
  }

  getOrder(orderId).then(
    function (order) {
      if (!order) {
        context.succeed(json(404, { message: `order ${orderId} not found` }));
      } else {
        context.succeed(json(200, order));
      }
    },
    function (err) {
      console.error('reading order failed', orderId, err);
      context.fail(err);
    },
  );
};
