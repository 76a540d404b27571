// Which functions load aws-sdk v2 without shipping it (and so fail at cold start on Node.js 18+),
// on the fixtures the SDK conversion also runs on, and on the edges of "shipped".
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codemod as behaviourCheck } from '../../src/codemods/nodejs-runtime/behaviour-check.js';
import { unbundledSdkFindings, unbundledSdkFunctions } from '../../src/lambda/unbundled-sdk.js';
import { memoryRepo } from '../codemods/aws-sdk-v2-to-v3/helpers.js';
import { linesOf } from '../codemods/aws-sdk-v2-to-v3/behaviour-harness.js';
import { readTree } from '../codemods/lambda-callback-to-async/fixture-tree.js';

const fixtures = join(import.meta.dirname, '../../fixtures/aws-sdk-v2-to-v3');
const tree = (name: string, side: 'input' | 'output' = 'input') => readTree(join(fixtures, name, side));
const findingsOf = (files: Record<string, string>, target = 24) =>
  unbundledSdkFindings(unbundledSdkFunctions(memoryRepo(files), target));
/** The line of a template key `name:`. */
const declared = (text: string, name: string) => linesOf(text, `  ${name}:`)[0];
const at = (findings: { file: string; line: number }[]) => findings.map((f) => `${f.file}:${f.line}`);

describe('functions that load aws-sdk v2 without shipping it', () => {
  it('SAM: the function whose package lists aws-sdk is fine; the other is named where its code loads v2', () => {
    const files = tree('unbundled-sam-two-functions');
    const findings = findingsOf(files);
    expect(at(findings)).toEqual(['reports/src/store.js:2']);
    expect(findings[0]).toMatchObject({ rule: 'nodejs-runtime/unbundled-sdk-v2', severity: 'manual' });
    expect(findings[0].message).toMatch(
      new RegExp(
        `^ReportsFunction \\(template\\.yaml:${declared(files['template.yaml'], 'ReportsFunction')}, handler reports/src/report\\.js\\) loads aws-sdk v2 here`,
      ),
    );
    expect(findings[0].message).toContain(
      'no package.json between its handler and the repository root lists aws-sdk in dependencies',
    );
    expect(findings[0].message).toContain(`on nodejs24.x it fails at cold start with "Cannot find module 'aws-sdk'"`);
    expect(findingsOf(tree('unbundled-sam-two-functions', 'output'))).toEqual([]);
  });

  it('Serverless: aws-sdk only in devDependencies is not deployed', () => {
    const files = tree('unbundled-dev-dependency');
    const findings = findingsOf(files);
    expect(at(findings)).toEqual(['handler.js:2']);
    expect(findings[0].message).toMatch(
      new RegExp(`^signup \\(serverless\\.yml:${declared(files['serverless.yml'], 'signup')}, handler handler\\.js\\)`),
    );
    expect(findings[0].message).toContain(
      'package.json lists it only in devDependencies, which `sam build` and Serverless packaging do not deploy',
    );
    expect(findingsOf(tree('unbundled-dev-dependency', 'output'))).toEqual([]);
  });

  it('CDK: an asset folder without a package.json ships nothing', () => {
    const files = tree('unbundled-cdk-asset');
    const findings = findingsOf(files);
    expect(at(findings)).toEqual(['lambda/indexer/index.js:1']);
    expect(findings[0].message).toMatch(
      new RegExp(
        `^UploadIndexer \\(lib/media-stack\\.ts:${linesOf(files['lib/media-stack.ts'], "'UploadIndexer'")[0]}, handler lambda/indexer/index\\.js\\)`,
      ),
    );
    expect(findingsOf(tree('unbundled-cdk-asset', 'output'))).toEqual([]);
  });

  it('inline ZipFile code can never ship aws-sdk: named at the template line that requires it', () => {
    const files = tree('unbundled-inline-zipfile');
    const findings = findingsOf(files);
    expect(at(findings)).toEqual([`bucket.yaml:${linesOf(files['bucket.yaml'], "require('aws-sdk')")[0]}`]);
    expect(findings[0].message).toMatch(
      new RegExp(
        `^EmptyBucketFunction \\(bucket\\.yaml:${declared(files['bucket.yaml'], 'EmptyBucketFunction')}, inline code\\) loads aws-sdk v2 here and nothing ships it: its code is written inline`,
      ),
    );
    expect(findings[0].message).toContain('inline code can use only the SDK v3 the runtime includes');
  });

  it('names every function that loads v2 at one place in one finding', () => {
    const template = (name: string) =>
      `Resources:\n  ${name}:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs16.x\n      Handler: shared.handler\n`;
    const findings = findingsOf({
      'a.yaml': template('Primary'),
      'b.yaml': template('Failover'),
      'shared.js':
        "const AWS = require('aws-sdk');\nexports.handler = async () => new AWS.S3().listBuckets().promise();\n",
    });
    expect(at(findings)).toEqual(['shared.js:1']);
    expect(findings[0].message).toMatch(
      /^Primary \(a\.yaml:2, handler shared\.js\) and Failover \(b\.yaml:2, handler shared\.js\) load aws-sdk v2 here/,
    );
  });

  describe('what counts', () => {
    const sam = (runtime: string, extra = '') =>
      `Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: ${runtime}\n      CodeUri: fn/\n      Handler: index.handler\n${extra}`;
    const handler =
      "const AWS = require('aws-sdk');\nexports.handler = async () => new AWS.SQS().listQueues().promise();\n";

    it.each([
      [
        'a function that stays below Node.js 18 (target 16)',
        { 'template.yaml': sam('nodejs14.x'), 'fn/index.js': handler },
        16,
        0,
      ],
      [
        'a function already on Node.js 18 (target 16): it fails today',
        { 'template.yaml': sam('nodejs18.x'), 'fn/index.js': handler },
        16,
        1,
      ],
      ['a Python function', { 'template.yaml': sam('python3.12'), 'fn/index.js': handler }, 24, 0],
      [
        'type-only imports, which load nothing',
        {
          'template.yaml': sam('nodejs16.x'),
          'fn/index.ts': "import type { SQS } from 'aws-sdk';\nexport const handler = async (q: SQS) => q;\n",
        },
        24,
        0,
      ],
      [
        'aws-sdk in dependencies of the package.json of the folder deployed (CodeUri: ./)',
        {
          'template.yaml': sam('nodejs16.x').replace('fn/', './'),
          'fn/index.js': handler,
          'package.json': '{"dependencies":{"aws-sdk":"^2.1692.0"}}',
        },
        24,
        0,
      ],
      [
        'aws-sdk in optionalDependencies',
        {
          'template.yaml': sam('nodejs16.x'),
          'fn/index.js': handler,
          'fn/package.json': '{"optionalDependencies":{"aws-sdk":"^2.1692.0"}}',
        },
        24,
        0,
      ],
      [
        'aws-sdk in peerDependencies only',
        {
          'template.yaml': sam('nodejs16.x'),
          'fn/index.js': handler,
          'fn/package.json': '{"peerDependencies":{"aws-sdk":"^2"}}',
        },
        24,
        1,
      ],
      [
        'aws-sdk from a layer declared beside the function',
        {
          'template.yaml': sam(
            'nodejs16.x',
            '      Layers:\n        - !Ref Sdk\n  Sdk:\n    Type: AWS::Serverless::LayerVersion\n    Properties:\n      ContentUri: layers/sdk/\n',
          ),
          'fn/index.js': handler,
          'layers/sdk/nodejs/package.json': '{"dependencies":{"aws-sdk":"^2.1692.0"}}',
        },
        24,
        0,
      ],
    ])('%s', (_what, files, target, count) => {
      expect(findingsOf(files, target)).toHaveLength(count);
    });

    it('a package.json above the folder the code is deployed from is not deployed with it', () => {
      const files = {
        'template.yaml': sam('nodejs16.x'),
        'fn/index.js': handler,
        'package.json': '{"dependencies":{"aws-sdk":"^2.1692.0"}}',
      };
      expect(findingsOf(files)[0].message).toContain(
        'package.json lists it but is not deployed with the function, whose code is the folder fn',
      );
    });

    it('a layer it cannot read is named as the one way the function might still load', () => {
      const files = {
        'template.yaml': sam(
          'nodejs16.x',
          '      Layers:\n        - arn:aws:lambda:eu-west-1:123456789012:layer:sdk:3\n',
        ),
        'fn/index.js': handler,
      };
      expect(findingsOf(files)[0].message).toContain(
        'unless its layer arn:aws:lambda:eu-west-1:123456789012:layer:sdk:3 provides it',
      );
    });

    it('bundled code (NodejsFunction) ships what is installed, unless its bundling leaves aws-sdk out', () => {
      const stack = (bundling: string) =>
        `import * as path from 'path';\nimport { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';\nexport function make(scope) {\n  return new NodejsFunction(scope, 'Orders', { entry: path.join(__dirname, 'orders.ts')${bundling} });\n}\n`;
      const files = {
        'cdk.json': '{}',
        'package.json': '{"devDependencies":{"aws-sdk":"^2.1692.0"}}',
        'lib/orders.ts':
          "import { S3 } from 'aws-sdk';\nexport const handler = async () => new S3().listBuckets().promise();\n",
      };
      expect(findingsOf({ ...files, 'lib/stack.ts': stack('') })).toEqual([]);
      const left = findingsOf({ ...files, 'lib/stack.ts': stack(", bundling: { externalModules: ['aws-sdk'] }") });
      expect(at(left)).toEqual(['lib/orders.ts:1']);
      expect(left[0].message).toContain('its bundling leaves aws-sdk out (external modules: aws-sdk)');
      // the same, through props shared by several functions
      const shared = `import * as path from 'path';\nimport { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';\nconst props = { bundling: { externalModules: ['aws-sdk'] } };\nexport const make = (scope) => new NodejsFunction(scope, 'Orders', { entry: path.join(__dirname, 'orders.ts'), ...props });\n`;
      expect(at(findingsOf({ ...files, 'lib/stack.ts': shared }))).toEqual(['lib/orders.ts:1']);
    });
  });

  it('the Node.js 24 behaviour check reports them, within its paths', async () => {
    const repo = memoryRepo(tree('unbundled-sam-two-functions'));
    const all = await behaviourCheck.run(repo, { targetVersion: 24 });
    expect(at(all.findings.filter((f) => f.rule === 'nodejs-runtime/unbundled-sdk-v2'))).toEqual([
      'reports/src/store.js:2',
    ]);
    expect(behaviourCheck.candidates(repo, { targetVersion: 24 })).toContain('reports/src/store.js');
    const elsewhere = await behaviourCheck.run(repo, { targetVersion: 24, paths: ['orders'] });
    expect(elsewhere.findings.filter((f) => f.rule === 'nodejs-runtime/unbundled-sdk-v2')).toEqual([]);
  });
});
