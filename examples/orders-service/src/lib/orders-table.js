'use strict';
// Data access for the orders table, written against the AWS SDK for JavaScript v2.
const AWS = require('aws-sdk');

const TABLE_NAME = process.env.ORDERS_TABLE || 'orders';

// One client per execution environment, so warm invocations reuse its connections.
const documentClient = new AWS.DynamoDB.DocumentClient({
  region: process.env.AWS_REGION || 'us-east-1',
  convertEmptyValues: true,
});

class OrderExistsError extends Error {
  constructor(orderId) {
    super(`order ${orderId} already exists`);
    this.name = 'OrderExistsError';
    this.orderId = orderId;
  }
}

/** Stores a new order; refuses to overwrite one with the same id. */
async function putOrder(order) {
  try {
    await documentClient
      .put({
        TableName: TABLE_NAME,
        Item: order,
        ConditionExpression: 'attribute_not_exists(orderId)',
      })
      .promise();
  } catch (err) {
    if (err.code === 'ConditionalCheckFailedException') throw new OrderExistsError(order.orderId);
    throw err;
  }
  return order;
}

/** The order, or null when there is none with this id. */
async function getOrder(orderId) {
  const result = await documentClient.get({ TableName: TABLE_NAME, Key: { orderId } }).promise();
  return result.Item || null;
}

/** Sets the status of an existing order and returns the updated order. */
async function updateOrderStatus(orderId, status, extra = {}) {
  const result = await documentClient
    .update({
      TableName: TABLE_NAME,
      Key: { orderId },
      UpdateExpression: 'SET #status = :status, #updatedAt = :updatedAt, #payment = :payment',
      ConditionExpression: 'attribute_exists(orderId)',
      ExpressionAttributeNames: { '#status': 'status', '#updatedAt': 'updatedAt', '#payment': 'payment' },
      ExpressionAttributeValues: {
        ':status': status,
        ':updatedAt': new Date().toISOString(),
        ':payment': extra,
      },
      ReturnValues: 'ALL_NEW',
    })
    .promise();
  return result.Attributes;
}

/** Orders of one customer, newest first. */
function listOrdersByCustomer(customerId) {
  return documentClient
    .query({
      TableName: TABLE_NAME,
      IndexName: 'byCustomer',
      KeyConditionExpression: 'customerId = :customerId',
      ExpressionAttributeValues: { ':customerId': customerId },
    })
    .promise()
    .then((data) => data.Items.sort((a, b) => b.createdAt.localeCompare(a.createdAt)));
}

module.exports = { putOrder, getOrder, updateOrderStatus, listOrdersByCustomer, OrderExistsError, TABLE_NAME };
