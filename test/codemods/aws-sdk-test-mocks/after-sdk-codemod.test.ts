// The plan's order: aws-sdk-v2-to-v3 converts the code under test, then this codemod its tests.
// The converted test runs against the converted handler and passes; the v2 packages are gone.
import { describe, expect, it } from 'vitest';
import { codemod as sdk } from '../../../src/codemods/aws-sdk-v2-to-v3/index.js';
import { codemod as mocks } from '../../../src/codemods/aws-sdk-test-mocks/index.js';
import type { CodemodResult } from '../../../src/codemods/types.js';
import { memoryRepo } from './helpers.js';
import { runTests } from './run-tests.js';

const files: Record<string, string> = {
  'package.json':
    '{\n  "name": "orders",\n  "dependencies": {\n    "aws-sdk": "^2.1692.0"\n  },\n  "devDependencies": {\n    "aws-sdk-mock": "^6.2.0",\n    "jest": "^29.7.0"\n  }\n}\n',
  'src/handler.js': `const AWS = require('aws-sdk');

const db = new AWS.DynamoDB.DocumentClient();
const sqs = new AWS.SQS();

exports.handler = async (event) => {
  const { Item } = await db.get({ TableName: 'orders', Key: { id: event.id } }).promise();
  await sqs.sendMessage({ QueueUrl: 'q', MessageBody: JSON.stringify(Item) }).promise();
  return Item;
};
`,
  'test/handler.test.js': `const AWS = require('aws-sdk');
const AWSMock = require('aws-sdk-mock');
const { handler } = require('../src/handler');

beforeEach(() => AWSMock.setSDKInstance(AWS));
afterEach(() => AWSMock.restore());

it('forwards the order', async () => {
  AWSMock.mock('DynamoDB.DocumentClient', 'get', (params, callback) => callback(null, { Item: { id: params.Key.id } }));
  AWSMock.mock('SQS', 'sendMessage', { MessageId: 'm' });
  expect(await handler({ id: 'o-1' })).toEqual({ id: 'o-1' });
});
`,
};

async function step(codemod: { run: (...a: any[]) => unknown }, current: Record<string, string>) {
  const result = (await codemod.run(memoryRepo(current), {})) as CodemodResult;
  return { files: { ...current, ...Object.fromEntries(result.changes) }, findings: result.findings };
}

describe('after aws-sdk-v2-to-v3', () => {
  it('the moved test passes against the converted handler, and package.json holds v3 only', async () => {
    const converted = await step(sdk, files);
    expect(converted.files['src/handler.js']).toContain('new GetCommand(');
    const moved = await step(mocks, converted.files);
    expect(moved.findings).toEqual([]);
    const test = moved.files['test/handler.test.js'];
    expect(test).not.toMatch(/'aws-sdk(-mock)?'/);
    const results = await runTests(moved.files['src/handler.js'], test);
    expect(results).toEqual([{ name: 'forwards the order' }]);
    const manifest = JSON.parse(moved.files['package.json']);
    expect(manifest.devDependencies).toEqual({ 'aws-sdk-client-mock': '^4.1.0', jest: '^29.7.0' });
    expect(Object.keys(manifest.dependencies).sort()).toEqual([
      '@aws-sdk/client-dynamodb',
      '@aws-sdk/client-sqs',
      '@aws-sdk/lib-dynamodb',
    ]);
  });

  it('a jest.mock test of a TypeScript module: its assertions hold on the converted calls, and fail on other ones', async () => {
    const ts = {
      'package.json': '{\n  "name": "users",\n  "dependencies": {\n    "aws-sdk": "^2.1692.0"\n  }\n}\n',
      'src/users.ts': `import { DynamoDB } from 'aws-sdk';

const db = new DynamoDB.DocumentClient();

export async function rename(id: string, name: string) {
  const { Item } = await db.get({ TableName: 'users', Key: { id } }).promise();
  if (!Item) return false;
  await db.put({ TableName: 'users', Item: { ...Item, name } }).promise();
  return true;
}
`,
      'src/users.test.ts': `import { rename } from './users';

const mockGet = jest.fn();
const mockPut = jest.fn();
jest.mock('aws-sdk', () => ({
  DynamoDB: { DocumentClient: jest.fn(() => ({ get: mockGet, put: mockPut })) },
}));

beforeEach(() => {
  jest.clearAllMocks();
  mockPut.mockReturnValue({ promise: () => Promise.resolve({}) });
});

test('renames a user', async () => {
  mockGet.mockReturnValue({ promise: () => Promise.resolve({ Item: { id: 'u1', name: 'a' } }) });
  expect(await rename('u1', 'b')).toBe(true);
  expect(mockGet).toHaveBeenCalledWith({ TableName: 'users', Key: { id: 'u1' } });
  expect(mockPut).toHaveBeenCalledWith({ TableName: 'users', Item: { id: 'u1', name: 'b' } });
});

test('leaves a missing user', async () => {
  mockGet.mockReturnValue({ promise: () => Promise.resolve({}) });
  expect(await rename('u2', 'b')).toBe(false);
  expect(mockPut).not.toHaveBeenCalled();
});
`,
    };
    const converted = await step(sdk, ts);
    const moved = await step(mocks, converted.files);
    expect(moved.findings).toEqual([]);
    const code = moved.files['src/users.ts'];
    const test = moved.files['src/users.test.ts'];
    expect(await runTests(code, test, './users')).toEqual([
      { name: 'renames a user' },
      { name: 'leaves a missing user' },
    ]);
    const wrong = code.replace('Item: { ...Item, name }', 'Item: { ...Item, name, at: 1 }');
    expect(wrong).not.toBe(code);
    const results = await runTests(wrong, test, './users');
    expect(results.map((r) => !!r.error)).toEqual([true, false]);
    expect(JSON.parse(moved.files['package.json']).devDependencies).toEqual({ 'aws-sdk-client-mock': '^4.1.0' });
  });
});
