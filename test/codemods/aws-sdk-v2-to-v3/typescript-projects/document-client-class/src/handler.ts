import { OrderRepository } from './repository';

const orders = new OrderRepository(process.env.TABLE_NAME ?? 'orders');

export const handler = async (event: { pathParameters?: { id?: string } }) => {
  const id = event.pathParameters?.id;
  if (!id) return { statusCode: 400, body: 'missing id' };
  const { Item } = await orders.load(id);
  return Item ? { statusCode: 200, body: JSON.stringify(Item) } : { statusCode: 404, body: '' };
};
