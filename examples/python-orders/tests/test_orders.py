import json
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "src"))

from orders import price, record  # noqa: E402


class PriceTest(unittest.TestCase):
    def test_prices_with_tax(self):
        event = {"body": json.dumps({"items": [{"sku": "a", "qty": 2, "price": "10.00"}]})}
        result = price.handler(event, None)
        self.assertEqual(result["statusCode"], 200)
        body = json.loads(result["body"])
        self.assertEqual(body["subtotal"], "20.00")
        self.assertEqual(body["total"], "24.00")
        self.assertTrue(body["pricedAt"].endswith("Z"))

    def test_prices_without_tax(self):
        event = {"body": json.dumps({"items": [{"sku": "a", "qty": 1, "price": 5}], "withTax": "no"})}
        body = json.loads(price.handler(event, None)["body"])
        self.assertEqual(body["total"], "5.00")

    def test_refuses_an_empty_order(self):
        self.assertEqual(price.handler({"body": "{}"}, None)["statusCode"], 400)


class RecordTest(unittest.TestCase):
    def test_puts_the_order(self):
        puts = []

        class Table:
            def put_item(self, Item):
                puts.append(Item)

        event = {"body": json.dumps({"total": "24.00"}), "requestContext": {"requestTimeEpoch": 1700000000000}}
        result = record.handler(event, None, table=Table())
        self.assertEqual(result["statusCode"], 201)
        self.assertEqual(puts[0]["total"], "24.00")


if __name__ == "__main__":
    unittest.main()
