import { DocumentClient } from 'aws-sdk/clients/dynamodb';
import { OrderStore } from './store';

export class OrderRepository implements OrderStore {
  private readonly client: DocumentClient;

  constructor(
    private readonly table: string,
    client?: DocumentClient,
  ) {
    this.client = client ?? new DocumentClient({ convertEmptyValues: true });
  }

  async load(id: string): Promise<DocumentClient.GetItemOutput> {
    return this.client.get({ TableName: this.table, Key: { id } }).promise();
  }

  async page(input: DocumentClient.QueryInput): Promise<DocumentClient.QueryOutput> {
    return this.client.query(input).promise();
  }

  async save(order: DocumentClient.PutItemInputAttributeMap): Promise<void> {
    await this.client.put({ TableName: this.table, Item: order }).promise();
  }

  async remove(key: DocumentClient.Key): Promise<DocumentClient.AttributeMap | undefined> {
    const out = await this.client.delete({ TableName: this.table, Key: key, ReturnValues: 'ALL_OLD' }).promise();
    return out.Attributes;
  }
}
