// The answer table and the records and values the handlers in handlers.ts must give, written out
// by hand from the contract (src/equivalence/aws/index.ts).
import type { AnswerTable } from '../../../src/equivalence/aws/index.js';

export const answers: AnswerTable = {
  rules: [
    { service: 'S3', operation: 'GetObject', answer: { value: { Body: 'hello', ContentType: 'text/plain' } } },
    { service: 'S3', operation: 'PutObject', answer: { value: { ETag: '"e1"' } } },
    { service: 'DynamoDB', operation: 'GetItem', answer: { value: { Item: { id: { S: '1' }, n: { N: '5' } } } } },
    { service: 'DynamoDB', operation: 'Query', answer: { value: { Count: 1, Items: [{ id: { S: '1' } }] } } },
    { service: 'DynamoDBDocument', operation: 'Get', answer: { value: { Item: { id: '1', n: 5 } } } },
    { service: 'DynamoDBDocument', operation: 'Query', answer: { value: { Count: 1, Items: [{ id: '1', n: 5 }] } } },
    { service: 'SQS', answer: { value: { MessageId: 'm-1' } } },
    { service: 'SNS', operation: 'Publish', answer: { value: { MessageId: 's-1' } } },
    { service: 'Lambda', operation: 'Invoke', answer: { value: { StatusCode: 200, Payload: '{"y":2}' } } },
  ],
};

const bytes = (text: string) => ({ $bytes: Buffer.from(text).toString('base64') });

/** The records the contract asks for, written out by hand. */
export const expectedCalls = [
  { service: 'S3', operation: 'GetObject', params: { Bucket: 'in', Key: 'a.txt' } },
  {
    service: 'S3',
    operation: 'PutObject',
    params: { Bucket: 'out', Key: 'b.txt', Body: bytes('HELLO'), ContentType: 'text/plain' },
  },
  { service: 'DynamoDB', operation: 'GetItem', params: { TableName: 'T', Key: { id: { S: '1' } } } },
  { service: 'DynamoDB', operation: 'PutItem', params: { TableName: 'T', Item: { id: { S: '2' }, n: { N: '5' } } } },
  {
    service: 'DynamoDB',
    operation: 'Query',
    params: { TableName: 'T', KeyConditionExpression: 'id = :id', ExpressionAttributeValues: { ':id': { S: '1' } } },
  },
  { service: 'DynamoDBDocument', operation: 'Get', params: { TableName: 'D', Key: { id: '1' } } },
  {
    service: 'DynamoDBDocument',
    operation: 'Put',
    params: { TableName: 'D', Item: { id: '2', tags: { $set: ['a', 'b'] }, at: '1970-01-01T00:00:00.000Z' } },
  },
  {
    service: 'DynamoDBDocument',
    operation: 'Query',
    params: { TableName: 'D', KeyConditionExpression: 'id = :id', ExpressionAttributeValues: { ':id': '1' } },
  },
  {
    service: 'SQS',
    operation: 'SendMessage',
    params: { QueueUrl: 'https://sqs.eu-west-1.amazonaws.com/1/q', MessageBody: '{"a":1}' },
  },
  {
    service: 'SNS',
    operation: 'Publish',
    params: {
      TopicArn: 'arn:aws:sns:eu-west-1:1:t',
      Message: 'hi',
      MessageAttributes: { k: { DataType: 'String', StringValue: 'v' } },
    },
  },
  { service: 'Lambda', operation: 'Invoke', params: { FunctionName: 'f', Payload: bytes('{"x":1}') } },
];

export const expectedOut = {
  body: 'hello',
  contentType: 'text/plain',
  etag: '"e1"',
  raw: { id: { S: '1' }, n: { N: '5' } },
  rawCount: 1,
  doc: { id: '1', n: 5 },
  docItems: [{ id: '1', n: 5 }],
  messageId: 'm-1',
  snsId: 's-1',
  payload: { y: 2 },
};
