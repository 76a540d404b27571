'use strict';
// Prices an order from the catalogue. Amounts are integer cents so totals never drift.

const CATALOGUE = {
  'TEA-EARLGREY-100G': { name: 'Earl Grey, 100 g', cents: 650 },
  'TEA-SENCHA-50G': { name: 'Sencha, 50 g', cents: 890 },
  'MUG-STONEWARE': { name: 'Stoneware mug', cents: 1450 },
  'KETTLE-1L': { name: 'Gooseneck kettle, 1 l', cents: 5900 },
};
const COUPONS = { WELCOME10: 10, LOYAL15: 15 };
const FREE_SHIPPING_FROM_CENTS = 5000;
const SHIPPING_CENTS = 495;
const MAX_QUANTITY = 20;

/** A request the caller can fix; handlers answer it with 400. */
class ValidationError extends Error {
  constructor(message) {
    super(message);
    this.name = 'ValidationError';
  }
}

function priceLine(item) {
  const product = CATALOGUE[item && item.sku];
  if (!product) throw new ValidationError(`unknown sku ${JSON.stringify(item && item.sku)}`);
  const quantity = item.quantity === undefined ? 1 : item.quantity;
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_QUANTITY) {
    throw new ValidationError(`quantity of ${item.sku} must be a whole number from 1 to ${MAX_QUANTITY}`);
  }
  return { sku: item.sku, name: product.name, quantity, cents: product.cents * quantity };
}

/** { lines, subtotal, discount, shipping, total, currency } for a request { items, coupon? }. */
function priceOrder(request) {
  if (!request || !Array.isArray(request.items) || request.items.length === 0) {
    throw new ValidationError('an order needs at least one item');
  }
  const lines = request.items.map(priceLine);
  const subtotal = lines.reduce((sum, line) => sum + line.cents, 0);
  let percent = 0;
  if (request.coupon !== undefined) {
    percent = COUPONS[request.coupon];
    if (percent === undefined) throw new ValidationError(`coupon ${request.coupon} is not valid`);
  }
  const discount = Math.round((subtotal * percent) / 100);
  const shipping = subtotal - discount >= FREE_SHIPPING_FROM_CENTS ? 0 : SHIPPING_CENTS;
  return { lines, subtotal, discount, shipping, total: subtotal - discount + shipping, currency: 'EUR' };
}

/** 1234 -> "12.34" */
function formatCents(cents) {
  return (cents / 100).toFixed(2);
}

module.exports = { priceOrder, formatCents, ValidationError, CATALOGUE };
