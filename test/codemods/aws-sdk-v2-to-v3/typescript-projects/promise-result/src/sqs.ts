import AWS = require('aws-sdk');
import { AWSError } from 'aws-sdk';
import { SendMessageRequest, SendMessageResult } from 'aws-sdk/clients/sqs';
import { PromiseResult } from 'aws-sdk/lib/request';

const sqs = new AWS.SQS({ apiVersion: '2012-11-05' });

export function sendMessage(body: string, queueUrl: string): Promise<PromiseResult<SendMessageResult, AWSError>> {
  const params = { QueueUrl: queueUrl, MessageBody: body } as SendMessageRequest;
  return sqs.sendMessage(params).promise();
}
