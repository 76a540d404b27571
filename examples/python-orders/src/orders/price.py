"""Prices an order: POST /orders/price with {"items": [{"sku": ..., "qty": ..., "price": ...}]}."""
import json
from datetime import datetime
from decimal import Decimal

try:
    from distutils.util import strtobool  # removed in Python 3.12
except ImportError:  # pragma: no cover
    from orders.flags import strtobool

import os

TAX_RATE = Decimal(os.environ.get("TAX_RATE", "0.2"))


def price(items, with_tax=True):
    subtotal = sum(Decimal(str(i["price"])) * int(i["qty"]) for i in items)
    total = subtotal * (1 + TAX_RATE) if with_tax else subtotal
    return subtotal.quantize(Decimal("0.01")), total.quantize(Decimal("0.01"))


def handler(event, context):
    body = json.loads(event.get("body") or "{}")
    items = body.get("items", [])
    if not items:
        return {"statusCode": 400, "body": json.dumps({"error": "no items"})}
    with_tax = bool(strtobool(str(body.get("withTax", "true"))))
    subtotal, total = price(items, with_tax)
    return {
        "statusCode": 200,
        "body": json.dumps(
            {
                "subtotal": str(subtotal),
                "total": str(total),
                "pricedAt": datetime.utcnow().isoformat() + "Z",
            }
        ),
    }
