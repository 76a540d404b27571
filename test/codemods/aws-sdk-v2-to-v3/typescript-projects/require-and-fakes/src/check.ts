import { DocumentClient } from 'aws-sdk/clients/dynamodb';

const TABLE_NAME = process.env.TABLE_NAME || 'TABLE_NAME';
const client = new DocumentClient();

export async function checkToken(client: DocumentClient, paymentToken: string, amount: number): Promise<boolean> {
  const response = await client.get({ TableName: TABLE_NAME, Key: { paymentToken } }).promise();
  return !!response.Item && response.Item.amount >= amount;
}

// called through exports, so that a test can replace it
export const handler = async (body: { paymentToken: string; amount: number }) =>
  exports.checkToken(client, body.paymentToken, body.amount);
