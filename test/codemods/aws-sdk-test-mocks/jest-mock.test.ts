// jest.mock('aws-sdk') fakes: the exact text each common shape becomes, and the shapes left with a finding.
import { describe, expect, it } from 'vitest';
import { convert, runOn } from './helpers.js';

const lines = (...l: string[]) => `${l.join('\n')}\n`;

describe('jest.mock(aws-sdk) to aws-sdk-client-mock', () => {
  it('mock functions: setups, assertions and reads of their calls', () => {
    const input = lines(
      "const { handler } = require('../src/handler');",
      '',
      'const mockGet = jest.fn();',
      "jest.mock('aws-sdk', () => {",
      '  return {',
      '    DynamoDB: { DocumentClient: jest.fn().mockImplementation(() => ({ get: mockGet })) },',
      '  };',
      '});',
      '',
      "test('gets', async () => {",
      '  mockGet.mockImplementation((params) => ({',
      '    promise: () => Promise.resolve({ Item: { id: params.Key.id } }),',
      '  }));',
      "  await handler('1');",
      '  expect(mockGet).toBeCalledWith(expect.objectContaining({ TableName: "t" }));',
      "  expect(mockGet).toHaveBeenNthCalledWith(1, { TableName: 't', Key: { id: '1' } });",
      '  expect(mockGet).toHaveBeenCalled();',
      '  expect(mockGet.mock.calls.length).toBe(1);',
      '});',
    );
    expect(convert(input)).toEqual({
      text: lines(
        "const { handler } = require('../src/handler');",
        '',
        "const { mockClient } = require('aws-sdk-client-mock');",
        "const { DynamoDBDocumentClient, GetCommand } = require('@aws-sdk/lib-dynamodb');",
        '',
        'const dynamoDBDocumentMock = mockClient(DynamoDBDocumentClient);',
        '',
        "test('gets', async () => {",
        '  dynamoDBDocumentMock.on(GetCommand).callsFake(async (params) => ({ Item: { id: params.Key.id } }));',
        "  await handler('1');",
        '  expect(dynamoDBDocumentMock.commandCalls(GetCommand).map((call) => call.args[0].input)).toContainEqual(expect.objectContaining({ TableName: "t" }));',
        "  expect(dynamoDBDocumentMock.commandCalls(GetCommand).map((call) => call.args[0].input).slice(0, 1)).toEqual([{ TableName: 't', Key: { id: '1' } }]);",
        '  expect(dynamoDBDocumentMock.commandCalls(GetCommand)).not.toHaveLength(0);',
        '  expect(dynamoDBDocumentMock.commandCalls(GetCommand).length).toBe(1);',
        '});',
      ),
      findings: [],
    });
  });

  it('vi.mock of a client module, a one-time answer reset before each test, a mock cleared alone', () => {
    const input = lines(
      "import { describe, it, vi, beforeEach, expect } from 'vitest';",
      "import { upload } from './upload';",
      '',
      'const mockPutObject = vi.fn();',
      "vi.mock('aws-sdk/clients/s3', () => ({ default: undefined }));",
    );
    // a factory of another shape is left
    expect(convert(input, 'src/upload.test.ts').findings.map((f) => f.rule)).toEqual(['aws-sdk-test-mocks/factory']);
    const good = lines(
      "import { describe, it, vi, beforeEach, expect } from 'vitest';",
      "import { upload } from './upload';",
      '',
      'const mockPutObject = vi.fn();',
      "vi.mock('aws-sdk/clients/s3', () => vi.fn(() => ({ putObject: mockPutObject })));",
      '',
      "describe('upload', () => {",
      '  beforeEach(() => {',
      '    mockPutObject.mockClear();',
      '  });',
      "  it('fails once', async () => {",
      "    mockPutObject.mockReturnValueOnce({ promise: () => Promise.reject(new Error('slow down')) });",
      "    await expect(upload('k')).rejects.toThrow('slow down');",
      '    expect(mockPutObject).toHaveBeenCalledTimes(1);',
      '  });',
      '});',
    );
    expect(convert(good, 'src/upload.test.ts')).toEqual({
      text: lines(
        "import { describe, it, vi, beforeEach, expect } from 'vitest';",
        "import { upload } from './upload';",
        "import { mockClient } from 'aws-sdk-client-mock';",
        "import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';",
        '',
        'const s3Mock = mockClient(S3Client);',
        '',
        "describe('upload', () => {",
        '  beforeEach(() => {',
        '    s3Mock.resetHistory();',
        '  });',
        "  it('fails once', async () => {",
        "    s3Mock.on(PutObjectCommand).rejectsOnce(new Error('slow down'));",
        "    await expect(upload('k')).rejects.toThrow('slow down');",
        '    expect(s3Mock.commandCalls(PutObjectCommand)).toHaveLength(1);',
        '  });',
        '});',
      ),
      findings: [],
    });
  });

  it("the runner's clearMocks clears the client mocks too", () => {
    const test = lines(
      'const mockSend = jest.fn();',
      "jest.mock('aws-sdk', () => ({ SQS: jest.fn(() => ({ sendMessage: mockSend })) }));",
      "const { notify } = require('./notify');",
      '',
      "it('sends', async () => {",
      "  mockSend.mockReturnValue({ promise: () => Promise.resolve({ MessageId: 'm' }) });",
      '  await notify();',
      '  expect(mockSend).toHaveBeenCalledTimes(1);',
      '});',
    );
    const result = runOn({
      'package.json':
        '{\n  "jest": { "clearMocks": true },\n  "devDependencies": {\n    "aws-sdk": "^2.1.0",\n    "jest": "^29.0.0"\n  }\n}\n',
      'notify.test.js': test,
    });
    expect(result.findings).toEqual([]);
    expect(result.changes.get('notify.test.js')).toBe(
      lines(
        "const { mockClient } = require('aws-sdk-client-mock');",
        "const { SQSClient, SendMessageCommand } = require('@aws-sdk/client-sqs');",
        "const { notify } = require('./notify');",
        '',
        'const sqsMock = mockClient(SQSClient);',
        'beforeEach(() => sqsMock.resetHistory());',
        '',
        "it('sends', async () => {",
        "  sqsMock.on(SendMessageCommand).resolves({ MessageId: 'm' });",
        '  await notify();',
        '  expect(sqsMock.commandCalls(SendMessageCommand)).toHaveLength(1);',
        '});',
      ),
    );
    expect(result.changes.get('package.json')).toBe(
      // aws-sdk stayed for this test alone: it goes
      '{\n  "jest": { "clearMocks": true },\n  "devDependencies": {\n    "aws-sdk-client-mock": "^4.1.0",\n    "jest": "^29.0.0"\n  }\n}\n',
    );
  });

  it('setups and clears written as the body of an arrow function', () => {
    const input = lines(
      'const mockPublish = jest.fn();',
      "jest.mock('aws-sdk', () => ({ SNS: jest.fn(() => ({ publish: mockPublish })) }));",
      '',
      'beforeEach(() => jest.clearAllMocks());',
      "beforeEach(() => mockPublish.mockReturnValue({ promise: () => Promise.resolve({ MessageId: '1' }) }));",
      "it('publishes', () => expect(mockPublish).toHaveBeenCalledTimes(0));",
    );
    expect(convert(input).text).toBe(
      lines(
        "const { mockClient } = require('aws-sdk-client-mock');",
        "const { SNSClient, PublishCommand } = require('@aws-sdk/client-sns');",
        '',
        'const snsMock = mockClient(SNSClient);',
        '',
        'beforeEach(() => { jest.clearAllMocks(); snsMock.resetHistory(); });',
        "beforeEach(() => snsMock.on(PublishCommand).resolves({ MessageId: '1' }));",
        "it('publishes', () => expect(snsMock.commandCalls(PublishCommand)).toHaveLength(0));",
      ),
    );
  });

  const left = (input: string) => {
    const { text, findings } = convert(input, 'test/x.test.js');
    expect(text).toBe(input);
    return findings.map(({ line, rule, severity }) => `${line} ${rule} ${severity}`);
  };
  const withGet = (...body: string[]) =>
    lines(
      'const mockGet = jest.fn();',
      "jest.mock('aws-sdk', () => ({ DynamoDB: { DocumentClient: jest.fn(() => ({ get: mockGet })) } }));",
      ...body,
    );

  it.each([
    ['an automatic mock', lines("jest.mock('aws-sdk');"), '1 aws-sdk-test-mocks/automock manual'],
    [
      'a fake of another shape',
      lines("jest.mock('aws-sdk', () => ({ config: { update: jest.fn() } }));"),
      '1 aws-sdk-test-mocks/unknown-service manual',
    ],
    ['a mock function used otherwise', withGet('helper(mockGet);'), '3 aws-sdk-test-mocks/mock-use manual'],
    [
      'an assertion on the callback too',
      withGet('expect(mockGet).toHaveBeenCalledWith({}, expect.any(Function));'),
      '3 aws-sdk-test-mocks/mock-use manual',
    ],
    [
      'an answer that is no v2 request',
      withGet('mockGet.mockResolvedValue({ Item: {} });'),
      '3 aws-sdk-test-mocks/setup manual',
    ],
    [
      'one-time answers set up twice',
      withGet(
        "it('a', () => { mockGet.mockReturnValueOnce({ promise: () => Promise.resolve(1) }); });",
        "it('b', () => { mockGet.mockReturnValueOnce({ promise: () => Promise.resolve(2) }); });",
      ),
      '3 aws-sdk-test-mocks/once manual',
    ],
    [
      "an S3 object's Body, a stream in v3",
      lines(
        "jest.mock('aws-sdk', () => ({",
        "  S3: jest.fn(() => ({ getObject: () => ({ promise: async () => ({ Body: Buffer.from('x') }) }) })),",
        '}));',
      ),
      '2 aws-sdk-test-mocks/changed-output manual',
    ],
    [
      'a v2 error code',
      withGet("mockGet.mockReturnValue({ promise: () => Promise.reject({ code: 'ResourceNotFoundException' }) });"),
      '3 aws-sdk-test-mocks/error-code manual',
    ],
    [
      'a test that reaches the fake class',
      lines(
        "const AWS = require('aws-sdk');",
        "jest.mock('aws-sdk', () => ({ S3: jest.fn(() => ({})) }));",
        'expect(AWS.S3).toHaveBeenCalledWith({ region: "eu-west-1" });',
      ),
      '3 aws-sdk-test-mocks/uses-v2 manual',
    ],
  ])('%s is reported, the file left', (_, input, finding) => {
    expect(left(input)).toEqual([finding]);
  });
});
