// The converted tests run for real against v3 source code with aws-sdk-client-mock: they pass,
// and they fail when the source makes a different call, as the v2 tests did.
import { describe, expect, it } from 'vitest';
import { convert } from './helpers.js';
import { runTests } from './run-tests.js';

const source = (table = 'users', command = 'GetCommand') => `
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { S3Client, HeadObjectCommand } from '@aws-sdk/client-s3';

const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));
const s3 = new S3Client({ region: 'us-east-1' });

export async function handler(event: { id: string }) {
  const { Item } = await ddb.send(new ${command}({ TableName: '${table}', Key: { id: event.id } } as any)) as any;
  if (!Item) throw new Error('not found');
  const file = await s3.send(new HeadObjectCommand({ Bucket: 'b', Key: Item.file }));
  await ddb.send(new PutCommand({ TableName: 'audit', Item: { id: event.id } }));
  return { id: Item.id, name: Item.name, body: file.ContentType };
}
`;

const awsSdkMockTest = `const AWSMock = require('aws-sdk-mock');
const AWS = require('aws-sdk');
const { handler } = require('../src/handler');

describe('handler', () => {
  beforeEach(() => {
    AWSMock.setSDKInstance(AWS);
  });
  afterEach(() => {
    AWSMock.restore();
  });

  it('reads the user and the file', async () => {
    AWSMock.mock('DynamoDB.DocumentClient', 'get', (params, callback) => {
      callback(null, { Item: { id: params.Key.id, name: 'Ann', file: 'f.txt' } });
    });
    AWSMock.mock('DynamoDB.DocumentClient', 'put', (params, callback) => callback(null, {}));
    AWSMock.mock('S3', 'headObject', Promise.resolve({ ContentType: 'hello' }));
    await expect(handler({ id: '7' })).resolves.toEqual({ id: '7', name: 'Ann', body: 'hello' });
  });

  it('fails when the table is unreachable', async () => {
    AWSMock.mock('DynamoDB.DocumentClient', 'get', (params, callback) => callback(new Error('unreachable')));
    await expect(handler({ id: '7' })).rejects.toThrow('unreachable');
  });
});
`;

const jestMockTest = `import { handler } from '../src/handler';

const mockGet = jest.fn();
const mockPut = jest.fn();
const mockHeadObject = jest.fn();
jest.mock('aws-sdk', () => ({
  DynamoDB: {
    DocumentClient: jest.fn(() => ({
      get: (...args: unknown[]) => mockGet(...args),
      put: (...args: unknown[]) => mockPut(...args),
    })),
  },
  S3: jest.fn(() => ({ headObject: mockHeadObject })),
}));

describe('handler', () => {
  beforeEach(() => {
    jest.clearAllMocks();
    mockPut.mockReturnValue({ promise: () => Promise.resolve({}) });
    mockHeadObject.mockImplementation(() => ({ promise: () => Promise.resolve({ ContentType: 'hello' }) }));
  });

  it('reads the user', async () => {
    mockGet.mockReturnValue({ promise: () => Promise.resolve({ Item: { id: '7', name: 'Ann', file: 'f.txt' } }) });
    await expect(handler({ id: '7' })).resolves.toEqual({ id: '7', name: 'Ann', body: 'hello' });
    expect(mockGet).toHaveBeenCalledWith({ TableName: 'users', Key: { id: '7' } });
    expect(mockGet).toHaveBeenCalledTimes(1);
    expect(mockPut.mock.calls[0][0]).toEqual({ TableName: 'audit', Item: { id: '7' } });
    expect(mockHeadObject).toHaveBeenLastCalledWith({ Bucket: 'b', Key: 'f.txt' });
  });

  it('stops when the user is missing', async () => {
    mockGet.mockReturnValue({ promise: jest.fn().mockResolvedValue({}) });
    await expect(handler({ id: '8' })).rejects.toThrow('not found');
    expect(mockPut).not.toHaveBeenCalled();
  });
});
`;

const inlineFactoryTest = `const { handler } = require('../src/handler');

jest.mock('aws-sdk', () => ({
  DynamoDB: {
    DocumentClient: function () {
      return {
        get: () => ({ promise: () => Promise.resolve({ Item: { id: '1', name: 'Bo', file: 'g' } }) }),
        put: jest.fn(() => ({ promise: async () => ({}) })),
      };
    },
  },
  S3: jest.fn(() => ({
    headObject: jest.fn().mockReturnValue({ promise: () => Promise.resolve({ ContentType: 'inline' }) }),
  })),
}));

it('answers from the factory', async () => {
  expect(await handler({ id: '1' })).toEqual({ id: '1', name: 'Bo', body: 'inline' });
});
`;

// the request's promise is the mock: its answers and its count are the command's
const promiseMockTest = `const mockGetPromise = jest.fn();
const mockPutPromise = jest.fn();
const mockHeadObjectPromise = jest.fn();
jest.mock('aws-sdk', () => ({
  DynamoDB: {
    DocumentClient: jest.fn(() => ({
      get: jest.fn(() => ({ promise: mockGetPromise })),
      put: () => ({ promise: mockPutPromise }),
    })),
  },
  S3: jest.fn(() => ({ headObject: jest.fn(() => ({ promise: mockHeadObjectPromise })) })),
}));
const { handler } = require('../src/handler');

beforeEach(() => {
  jest.resetAllMocks();
});

it('reads once and writes once', async () => {
  mockGetPromise.mockResolvedValueOnce({ Item: { id: '3', name: 'Cy', file: 'c' } });
  mockHeadObjectPromise.mockReturnValue(Promise.resolve({ ContentType: 'b' }));
  mockPutPromise.mockResolvedValue();
  await expect(handler({ id: '3' })).resolves.toEqual({ id: '3', name: 'Cy', body: 'b' });
  expect(mockGetPromise).toHaveBeenCalledTimes(1);
  expect(mockPutPromise).toHaveBeenCalled();
});

it('fails with the read', async () => {
  mockGetPromise.mockRejectedValue(new Error('throttled'));
  await expect(handler({ id: '3' })).rejects.toThrow('throttled');
  expect(mockPutPromise).not.toHaveBeenCalled();
});
`;

const failed = (results: Array<{ name: string; error?: string }>) => results.filter((r) => r.error).map((r) => r.name);

describe('converted tests run against the v3 code', () => {
  it('aws-sdk-mock: pass, and fail when the code sends another command', async () => {
    const { text, findings } = convert(awsSdkMockTest);
    expect(findings).toEqual([]);
    expect(await runTests(source(), text)).toEqual([
      { name: 'handler > reads the user and the file' },
      { name: 'handler > fails when the table is unreachable' },
    ]);
    // a QueryCommand is not the mocked GetCommand: it answers nothing
    expect(failed(await runTests(source('users', 'QueryCommand'), text))).toEqual([
      'handler > reads the user and the file',
      'handler > fails when the table is unreachable',
    ]);
  });

  it('jest.mock with mock functions: pass, and fail when the code reads another table', async () => {
    const { text, findings } = convert(jestMockTest, 'src/handler.test.ts');
    expect(findings).toEqual([]);
    expect(failed(await runTests(source(), text))).toEqual([]);
    expect(failed(await runTests(source('people'), text))).toEqual(['handler > reads the user']);
  });

  it('jest.mock with mock promises: pass, and fail when the code sends another command', async () => {
    const { text, findings } = convert(promiseMockTest);
    expect(findings).toEqual([]);
    expect(text).toContain('dynamoDBDocumentMock.on(GetCommand).resolvesOnce(');
    expect(failed(await runTests(source(), text))).toEqual([]);
    expect(failed(await runTests(source('users', 'QueryCommand'), text))).toEqual([
      'reads once and writes once',
      'fails with the read',
    ]);
  });

  it('jest.mock with the answers in the factory: pass, and fail on another command', async () => {
    const { text, findings } = convert(inlineFactoryTest);
    expect(findings).toEqual([]);
    expect(failed(await runTests(source(), text))).toEqual([]);
    expect(failed(await runTests(source('users', 'QueryCommand'), text))).toEqual(['answers from the factory']);
  });
});
