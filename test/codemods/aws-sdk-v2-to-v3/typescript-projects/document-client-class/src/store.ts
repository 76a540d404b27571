import { DynamoDB } from 'aws-sdk';

export interface OrderStore {
  load(id: string): Promise<DynamoDB.DocumentClient.GetItemOutput>;
  page(input: DynamoDB.DocumentClient.QueryInput): Promise<DynamoDB.DocumentClient.QueryOutput>;
}

// what the unit tests use instead of DynamoDB
export const memoryStore = (items: DynamoDB.DocumentClient.AttributeMap[]): OrderStore => ({
  load: async (id) => ({ Item: items.find((item) => item.id === id) }),
  page: async () => ({ Items: items, Count: items.length }),
});
