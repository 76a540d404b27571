import { GetItemInput } from 'aws-sdk/clients/dynamodb';
const AWSMock = require('aws-sdk-mock');

// the fake answers v2 requests, whose Key is always there
export function fakeGet(): void {
  AWSMock.mock('DynamoDB.DocumentClient', 'get', (params: GetItemInput, callback: Function) => {
    callback(null, { Item: { paymentToken: params.Key.paymentToken, amount: 3000 } });
  });
}
