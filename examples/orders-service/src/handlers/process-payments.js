'use strict';
// SQS worker: marks orders as paid. Reports failed messages individually
// (ReportBatchItemFailures) so one bad message does not send the whole batch back.
const { getOrder, updateOrderStatus } = require('../lib/orders-table');

async function settlePayment(record) {
  const message = JSON.parse(record.body);
  if (typeof message.orderId !== 'string' || !Number.isInteger(message.amount)) {
    throw new Error(`message ${record.messageId} is not a payment notification`);
  }
  const order = await getOrder(message.orderId);
  if (!order) throw new Error(`order ${message.orderId} does not exist`);
  // SQS delivers at least once: a payment seen before is not an error.
  if (order.status === 'PAID') return order;
  if (message.amount !== order.total) {
    throw new Error(`payment of ${message.amount} does not match total ${order.total} of ${order.orderId}`);
  }
  return updateOrderStatus(order.orderId, 'PAID', { paymentId: message.paymentId, amount: message.amount });
}

exports.handler = function (event, context, callback) {
  // The DynamoDB client keeps sockets open between invocations; do not wait for them to close.
  context.callbackWaitsForEmptyEventLoop = false;

  if (!event || !Array.isArray(event.Records)) {
    callback(new Error('expected an SQS event with Records'));
    return;
  }

  Promise.allSettled(event.Records.map(settlePayment)).then((outcomes) => {
    const batchItemFailures = [];
    outcomes.forEach((outcome, i) => {
      if (outcome.status === 'rejected') {
        console.warn('payment not settled', event.Records[i].messageId, outcome.reason.message);
        batchItemFailures.push({ itemIdentifier: event.Records[i].messageId });
      }
    });
    callback(null, { batchItemFailures });
  });
};
