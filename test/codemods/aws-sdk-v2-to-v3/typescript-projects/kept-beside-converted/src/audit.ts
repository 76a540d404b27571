import AWS, { DynamoDB } from 'aws-sdk';
import { GetItemInput, GetItemOutput } from 'aws-sdk/clients/dynamodb';
import S3, { PutObjectRequest } from 'aws-sdk/clients/s3';

const db = new DynamoDB();
const s3 = new S3();

// every request is signed with the audit header: a v2 request listener, which stays v2
export async function read(input: GetItemInput): Promise<GetItemOutput> {
  const request = db.getItem(input);
  request.on('build', () => (request.httpRequest.headers['x-audit'] = 'yes'));
  return request.promise();
}

export const archive = (req: PutObjectRequest) => s3.putObject(req).promise();

export const retried = (err: AWS.AWSError) => err.retryable === true;
