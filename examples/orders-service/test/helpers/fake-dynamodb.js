'use strict';
// An in-memory DynamoDB table that understands the few expressions this service uses.
// Anything else throws, so a change in the queries cannot pass the tests by accident.

function awsError(code, message, status = 400) {
  // v2 errors carry `code` and `statusCode`, v3 errors `name` and `$metadata`; give both.
  return Object.assign(new Error(message), {
    name: code,
    code,
    statusCode: status,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status },
  });
}

const copy = (value) => (value === undefined ? undefined : structuredClone(value));

class FakeDynamoDB {
  constructor() {
    this.reset();
  }

  reset() {
    this.tables = new Map();
    /** Every call as { operation, params }, for assertions on what the code sent. */
    this.calls = [];
    this.failures = [];
  }

  /** Makes the next call fail with an AWS error of this code. */
  failNextWith(code, status = 400) {
    this.failures.push(awsError(code, `simulated ${code}`, status));
  }

  seed(tableName, items) {
    for (const item of items) this.table(tableName).set(item.orderId, copy(item));
  }

  items(tableName) {
    return [...this.table(tableName).values()].map(copy);
  }

  table(name) {
    if (!name) throw awsError('ValidationException', 'TableName is required');
    if (!this.tables.has(name)) this.tables.set(name, new Map());
    return this.tables.get(name);
  }

  call(operation, params) {
    this.calls.push({ operation, params: copy(params) });
    const failure = this.failures.shift();
    if (failure) return Promise.reject(failure);
    try {
      return Promise.resolve(this[operation](params));
    } catch (err) {
      return Promise.reject(err);
    }
  }

  put({ TableName, Item, ConditionExpression }) {
    const table = this.table(TableName);
    this.check(ConditionExpression, table.get(Item.orderId));
    table.set(Item.orderId, copy(Item));
    return {};
  }

  get({ TableName, Key }) {
    const item = this.table(TableName).get(Key.orderId);
    return item ? { Item: copy(item) } : {};
  }

  update({ TableName, Key, UpdateExpression, ConditionExpression, ExpressionAttributeNames = {}, ExpressionAttributeValues = {}, ReturnValues }) {
    const table = this.table(TableName);
    const current = table.get(Key.orderId);
    this.check(ConditionExpression, current);
    const match = /^SET (.+)$/.exec(UpdateExpression);
    if (!match) throw new Error(`fake DynamoDB: unsupported UpdateExpression ${UpdateExpression}`);
    const next = { ...copy(current ?? Key) };
    for (const assignment of match[1].split(',')) {
      const [name, value] = assignment.split('=').map((s) => s.trim());
      const attribute = ExpressionAttributeNames[name] ?? name;
      if (!(value in ExpressionAttributeValues)) throw awsError('ValidationException', `missing value ${value}`);
      next[attribute] = copy(ExpressionAttributeValues[value]);
    }
    table.set(Key.orderId, next);
    return ReturnValues === 'ALL_NEW' ? { Attributes: copy(next) } : {};
  }

  query({ TableName, IndexName, KeyConditionExpression, ExpressionAttributeNames = {}, ExpressionAttributeValues = {} }) {
    const match = /^(#?\w+) = (:\w+)$/.exec(KeyConditionExpression ?? '');
    if (!match) throw new Error(`fake DynamoDB: unsupported KeyConditionExpression ${KeyConditionExpression}`);
    if (IndexName !== undefined && IndexName !== 'byCustomer') throw awsError('ValidationException', `no index ${IndexName}`);
    const attribute = ExpressionAttributeNames[match[1]] ?? match[1];
    const value = ExpressionAttributeValues[match[2]];
    const items = [...this.table(TableName).values()].filter((item) => item[attribute] === value).map(copy);
    return { Items: items, Count: items.length };
  }

  check(condition, existing) {
    if (condition === undefined) return;
    const match = /^attribute_(not_exists|exists)\((\w+)\)$/.exec(condition);
    if (!match) throw new Error(`fake DynamoDB: unsupported ConditionExpression ${condition}`);
    const holds = match[1] === 'exists' ? existing !== undefined : existing === undefined;
    if (!holds) throw awsError('ConditionalCheckFailedException', 'The conditional request failed');
  }
}

module.exports = { FakeDynamoDB, awsError };
