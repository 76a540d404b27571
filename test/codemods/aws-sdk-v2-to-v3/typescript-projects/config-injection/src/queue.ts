import AWS from 'aws-sdk';

// tests pass a local endpoint; production passes nothing
export const receive = async (queueUrl: string, sqsConfig?: AWS.SQS.ClientConfiguration) => {
  const sqs = new AWS.SQS(sqsConfig);
  const out = await sqs.receiveMessage({ QueueUrl: queueUrl, MaxNumberOfMessages: 10 }).promise();
  return out.Messages ?? [];
};

export const remove = async (queueUrl: string, receiptHandle: string, sqsConfig?: AWS.SQS.ClientConfiguration) => {
  const sqs = new AWS.SQS(sqsConfig);
  await sqs.deleteMessage({ QueueUrl: queueUrl, ReceiptHandle: receiptHandle }).promise();
};
