// aws-sdk-mock fakes: the exact text each common shape becomes, and the shapes left with a finding.
import { describe, expect, it } from 'vitest';
import { convert, runOn } from './helpers.js';

const lines = (...l: string[]) => `${l.join('\n')}\n`;

describe('aws-sdk-mock to aws-sdk-client-mock', () => {
  it('an ES module: values, restore of a service, the quotes and semicolons it writes', () => {
    const input = lines(
      'import * as AWSMock from "aws-sdk-mock"',
      'import { handler } from "../src/handler"',
      '',
      'afterEach(() => {',
      '  AWSMock.restore("S3")',
      '})',
      '',
      'test("reads", async () => {',
      '  AWSMock.mock("S3", "getObject", { ContentLength: 1 }) // the file',
      '  AWSMock.mock("S3", "headObject", (params, callback) => callback(null, {}))',
      '  await handler()',
      '})',
    );
    expect(convert(input, 'src/handler.spec.ts')).toEqual({
      text: lines(
        'import { handler } from "../src/handler"',
        'import { mockClient } from "aws-sdk-client-mock"',
        'import { S3Client, GetObjectCommand, HeadObjectCommand } from "@aws-sdk/client-s3"',
        '',
        'const s3Mock = mockClient(S3Client)',
        '',
        'afterEach(() => {',
        '  s3Mock.reset()',
        '})',
        '',
        'test("reads", async () => {',
        '  s3Mock.on(GetObjectCommand).resolves({ ContentLength: 1 }) // the file',
        '  s3Mock.on(HeadObjectCommand).resolves({})',
        '  await handler()',
        '})',
      ),
      findings: [],
    });
  });

  it('answers worked out at each call stay worked out at each call', () => {
    const input = lines(
      "const AWSMock = require('aws-sdk-mock');",
      '',
      'let item;',
      "beforeEach(() => { item = { id: '1' }; });",
      "it('gets', async () => {",
      "  AWSMock.mock('DynamoDB.DocumentClient', 'get', (params, cb) => cb(null, { Item: item }));",
      "  AWSMock.mock('DynamoDB.DocumentClient', 'query', async (params) => ({ Items: [params.TableName] }));",
      "  AWSMock.mock('SQS', 'sendMessage', function (params, callback) { callback(null, { MessageId: 'm' }); });",
      "  AWSMock.mock('SQS', 'deleteMessage', () => Promise.reject(new Error('gone')));",
      '});',
      "afterEach(() => AWSMock.restore('SQS', 'sendMessage'));",
    );
    const { text, findings } = convert(input, 'test/a.js');
    expect(findings.map((f) => f.message)).toEqual([
      'left unchanged: restores SQS.sendMessage alone while other SQS methods stay mocked',
    ]);
    expect(text).toBe(input);
    const fixed = convert(
      input.replace("AWSMock.mock('SQS', 'deleteMessage'", "AWSMock.mock('SNS', 'publish'"),
      'test/a.js',
    );
    expect(fixed.text).toBe(
      lines(
        "const { mockClient } = require('aws-sdk-client-mock');",
        "const { DynamoDBDocumentClient, GetCommand, QueryCommand } = require('@aws-sdk/lib-dynamodb');",
        "const { SQSClient, SendMessageCommand } = require('@aws-sdk/client-sqs');",
        "const { SNSClient, PublishCommand } = require('@aws-sdk/client-sns');",
        '',
        'const dynamoDBDocumentMock = mockClient(DynamoDBDocumentClient);',
        'const sqsMock = mockClient(SQSClient);',
        'const snsMock = mockClient(SNSClient);',
        '',
        'let item;',
        "beforeEach(() => { item = { id: '1' }; });",
        "it('gets', async () => {",
        '  dynamoDBDocumentMock.on(GetCommand).callsFake(async () => ({ Item: item }));',
        '  dynamoDBDocumentMock.on(QueryCommand).callsFake(async (params) => ({ Items: [params.TableName] }));',
        "  sqsMock.on(SendMessageCommand).resolves({ MessageId: 'm' });",
        "  snsMock.on(PublishCommand).rejects(new Error('gone'));",
        '});',
        'afterEach(() => sqsMock.reset());',
      ),
    );
  });

  it('a v2 import used only by setSDKInstance goes, with the hook that held only it', () => {
    const input = lines(
      "import AWS from 'aws-sdk';",
      "import AWSMock from 'aws-sdk-mock';",
      "import { run } from './run';",
      '',
      'beforeAll(() => {',
      '  AWSMock.setSDKInstance(AWS);',
      '  AWSMock.Promise = global.Promise;',
      '});',
      'beforeEach(() => {',
      '  AWSMock.setSDKInstance(AWS);',
      "  AWSMock.mock('Lambda', 'invoke', { StatusCode: 202 });",
      '});',
      'afterAll(() => AWSMock.restore());',
    );
    expect(convert(input, '__tests__/run.ts').text).toBe(
      lines(
        "import { run } from './run';",
        "import { mockClient } from 'aws-sdk-client-mock';",
        "import { LambdaClient, InvokeCommand } from '@aws-sdk/client-lambda';",
        '',
        'const lambdaMock = mockClient(LambdaClient);',
        '',
        'beforeEach(() => {',
        '  lambdaMock.on(InvokeCommand).resolves({ StatusCode: 202 });',
        '});',
        'afterAll(() => lambdaMock.reset());',
      ),
    );
  });

  it('a const of data is an answer; destructured parameters are read at each call', () => {
    const input = lines(
      "const AWSMock = require('aws-sdk-mock');",
      "const stored = { Item: { id: '1' } };",
      "AWSMock.mock('DynamoDB.DocumentClient', 'get', stored);",
      "AWSMock.mock('DynamoDB.DocumentClient', 'query', ({ TableName }, cb) => cb(null, { Items: [TableName] }));",
    );
    expect(convert(input).text).toBe(
      lines(
        "const { mockClient } = require('aws-sdk-client-mock');",
        "const { DynamoDBDocumentClient, GetCommand, QueryCommand } = require('@aws-sdk/lib-dynamodb');",
        '',
        'const dynamoDBDocumentMock = mockClient(DynamoDBDocumentClient);',
        "const stored = { Item: { id: '1' } };",
        'dynamoDBDocumentMock.on(GetCommand).resolves(stored);',
        'dynamoDBDocumentMock.on(QueryCommand).callsFake(async ({ TableName }) => ({ Items: [TableName] }));',
      ),
    );
  });

  const left = (input: string) => {
    const { text, findings } = convert(input, 'test/x.test.js');
    expect(text).toBe(input);
    return findings.map(({ line, rule, severity }) => ({ line, rule, severity }));
  };
  const mockLine = (replacement: string, service = 'DynamoDB.DocumentClient', method = 'put') =>
    lines("const AWSMock = require('aws-sdk-mock');", '', `AWSMock.mock('${service}', '${method}', ${replacement});`);

  it.each([
    ['a callback that does more than answer', '(params, cb) => { seen.push(params); cb(null, {}); }', 'replacement'],
    ['a callback handed on', '(params, cb) => setTimeout(() => cb(null, {}))', 'replacement'],
    ['an error with a v2 code', "(params, cb) => cb({ code: 'ConditionalCheckFailedException' })", 'error-code'],
    ['a spy', 'putSpy', 'replacement'],
    ['a function answering with no promise', '() => ({})', 'replacement'],
  ])('%s is reported, the file left', (_, replacement, rule) => {
    expect(left(mockLine(replacement))).toEqual([{ line: 3, rule: `aws-sdk-test-mocks/${rule}`, severity: 'manual' }]);
  });

  it.each([
    ["an S3 object's Body (a stream in v3)", "{ Body: 'text' }", 'S3', 'getObject'],
    ['an answer that may hold a Body', 'stored', 'S3', 'getObject'],
    ['a Lambda Payload (bytes in v3)', "(p, cb) => cb(null, { Payload: '{}' })", 'Lambda', 'invoke'],
  ])('%s is reported: the converted code reads it the v3 way', (_, replacement, service, method) => {
    const input = mockLine(replacement, service, method).replace('\n\n', '\nconst stored = {};\n');
    expect(left(input)).toEqual([{ line: 3, rule: 'aws-sdk-test-mocks/changed-output', severity: 'manual' }]);
  });

  it.each([
    ['a service with no v3 client', 'SimpleDB', 'select', 'unknown-service'],
    ['a method that is no operation', 'S3', 'upload', 'not-an-operation'],
    ['a DocumentClient method that is no operation', 'DynamoDB.DocumentClient', 'createSet', 'not-an-operation'],
  ])('%s is reported', (_, service, method, rule) => {
    expect(left(mockLine('{}', service, method))).toEqual([
      { line: 3, rule: `aws-sdk-test-mocks/${rule}`, severity: 'manual' },
    ]);
  });

  it('a test that uses v2 itself, or names the service in a variable, is reported', () => {
    expect(
      left(
        lines(
          "const AWS = require('aws-sdk');",
          "const AWSMock = require('aws-sdk-mock');",
          "AWSMock.mock('S3', 'getObject', {});",
          'const s3 = new AWS.S3();',
        ),
      ),
    ).toEqual([{ line: 4, rule: 'aws-sdk-test-mocks/uses-v2', severity: 'manual' }]);
    expect(left(lines("const AWSMock = require('aws-sdk-mock');", "AWSMock.mock(name, 'getObject', {});"))).toEqual([
      { line: 2, rule: 'aws-sdk-test-mocks/dynamic-name', severity: 'manual' },
    ]);
    expect(
      left(lines("const AWSMock = require('aws-sdk-mock');", "const stub = AWSMock.mock('S3', 'getObject', {});")),
    ).toEqual([{ line: 2, rule: 'aws-sdk-test-mocks/mock-use', severity: 'manual' }]);
  });

  it('stubs on a v2 prototype are reported only', () => {
    expect(
      left(
        lines(
          "const AWS = require('aws-sdk');",
          "const sinon = require('sinon');",
          '',
          "sinon.stub(AWS.S3.prototype, 'getObject').returns({ promise: () => Promise.resolve({}) });",
        ),
      ),
    ).toEqual([{ line: 4, rule: 'aws-sdk-test-mocks/prototype-stub', severity: 'manual' }]);
  });
});

describe('what is not read at all', () => {
  it('is reported: aws-sdk-mock loaded inside a function, and files with both fakes', () => {
    const inside = "function fake() {\n  return require('aws-sdk-mock');\n}\n";
    expect(convert(inside, 'test/helpers/fake.js').findings.map((f) => f.rule)).toEqual([
      'aws-sdk-test-mocks/not-read',
    ]);
    const both =
      "const AWSMock = require('aws-sdk-mock');\nAWSMock.mock('S3', 'getObject', {});\njest.mock('aws-sdk', () => ({}));\n";
    expect(convert(both).findings.map((f) => f.rule)).toEqual(['aws-sdk-test-mocks/mixed']);
  });

  it('leaves source files alone: a prototype outside tests is no test double', () => {
    expect(convert('AWS.S3.prototype.extra = 1;\n', 'src/patch.js')).toEqual({
      text: 'AWS.S3.prototype.extra = 1;\n',
      findings: [],
    });
  });
});

describe('tests of code the SDK codemod kept on v2', () => {
  it('keep their v2 fake, found through the modules the test imports', () => {
    const test =
      "const AWSMock = require('aws-sdk-mock');\nconst { handler } = require('../src/handler');\nAWSMock.mock('S3', 'getObject', {});\n";
    const result = runOn({
      'src/handler.js': "const { read } = require('./lib/store');\nexports.handler = read;\n",
      'src/lib/store.js':
        "const AWS = require('aws-sdk');\nexports.read = () => new AWS.S3().getObject({}).promise();\n",
      'test/handler.test.js': test,
    });
    expect(result.changes.size).toBe(0);
    expect(result.findings).toEqual([
      {
        file: 'test/handler.test.js',
        line: 2,
        rule: 'aws-sdk-test-mocks/code-on-v2',
        severity: 'manual',
        message:
          'left unchanged: the code it tests still loads the v2 SDK (src/lib/store.js), which its fake stands in for',
      },
    ]);
  });
});
