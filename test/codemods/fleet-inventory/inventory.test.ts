// AWS/lambda-fleet-inventory's codemod on a repository with each kind of infrastructure code and
// runtime family: what it lists, how it dates runtimes, what it says fixes what, and that it
// changes nothing.
import { describe, expect, it } from 'vitest';
import { codemod, RULES } from '../../../src/codemods/fleet-inventory/index.js';
import type { Inventory } from '../../../src/codemods/fleet-inventory/inventory.js';
import { RUNTIME_SCHEDULE } from '../../../src/lambda/runtime-schedule.js';
import { memoryRepo } from '../aws-sdk-v2-to-v3/helpers.js';

const files: Record<string, string> = {
  // SAM: a callback handler on nodejs12.x that loads aws-sdk v2 and ships none of it.
  'orders/template.yaml': `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    MemorySize: 256
Resources:
  OrdersFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: app.handler
      Runtime: nodejs12.x
      Architectures: [arm64]
`,
  'orders/src/app.js': `const AWS = require('aws-sdk');
const s3 = new AWS.S3();

exports.handler = (event, context, callback) => {
  s3.getObject({ Bucket: 'b', Key: event.key }, (err, data) => {
    if (err) return callback(err);
    callback(null, { size: data.ContentLength });
  });
};
`,
  'orders/src/package.json': '{ "name": "orders", "dependencies": {} }\n',
  // CloudFormation JSON: a Python function.
  'reports/template.json': JSON.stringify(
    {
      AWSTemplateFormatVersion: '2010-09-09',
      Resources: {
        ReportsFunction: {
          Type: 'AWS::Lambda::Function',
          Properties: { Runtime: 'python3.8', Handler: 'report.handler', Code: { S3Bucket: 'b', S3Key: 'k' } },
        },
        BillingFunction: {
          Type: 'AWS::Lambda::Function',
          Properties: {
            Runtime: 'java8',
            Handler: 'billing.Handler',
            MemorySize: 2048,
            Code: { S3Bucket: 'b', S3Key: 'j' },
          },
        },
        MailerFunction: {
          Type: 'AWS::Lambda::Function',
          Properties: { Runtime: 'ruby3.2', Handler: 'mailer.handler', Code: { S3Bucket: 'b', S3Key: 'r' } },
        },
      },
    },
    null,
    2,
  ),
  // Serverless: a handler that answers through context.succeed, with tests beside it.
  'notify/serverless.yml': `service: notify
provider:
  name: aws
  runtime: nodejs22.x
  memorySize: 512
functions:
  send:
    handler: handler.send
`,
  'notify/handler.js': `module.exports.send = (event, context) => {
  context.succeed({ sent: event.to });
};
`,
  'notify/handler.test.js': `test('sends', () => {});\n`,
  // Another provider's service: not Lambda, not inventoried.
  'azure/serverless.yml': `service: az
provider:
  name: azure
  runtime: nodejs12
functions:
  hello:
    handler: src/hello.handler
`,
  // Terraform: an async handler on a supported runtime.
  'infra/main.tf': `resource "aws_lambda_function" "thumbs" {
  function_name = "thumbs"
  runtime       = "nodejs24.x"
  handler       = "index.handler"
  filename      = "thumbs.zip"
  architectures = ["arm64"]
  memory_size   = 1024
}
`,
  // CDK: a Go function on a deprecated runtime.
  'cdk/lib/stack.ts': `import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Stack } from 'aws-cdk-lib';

export class LegacyStack extends Stack {
  constructor(scope: any, id: string) {
    super(scope, id);
    new lambda.Function(this, 'Legacy', {
      runtime: lambda.Runtime.GO_1_X,
      handler: 'main',
      code: lambda.Code.fromAsset('cdk/go'),
    });
  }
}
`,
  'package.json': '{ "name": "fleet", "scripts": { "test": "jest" } }\n',
};

async function inventoryOf(asOf: string): Promise<{ inventory: Inventory; findings: string[]; changed: number }> {
  const result = await codemod.run(memoryRepo(files), { asOf });
  return {
    inventory: result.report as unknown as Inventory,
    findings: result.findings.map((f) => `${f.severity} ${f.file}:${f.line} ${f.rule}: ${f.message}`),
    changed: result.changes.size,
  };
}

const dates = (id: string) => RUNTIME_SCHEDULE.find((r) => r.id === id)!;

/** The status a runtime has on `asOf` by the schedule's own date: past, within 180 days, or later. */
function expected(id: string, asOf: string): string {
  const days = (Date.parse(dates(id).deprecation!) - Date.parse(asOf)) / 86_400_000;
  return days <= 0 ? 'deprecated' : days <= 180 ? 'deprecating' : 'supported';
}

describe('lambda-fleet-inventory', () => {
  it('lists every AWS function with its runtime, its deprecation, architecture, memory and handler', async () => {
    const { inventory, changed } = await inventoryOf('2026-12-02');
    expect(changed).toBe(0);
    const rows = inventory.functions.map((f) => [
      f.name,
      f.source,
      f.runtime,
      f.status,
      f.architecture,
      f.memoryMb,
      f.handlerFile,
      f.handlerStyle,
      f.tests,
    ]);
    expect(rows).toEqual([
      ['Legacy', 'cdk', 'go1.x', 'deprecated', 'x86_64', undefined, undefined, undefined, false],
      ['thumbs', 'terraform', 'nodejs24.x', 'supported', 'arm64', 1024, undefined, undefined, undefined],
      ['send', 'serverless', 'nodejs22.x', 'deprecating', 'x86_64', 512, 'notify/handler.js', 'context', true],
      ['OrdersFunction', 'sam', 'nodejs12.x', 'deprecated', 'arm64', 256, 'orders/src/app.js', 'callback', false],
      [
        'ReportsFunction',
        'cloudformation',
        'python3.8',
        'deprecated',
        'x86_64',
        undefined,
        undefined,
        undefined,
        undefined,
      ],
      [
        'BillingFunction',
        'cloudformation',
        'java8',
        expected('java8', '2026-12-02'),
        'x86_64',
        2048,
        undefined,
        undefined,
        undefined,
      ],
      [
        'MailerFunction',
        'cloudformation',
        'ruby3.2',
        expected('ruby3.2', '2026-12-02'),
        'x86_64',
        undefined,
        undefined,
        undefined,
        undefined,
      ],
    ]);
    const orders = inventory.functions.find((f) => f.name === 'OrdersFunction')!;
    expect(orders).toMatchObject({
      deprecation: dates('nodejs12.x').deprecation,
      blockUpdate: dates('nodejs12.x').blockUpdate,
      architectureDeclared: true,
      sdkV2: true,
      sdkNotIncluded: 'after-upgrade',
      upgradeFiles: ['orders/template.yaml', 'orders/src/app.js'],
    });
    // The azure service is another provider's: nothing of it is listed.
    expect(inventory.functions.some((f) => f.file.startsWith('azure/'))).toBe(false);
    expect(inventory.sdkV2).toEqual({
      files: [{ file: 'orders/src/app.js', line: 1, services: ['S3'], calls: 1, converts: true }],
      services: { S3: 1 },
      calls: 1,
    });
    expect(inventory.tests).toEqual({ files: 1, script: 'jest' });
    expect(inventory.schedule.url).toMatch(/^https:\/\/docs\.aws\.amazon\.com\/lambda\//);
  });

  it('dates runtimes against the day it is run', async () => {
    const nodejs22 = dates('nodejs22.x').deprecation!;
    const longBefore = new Date(Date.parse(nodejs22) - 400 * 86_400_000).toISOString().slice(0, 10);
    const after = new Date(Date.parse(nodejs22) + 86_400_000).toISOString().slice(0, 10);
    const status = async (asOf: string) =>
      (await inventoryOf(asOf)).inventory.functions.find((f) => f.name === 'send')!.status;
    expect(await status(longBefore)).toBe('supported');
    expect(await status(after)).toBe('deprecated');
    await expect(codemod.run(memoryRepo(files), { asOf: 'yesterday' })).rejects.toThrow(
      'option "asOf" must be a date such as 2026-12-01',
    );
  });

  it('names the definition that fixes each finding, with what it would touch', async () => {
    const { inventory, findings } = await inventoryOf('2026-12-02');
    expect(inventory.recommendations).toEqual([
      expect.objectContaining({ definition: 'AWS/nodejs-version-upgrade', functions: 2, handlers: 2 }),
      expect.objectContaining({ definition: 'AWS/nodejs-lambda-callback-to-async', files: 2, handlers: 2 }),
      expect.objectContaining({ definition: 'AWS/nodejs-aws-sdk-v2-to-v3', functions: 1 }),
      expect.objectContaining({ definition: 'AWS/python-version-upgrade', functions: 1 }),
      expect.objectContaining({ definition: 'AWS/java-version-upgrade', functions: 1, files: 1 }),
    ]);
    expect(findings).toContainEqual(
      expect.stringMatching(
        /^warning reports\/template.json:\d+ inventory\/runtime-deprecation: BillingFunction runs java8, .*; AWS\/java-version-upgrade moves it$/,
      ),
    );
    expect(findings).toContainEqual(
      expect.stringMatching(
        /^warning orders\/template.yaml:7 inventory\/runtime-deprecation: OrdersFunction runs nodejs12.x, deprecated since .*AWS\/nodejs-version-upgrade moves it to nodejs24.x \(2 file\(s\): orders\/template.yaml, orders\/src\/app.js\)$/,
      ),
    );
    expect(findings).toContainEqual(
      expect.stringMatching(
        /^warning orders\/template.yaml:7 inventory\/sdk-not-included: OrdersFunction .* works on nodejs12.x, which includes SDK v2, and fails at cold start on nodejs18.x and later/,
      ),
    );
    expect(findings).toContain(
      'warning notify/handler.js:1 inventory/callback-handler: handler `send` answers through context.succeed, which the Node.js 24 runtime removed; AWS/nodejs-lambda-callback-to-async converts it',
    );
    expect(findings).toContainEqual(
      expect.stringMatching(/^info orders\/src\/app.js:1 inventory\/sdk-v2: loads aws-sdk v2 \(S3; 1 call\(s\)\)/),
    );
    const javaAndRuby = ['java8', 'ruby3.2'].filter((id) => expected(id, '2026-12-02') !== 'supported').length;
    expect(findings.filter((f) => f.includes(RULES.runtime))).toHaveLength(4 + javaAndRuby);
  });

  it("follows a handler into the modules it loads, and gives CDK's latest Node.js no date", async () => {
    const result = await codemod.run(
      memoryRepo({
        'lib/stack.ts': `import * as lambda from 'aws-cdk-lib/aws-lambda';
export function build(scope: any) {
  new lambda.Function(scope, 'Latest', {
    runtime: lambda.Runtime.NODEJS_LATEST,
    handler: 'index.handler',
    code: lambda.Code.fromAsset('fn'),
  });
}
`,
        'fn/index.js': "const db = require('./db');\nexports.handler = async (event) => db.get(event.id);\n",
        'fn/db.js':
          "const AWS = require('aws-sdk');\nconst client = new AWS.DynamoDB.DocumentClient();\nexports.get = (id) => client.get({ TableName: 't', Key: { id } }).promise();\n",
        'fn/package.json': '{ "dependencies": { "aws-sdk": "^2.1500.0" } }\n',
      }),
      { asOf: '2026-12-02' },
    );
    const [latest] = (result.report as unknown as Inventory).functions;
    expect(latest).toMatchObject({
      name: 'Latest',
      runtime: 'nodejs',
      status: 'supported',
      sdkV2: true,
      handlerStyle: 'async',
    });
    expect(latest).not.toHaveProperty('deprecation');
    // It ships its own aws-sdk: nothing fails to load.
    expect(latest).not.toHaveProperty('sdkNotIncluded');
  });
});
