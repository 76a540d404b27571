"""Records a priced order. The table client is made once per container."""
import json
import os
import uuid


def _table():
    import boto3  # provided by the Lambda runtime

    return boto3.resource("dynamodb").Table(os.environ["TABLE_NAME"])


def order_item(order, now):
    return {"id": str(uuid.uuid4()), "total": order["total"], "createdAt": now}


def handler(event, context, table=None):
    order = json.loads(event["body"])
    item = order_item(order, event["requestContext"]["requestTimeEpoch"])
    (table or _table()).put_item(Item=item)
    return {"statusCode": 201, "body": json.dumps({"id": item["id"]})}
