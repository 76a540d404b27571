// Entry points named by SAM/CloudFormation, serverless.yml and CDK, and the candidate filter.
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import { codemod } from '../../../src/codemods/lambda-callback-to-async/index.js';
import { discoverEntryPoints } from '../../../src/codemods/lambda-callback-to-async/entrypoints.js';
import { memoryRepo, runOn } from './helpers.js';

const SAM = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: nodejs22.x
    CodeUri: functions/
Resources:
  Orders:
    Type: AWS::Serverless::Function
    Properties:
      Handler: orders/app.process
      Environment:
        Variables:
          TABLE: !Ref Table
          URL: !Sub 'https://\${Orders}.example.com'
          JOINED: !Join [',', [a, b]]
      Policies:
        - DynamoDBCrudPolicy:
            TableName: !GetAtt Table.Arn
  Legacy:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: legacy
      Handler: index.handler
  Python:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.lambda_handler
  Table:
    Type: AWS::DynamoDB::Table
`;

const asMap = (m: Map<string, Set<string>>) => Object.fromEntries([...m].map(([k, v]) => [k, [...v].sort()]));

describe('lambda-callback-to-async: entry points', () => {
  it('SAM template with intrinsic-function tags, Globals and CodeUri', () => {
    const repo = memoryRepo({
      'template.yaml': SAM,
      'functions/orders/app.js': '',
      'legacy/index.mjs': '',
      'functions/app.py': '',
    });
    expect(asMap(discoverEntryPoints(repo))).toEqual({
      'functions/orders/app.js': ['process'],
      'legacy/index.mjs': ['handler'],
    });
  });

  it('serverless.yml, a JSON CloudFormation template, and a broken template that is skipped', () => {
    const repo = memoryRepo({
      'svc/serverless.yml':
        'service: x\nprovider:\n  runtime: nodejs22.x\nfunctions:\n  hello:\n    handler: src/hello.run\n',
      'svc/src/hello.cjs': '',
      'infra/app.template.json': JSON.stringify({
        Resources: { Fn: { Type: 'AWS::Lambda::Function', Properties: { Code: '../code', Handler: 'main.go' } } },
      }),
      'code/main.ts': '',
      'other/template.yml': 'Resources: [unclosed',
    });
    expect(asMap(discoverEntryPoints(repo))).toEqual({ 'svc/src/hello.cjs': ['run'], 'code/main.ts': ['go'] });
  });

  it('CDK: Code.fromAsset with path.join(__dirname) and NodejsFunction entry relative to cdk.json', () => {
    const stack = `import * as path from 'path';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
export class Stack {
  constructor(scope: any) {
    new lambda.Function(scope, 'Api', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'app.main',
      code: lambda.Code.fromAsset(path.join(__dirname, '../lambda')),
    });
    new NodejsFunction(scope, 'Worker', { entry: 'lambda/worker.ts', handler: 'work' });
    new NodejsFunction(scope, 'Default', { entry: path.join(__dirname, '../lambda/default.ts') });
  }
}
`;
    const repo = memoryRepo({
      'cdk/cdk.json': '{}',
      'cdk/lib/stack.ts': stack,
      'cdk/lambda/app.js': '',
      'cdk/lambda/worker.ts': '',
      'cdk/lambda/default.ts': '',
    });
    expect(asMap(discoverEntryPoints(repo))).toEqual({
      'cdk/lambda/app.js': ['main'],
      'cdk/lambda/worker.ts': ['work'],
      'cdk/lambda/default.ts': ['handler'],
    });
  });

  it('converts a template-named handler with unconventional parameter names, and only that', () => {
    const app = `exports.process = function (input, runtime, reply) {\n  reply(null, input.id);\n};\nexports.helper = function (input, runtime, reply) {\n  reply(null, input.id);\n};\n`;
    const named = runOn({ 'template.yaml': SAM, 'functions/orders/app.js': app });
    expect(named.changes.get('functions/orders/app.js')).toBe(
      `exports.process = async function (input, runtime) {\n  return input.id;\n};\nexports.helper = function (input, runtime, reply) {\n  reply(null, input.id);\n};\n`,
    );
    // Without the template, nothing marks these as Lambda handlers.
    expect(runOn({ 'functions/orders/app.js': app }).changes.size).toBe(0);
  });
});

describe('lambda-callback-to-async: candidates and options', () => {
  const handler = 'exports.handler = (event, context, callback) => callback(null, 1);\n';
  const repo = memoryRepo({
    'src/a.js': handler,
    'src/b.ts': handler,
    'src/types.d.ts': handler,
    'src/plain.js': 'module.exports = (a, b) => a + b;\n',
    'src/a.test.js': handler,
    'test/helper.js': handler,
    'node_modules/lib/index.js': handler,
    'services/x/index.mjs': handler.replace('exports.handler =', 'export const handler ='),
    'README.md': handler,
  });

  it('picks source files with a handler-like shape, outside tests and dependencies', () => {
    expect(codemod.candidates(repo, {})).toEqual(['services/x/index.mjs', 'src/a.js', 'src/b.ts']);
  });

  it('limits to options.paths and ignores unknown keys', async () => {
    expect(codemod.candidates(repo, { paths: ['services'], somethingElse: true })).toEqual(['services/x/index.mjs']);
    const result = await codemod.run(repo, { paths: ['./src/'] });
    expect([...result.changes.keys()]).toEqual(['src/a.js', 'src/b.ts']);
  });

  it('takes globs in options.paths, and an empty list as no limit', async () => {
    expect(codemod.candidates(repo, { paths: ['*/x'] })).toEqual(['services/x/index.mjs']);
    expect(codemod.candidates(repo, { paths: ['src/*.ts'] })).toEqual(['src/b.ts']);
    expect(codemod.candidates(repo, { paths: [] })).toEqual(['services/x/index.mjs', 'src/a.js', 'src/b.ts']);
  });

  it('rejects a malformed paths option with a usage error', () => {
    expect(() => codemod.candidates(repo, { paths: 'src' })).toThrow(UsageError);
  });
});

describe('target version', () => {
  it('converts nothing when the target runtime still accepts callback handlers', async () => {
    const files = new Map([['index.js', 'exports.handler = (event, context, callback) => { callback(null, 1); };\n']]);
    const repo = { files: [...files.keys()], read: (p: string) => files.get(p)! };
    expect(codemod.candidates(repo, { targetVersion: 22 })).toEqual([]);
    expect((await codemod.run(repo, { targetVersion: 22 })).changes.size).toBe(0);
    expect((await codemod.run(repo, { targetVersion: 24 })).changes.get('index.js')).toMatch(
      /async \(event, context\)/,
    );
  });
});
