// The Lambda function inventory: what SAM/CloudFormation (YAML and JSON), CDK, serverless.yml and
// Terraform declare, where, and which repository files hold the code.
import { describe, expect, it } from 'vitest';
import { lambdaFunctions, type LambdaFunction } from '../../src/lambda/functions.js';
import { memoryRepo } from '../codemods/aws-sdk-v2-to-v3/helpers.js';

const pick = (fns: LambdaFunction[]) =>
  fns.map(({ name, source, file, line, runtime, handlerFile, exportName, codeRoot }) => ({
    name,
    source,
    at: `${file}:${line}`,
    runtime,
    handlerFile,
    exportName,
    codeRoot,
  }));

describe('lambda inventory: SAM and CloudFormation', () => {
  const sam = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Parameters:
  NodeRuntime:
    Type: String
    Default: nodejs16.x
Globals:
  Function:
    Runtime: !Ref NodeRuntime
    CodeUri: functions/
    Layers:
      - !Ref SharedLayer
Resources:
  Api:
    Type: AWS::Serverless::Function
    Properties:
      Handler: api/app.handler
      Environment:
        Variables:
          TABLE: !Ref Table
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      CodeUri: worker/
      Handler: main.handler
  Hello:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      InlineCode: |
        exports.handler = async () => 'hello';
  Bundled:
    Type: AWS::Serverless::Function
    Metadata:
      BuildMethod: esbuild
      BuildProperties:
        EntryPoints: [src/entry.ts]
        External: ['@aws-sdk/*']
    Properties:
      CodeUri: bundled/
      Handler: entry.handler
  Packaged:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: s3://artifacts/packaged.zip
      Handler: index.handler
  SharedLayer:
    Type: AWS::Serverless::LayerVersion
    Properties:
      ContentUri: layers/shared/
  Table:
    Type: AWS::DynamoDB::Table
`;
  const files = {
    'infra/stack.yaml': sam,
    'infra/functions/api/app.js': 'exports.handler = async () => 1;\n',
    'infra/worker/main.py': 'def handler(e, c): pass\n',
    'infra/bundled/src/entry.ts': 'export const handler = async () => 1;\n',
  };

  it('reads functions from a template of any name, with Globals, parameter defaults, inline code and esbuild entry points', () => {
    const fns = lambdaFunctions(memoryRepo(files));
    expect(pick(fns)).toEqual([
      {
        name: 'Api',
        source: 'sam',
        at: 'infra/stack.yaml:14',
        runtime: 'nodejs16.x',
        handlerFile: 'infra/functions/api/app.js',
        exportName: 'handler',
        codeRoot: 'infra/functions',
      },
      {
        name: 'Worker',
        source: 'sam',
        at: 'infra/stack.yaml:21',
        runtime: 'python3.12',
        handlerFile: undefined,
        exportName: undefined,
        codeRoot: 'infra/worker',
      },
      {
        name: 'Hello',
        source: 'sam',
        at: 'infra/stack.yaml:27',
        runtime: 'nodejs16.x',
        handlerFile: undefined,
        exportName: undefined,
        codeRoot: undefined,
      },
      {
        name: 'Bundled',
        source: 'sam',
        at: 'infra/stack.yaml:33',
        runtime: 'nodejs16.x',
        handlerFile: 'infra/bundled/src/entry.ts',
        exportName: 'handler',
        codeRoot: 'infra/bundled',
      },
      {
        name: 'Packaged',
        source: 'sam',
        at: 'infra/stack.yaml:43',
        runtime: 'nodejs16.x',
        handlerFile: undefined,
        exportName: undefined,
        codeRoot: undefined,
      },
    ]);
    expect(fns[0].layers).toEqual([{ name: 'SharedLayer', contentRoot: 'infra/layers/shared' }]);
    expect(fns[2].inline).toEqual({
      text: "exports.handler = async () => 'hello';\n",
      file: 'infra/stack.yaml',
      line: 32,
      exact: true,
    });
    expect(fns[3].bundler).toEqual({ externals: ['@aws-sdk/*'] });
  });

  it('reads a CloudFormation JSON template: Code as a local path, and ZipFile assembled with Fn::Join', () => {
    const json = JSON.stringify(
      {
        AWSTemplateFormatVersion: '2010-09-09',
        Resources: {
          Resize: {
            Type: 'AWS::Lambda::Function',
            Properties: { Runtime: 'nodejs14.x', Handler: 'resize.handler', Code: './src' },
          },
          Notify: {
            Type: 'AWS::Lambda::Function',
            Properties: {
              Runtime: 'nodejs12.x',
              Handler: 'index.handler',
              Code: {
                ZipFile: {
                  'Fn::Join': ['\n', ["const AWS = require('aws-sdk');", 'exports.handler = async () => {};']],
                },
              },
            },
          },
        },
      },
      null,
      2,
    );
    const fns = lambdaFunctions(
      memoryRepo({ 'cfn/app.template.json': json, 'cfn/src/resize.js': 'exports.handler = async () => {};\n' }),
    );
    expect(pick(fns)).toEqual([
      {
        name: 'Resize',
        source: 'cloudformation',
        at: 'cfn/app.template.json:4',
        runtime: 'nodejs14.x',
        handlerFile: 'cfn/src/resize.js',
        exportName: 'handler',
        codeRoot: 'cfn/src',
      },
      {
        name: 'Notify',
        source: 'cloudformation',
        at: 'cfn/app.template.json:12',
        runtime: 'nodejs12.x',
        handlerFile: undefined,
        exportName: undefined,
        codeRoot: undefined,
      },
    ]);
    expect(fns[1].inline).toMatchObject({
      text: "const AWS = require('aws-sdk');\nexports.handler = async () => {};",
      exact: false,
    });
  });

  it("reads each function's environment variables, the globals' first, references named as written", () => {
    const repo = memoryRepo({
      'template.yaml': [
        'Transform: AWS::Serverless-2016-10-31',
        'Parameters:',
        '  Stage: { Type: String, Default: prod }',
        'Globals:',
        '  Function:',
        '    Environment:',
        '      Variables: { LOG_LEVEL: info, STAGE: !Ref Stage }',
        'Resources:',
        '  OrdersFunction:',
        '    Type: AWS::Serverless::Function',
        '    Properties:',
        '      Handler: app.handler',
        '      Runtime: nodejs22.x',
        '      Environment:',
        '        Variables:',
        '          TABLE: !Ref OrdersTable',
        '          QUEUE_URL: !GetAtt Queue.QueueUrl',
        '          BUCKET: !Sub "${Stage}-files"',
        '          RETRIES: 3',
        '          LOG_LEVEL: debug',
        '  PlainFunction:',
        '    Type: AWS::Lambda::Function',
        '    Properties: { Handler: app.handler, Runtime: nodejs22.x, Code: . }',
      ].join('\n'),
      'app.js': 'exports.handler = async () => process.env;\n',
      'svc/serverless.yml': [
        'service: svc',
        'provider: { name: aws, runtime: nodejs20.x, environment: { TABLE: "${self:custom.table}" } }',
        'functions:',
        '  hello: { handler: handler.hello, environment: { GREETING: hi } }',
      ].join('\n'),
      'svc/handler.js': 'exports.hello = async () => 1;\n',
    });
    const env = Object.fromEntries(lambdaFunctions(repo).map((fn) => [fn.name, fn.environment]));
    expect(env).toEqual({
      OrdersFunction: {
        LOG_LEVEL: 'debug',
        STAGE: 'prod',
        TABLE: 'Ref OrdersTable',
        QUEUE_URL: 'GetAtt Queue.QueueUrl',
        BUCKET: '${Stage}-files',
        RETRIES: '3',
      },
      PlainFunction: undefined,
      hello: { TABLE: '${self:custom.table}', GREETING: 'hi' },
    });
  });

  it('never throws on a template that does not parse, and reads nothing from build output', () => {
    const repo = memoryRepo({
      'broken.yaml': 'Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties: [unclosed\n',
      'broken.json': '{ "Resources": { "Fn": { "Type": "AWS::Lambda::Function", ',
      '.aws-sam/build/template.yaml':
        'Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: a.b\n',
      'cdk.out/stack.template.json':
        '{"Resources":{"Fn":{"Type":"AWS::Lambda::Function","Properties":{"Handler":"a.b"}}}}',
    });
    expect(lambdaFunctions(repo)).toEqual([]);
  });
});

describe('lambda inventory: CDK', () => {
  const stack = `import * as path from 'path';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Stack } from 'aws-cdk-lib';

export class AppStack extends Stack {
  constructor(scope, id) {
    super(scope, id);
    new lambda.Function(this, 'Thumbs', {
      runtime: lambda.Runtime.NODEJS_14_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset(path.join(__dirname, '../lambda/thumbs')),
    });
    new lambda.Function(this, 'FromApp', {
      runtime: lambda.Runtime.NODEJS_LATEST,
      handler: 'main.run',
      code: lambda.Code.fromAsset('lambda/app'),
    });
    new lambda.Function(this, 'Ping', {
      runtime: lambda.Runtime.NODEJS_16_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline(\`
const AWS = require('aws-sdk');
exports.handler = async () => 'pong';\`),
    });
    new NodejsFunction(this, 'Orders', { entry: path.join(__dirname, '../src/orders.ts'), bundling: { externalModules: ['aws-sdk'] } });
    new NodejsFunction(this, 'Default');
    const fn = new Function('a', 'return a');
  }
}
`;
  const files = {
    'cdk.json': '{ "app": "node bin/app.js" }',
    'lib/app-stack.ts': stack,
    'lambda/thumbs/index.js': 'exports.handler = async () => 1;\n',
    'lambda/app/main.js': 'exports.run = async () => 1;\n',
    'src/orders.ts': 'export const handler = async () => 1;\n',
    'lib/app-stack.Default.ts': 'export const handler = async () => 1;\n',
    'test/app.test.ts': `new lambda.Function(stack, 'InTest', { handler: 'x.y', code: lambda.Code.fromAsset('lambda/app') });\n`,
  };

  it('reads lambda.Function with fromAsset and fromInline, and NodejsFunction with an entry or the default one', () => {
    const fns = lambdaFunctions(memoryRepo(files));
    expect(pick(fns)).toEqual([
      {
        name: 'Thumbs',
        source: 'cdk',
        at: 'lib/app-stack.ts:9',
        runtime: 'nodejs14.x',
        handlerFile: 'lambda/thumbs/index.js',
        exportName: 'handler',
        codeRoot: 'lambda/thumbs',
      },
      {
        name: 'FromApp',
        source: 'cdk',
        at: 'lib/app-stack.ts:14',
        runtime: 'nodejs',
        handlerFile: 'lambda/app/main.js',
        exportName: 'run',
        codeRoot: 'lambda/app',
      },
      {
        name: 'Ping',
        source: 'cdk',
        at: 'lib/app-stack.ts:19',
        runtime: 'nodejs16.x',
        handlerFile: undefined,
        exportName: undefined,
        codeRoot: undefined,
      },
      {
        name: 'Orders',
        source: 'cdk',
        at: 'lib/app-stack.ts:26',
        runtime: 'nodejs',
        handlerFile: 'src/orders.ts',
        exportName: 'handler',
        codeRoot: 'src',
      },
      {
        name: 'Default',
        source: 'cdk',
        at: 'lib/app-stack.ts:27',
        runtime: 'nodejs',
        handlerFile: 'lib/app-stack.Default.ts',
        exportName: 'handler',
        codeRoot: 'lib',
      },
    ]);
    expect(fns[2].inline).toEqual({
      text: "\nconst AWS = require('aws-sdk');\nexports.handler = async () => 'pong';",
      file: 'lib/app-stack.ts',
      line: 22,
      exact: true,
    });
    expect(fns[3].bundler).toEqual({ externals: ['aws-sdk'] });
    expect(fns[4].bundler).toEqual({});
  });

  it('never throws on code that does not parse', () => {
    expect(() =>
      lambdaFunctions(
        memoryRepo({
          'lib/x.ts':
            "import * as lambda from 'aws-cdk-lib/aws-lambda';\nnew lambda.Function(this, 'X', { handler: ,,, }",
        }),
      ),
    ).not.toThrow();
  });
});

describe('lambda inventory: Serverless Framework and Terraform', () => {
  it('reads AWS services only; azure and google services declare no Lambda function', () => {
    const aws =
      'service: a\nprovider:\n  name: aws\n  runtime: nodejs16.x\nfunctions:\n  hello:\n    handler: src/handler.hello\n  legacy:\n    handler: old.main\n    runtime: nodejs12.x\n';
    const azure =
      'service: b\nprovider:\n  name: azure\n  runtime: nodejs12\nfunctions:\n  hello:\n    handler: src/handler.hello\n';
    const fns = lambdaFunctions(
      memoryRepo({
        'svc/serverless.yml': aws,
        'svc/src/handler.js': 'exports.hello = async () => 1;\n',
        'az/serverless.yml': azure,
        'az/src/handler.js': '',
      }),
    );
    expect(pick(fns)).toEqual([
      {
        name: 'hello',
        source: 'serverless',
        at: 'svc/serverless.yml:6',
        runtime: 'nodejs16.x',
        handlerFile: 'svc/src/handler.js',
        exportName: 'hello',
        codeRoot: 'svc',
      },
      {
        name: 'legacy',
        source: 'serverless',
        at: 'svc/serverless.yml:8',
        runtime: 'nodejs12.x',
        handlerFile: undefined,
        exportName: undefined,
        codeRoot: 'svc',
      },
    ]);
  });

  it('reads aws_lambda_function with its archive_file source, and the terraform-aws-modules/lambda module', () => {
    const tf = `data "archive_file" "api" {
  type        = "zip"
  source_dir  = "\${path.module}/../src/api"
  output_path = "\${path.module}/build/api.zip"
}

resource "aws_lambda_function" "api" {
  function_name    = "api" # the public one
  filename         = data.archive_file.api.output_path
  source_code_hash = data.archive_file.api.output_base64sha256
  handler          = "index.handler"
  runtime          = "nodejs16.x"
  environment {
    variables = { TABLE = "x" }
  }
}

module "worker" {
  source      = "terraform-aws-modules/lambda/aws"
  handler     = "worker.run"
  runtime     = "nodejs18.x"
  source_path = "../src/worker"
}

resource "aws_lambda_function" "prebuilt" {
  filename = "dist/prebuilt.zip"
  handler  = "index.handler"
  runtime  = var.runtime
}
`;
    const fns = lambdaFunctions(
      memoryRepo({ 'infra/main.tf': tf, 'src/api/index.js': '', 'src/worker/worker.js': '' }),
    );
    expect(pick(fns)).toEqual([
      {
        name: 'api',
        source: 'terraform',
        at: 'infra/main.tf:7',
        runtime: 'nodejs16.x',
        handlerFile: 'src/api/index.js',
        exportName: 'handler',
        codeRoot: 'src/api',
      },
      {
        name: 'worker',
        source: 'terraform',
        at: 'infra/main.tf:18',
        runtime: 'nodejs18.x',
        handlerFile: 'src/worker/worker.js',
        exportName: 'run',
        codeRoot: 'src/worker',
      },
      {
        name: 'prebuilt',
        source: 'terraform',
        at: 'infra/main.tf:25',
        runtime: undefined,
        handlerFile: undefined,
        exportName: undefined,
        codeRoot: undefined,
      },
    ]);
  });
});

describe('lambda inventory: architecture and memory size', () => {
  const sizing = (fns: LambdaFunction[]) =>
    fns.map(({ name, architecture, memorySize }) => ({ name, architecture, memorySize }));

  it('reads SAM Architectures and MemorySize with the globals, parameter defaults, and no other reference', () => {
    const template = [
      'Transform: AWS::Serverless-2016-10-31',
      'Parameters:',
      '  Memory: { Type: Number }',
      '  LargeMemory: { Type: Number, Default: 3008 }',
      'Globals:',
      '  Function:',
      '    Runtime: nodejs20.x',
      '    Architectures: [arm64]',
      '    MemorySize: 256',
      'Resources:',
      '  Api:',
      '    Type: AWS::Serverless::Function',
      '    Properties: { Handler: app.handler }',
      '  Reports:',
      '    Type: AWS::Serverless::Function',
      '    Properties: { Handler: app.reports, MemorySize: 1024, Architectures: [x86_64] }',
      '  Tuned:',
      '    Type: AWS::Serverless::Function',
      '    Properties:',
      '      Handler: app.tuned',
      '      MemorySize: !Ref Memory',
      '  Large:',
      '    Type: AWS::Serverless::Function',
      '    Properties: { Handler: app.large, MemorySize: !Ref LargeMemory }',
    ].join('\n');
    expect(sizing(lambdaFunctions(memoryRepo({ 'template.yaml': template, 'app.js': '' })))).toEqual([
      { name: 'Api', architecture: 'arm64', memorySize: 256 },
      { name: 'Reports', architecture: 'x86_64', memorySize: 1024 },
      // a parameter without default: the function's own setting is not a value, and the globals' is not taken
      { name: 'Tuned', architecture: 'arm64', memorySize: undefined },
      { name: 'Large', architecture: 'arm64', memorySize: 3008 },
    ]);
  });

  it('reads a CloudFormation JSON template, where a number may be written as a string', () => {
    const json = JSON.stringify({
      Resources: {
        Resize: {
          Type: 'AWS::Lambda::Function',
          Properties: {
            Runtime: 'nodejs18.x',
            Handler: 'index.handler',
            Code: './src',
            Architectures: ['arm64'],
            MemorySize: '512',
          },
        },
        Legacy: {
          Type: 'AWS::Lambda::Function',
          Properties: { Runtime: 'nodejs16.x', Handler: 'index.handler', Code: './src' },
        },
        Arn: {
          Type: 'AWS::Lambda::Function',
          Properties: {
            Runtime: 'nodejs18.x',
            Handler: 'index.handler',
            Code: './src',
            Architectures: [{ 'Fn::FindInMap': ['Arch', { Ref: 'AWS::Region' }, 'Name'] }],
            MemorySize: 1536,
          },
        },
      },
    });
    expect(sizing(lambdaFunctions(memoryRepo({ 'cfn/app.json': json })))).toEqual([
      { name: 'Resize', architecture: 'arm64', memorySize: 512 },
      { name: 'Legacy', architecture: undefined, memorySize: undefined },
      { name: 'Arn', architecture: undefined, memorySize: 1536 },
    ]);
  });

  it('reads CDK architecture and memorySize, with Architecture imported under another name', () => {
    const stack = `import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Architecture as Arch } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Stack } from 'aws-cdk-lib';

export class AppStack extends Stack {
  constructor(scope, id, props) {
    super(scope, id);
    new lambda.Function(this, 'Fn', {
      runtime: lambda.Runtime.NODEJS_18_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: 512,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('lambda/fn'),
    });
    new NodejsFunction(this, 'Orders', { entry: 'src/orders.ts' });
    new lambda.Function(this, 'Sized', {
      runtime: lambda.Runtime.NODEJS_20_X,
      architecture: Arch.X86_64,
      memorySize: props.memory,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('lambda/fn'),
    });
    new lambda.Function(this, 'Either', {
      runtime: lambda.Runtime.NODEJS_20_X,
      architecture: props.arm ? lambda.Architecture.ARM_64 : lambda.Architecture.X86_64,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('lambda/fn'),
    });
  }
}
`;
    const fns = lambdaFunctions(memoryRepo({ 'cdk.json': '{}', 'lib/stack.ts': stack, 'src/orders.ts': '' }));
    expect(sizing(fns)).toEqual([
      { name: 'Fn', architecture: 'arm64', memorySize: 512 },
      { name: 'Orders', architecture: undefined, memorySize: undefined },
      { name: 'Sized', architecture: 'x86_64', memorySize: undefined },
      { name: 'Either', architecture: undefined, memorySize: undefined },
    ]);
  });

  it("reads Serverless architecture and memorySize, the function's over the provider's, variables not resolved", () => {
    const yml = [
      'service: svc',
      'custom: { memory: 768 }',
      'provider:',
      '  name: aws',
      '  runtime: nodejs20.x',
      '  architecture: arm64',
      '  memorySize: 2048',
      'functions:',
      '  hello:',
      '    handler: handler.hello',
      '  legacy:',
      '    handler: handler.legacy',
      '    architecture: x86_64',
      '    memorySize: 512',
      '  tuned:',
      '    handler: handler.tuned',
      '    memorySize: ${self:custom.memory}',
    ].join('\n');
    expect(sizing(lambdaFunctions(memoryRepo({ 'svc/serverless.yml': yml })))).toEqual([
      { name: 'hello', architecture: 'arm64', memorySize: 2048 },
      { name: 'legacy', architecture: 'x86_64', memorySize: 512 },
      { name: 'tuned', architecture: 'arm64', memorySize: undefined },
    ]);
  });

  it('reads Terraform architectures and memory_size when literal', () => {
    const tf = `resource "aws_lambda_function" "api" {
  filename      = "dist/api.zip"
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  architectures = ["arm64"]
  memory_size   = 512 # MB
}

module "worker" {
  source        = "terraform-aws-modules/lambda/aws"
  handler       = "worker.run"
  runtime       = "nodejs20.x"
  architectures = [var.architecture]
  memory_size   = var.memory
}

resource "aws_lambda_function" "plain" {
  filename = "dist/plain.zip"
  handler  = "index.handler"
  runtime  = "nodejs20.x"
}
`;
    expect(sizing(lambdaFunctions(memoryRepo({ 'infra/main.tf': tf })))).toEqual([
      { name: 'api', architecture: 'arm64', memorySize: 512 },
      { name: 'worker', architecture: undefined, memorySize: undefined },
      { name: 'plain', architecture: undefined, memorySize: undefined },
    ]);
  });
});
