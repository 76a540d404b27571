import { S3, SNS } from 'aws-sdk';
import { bucket } from './aws';

const s3 = new S3({ signatureVersion: 'v4' });
const sns = new SNS();

export async function store(key: string, body: string): Promise<void> {
  await s3.putObject({ Bucket: bucket, Key: key, Body: body } as S3.PutObjectRequest).promise();
}

export async function fetch(key: string): Promise<Buffer> {
  const object = await s3.getObject({ Bucket: bucket, Key: key }).promise();
  return object.Body as Buffer;
}

export async function announce(key: string, attributes: SNS.MessageAttributeMap): Promise<string | undefined> {
  const out = await sns
    .publish({ TopicArn: process.env.TOPIC!, Message: key, MessageAttributes: attributes })
    .promise();
  return out.MessageId;
}
