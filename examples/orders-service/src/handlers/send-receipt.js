'use strict';
// EventBridge "OrderPaid" consumer: renders the customer's receipt from the template
// shipped in the ReceiptTemplatesLayer (mounted under /opt).
const fs = require('node:fs');
const { formatCents } = require('../lib/pricing');

function templatePath() {
  return process.env.RECEIPT_TEMPLATE_PATH || '/opt/templates/receipt.txt';
}

function render(template, order) {
  const lines = order.lines
    .map((line) => `${line.quantity} x ${line.name}  ${formatCents(line.cents)}`)
    .join('\n');
  const values = { orderId: order.orderId, lines, total: formatCents(order.total), currency: order.currency };
  return template.replace(/\{\{(\w+)\}\}/g, (_, key) => String(values[key]));
}

exports.handler = (event, context, callback) => {
  const order = event.detail;
  if (!order || !order.orderId || !Array.isArray(order.lines)) {
    return callback(new Error('OrderPaid event has no order in its detail'));
  }

  fs.readFile(templatePath(), 'utf8', (err, template) => {
    if (err) {
      callback(err);
      return;
    }
    callback(null, { orderId: order.orderId, email: order.email, receipt: render(template, order) });
  });
};
