// Edge cases per surface, with inline before/after text.
import { describe, expect, it } from 'vitest';
import { codemod } from '../../../src/codemods/nodejs-runtime/index.js';
import { inlineRepo } from './helpers.js';

async function upgrade(files: Record<string, string>, options: Record<string, unknown> = {}) {
  return codemod.run(inlineRepo(files), options);
}

describe('package.json', () => {
  it('keeps the operator and shape of simple ranges', async () => {
    const cases: [string, string][] = [
      ['>=22', '>=24'],
      ['^20.x', '^24.x'],
      ['~18.17', '~24.0'],
      ['20.x', '24.x'],
      [' >= 20.0.0 ', ' >= 24.0.0 '],
    ];
    for (const [before, after] of cases) {
      const { changes } = await upgrade({ 'package.json': `{"engines":{"node":"${before}"}}` });
      expect(changes.get('package.json')).toBe(`{"engines":{"node":"${after}"}}`);
    }
  });

  it('reports compound ranges instead of guessing', async () => {
    const { changes, findings } = await upgrade({ 'package.json': '{\n  "engines": { "node": "^18 || ^20" }\n}\n' });
    expect(changes.size).toBe(0);
    expect(findings).toMatchObject([
      { file: 'package.json', line: 2, rule: 'nodejs-runtime/manual-range', severity: 'manual' },
    ]);
  });

  it('reports a compound range only when it shuts out the target (semver decides)', async () => {
    const shut = ['>=18 <24', '>=18 <24.5', '^18 || ^20', '18.x || 20.x'];
    const admitting = ['^18 || >=20', '>=18 <25', '>=20 <=24'];
    for (const range of [...shut, ...admitting]) {
      const { changes, findings } = await upgrade({ 'package.json': `{"engines":{"node":"${range}"}}` });
      expect(changes.size).toBe(0);
      expect(findings.map((f) => f.rule)).toEqual(shut.includes(range) ? ['nodejs-runtime/manual-range'] : []);
    }
  });

  it('leaves `*`, other packages and unparsable files alone', async () => {
    const { changes, findings } = await upgrade({
      'package.json': '{"devDependencies":{"@types/node":"*","@types/node-fetch":"^2.6.0","node-fetch":"^2.7.0"}}',
      'broken/package.json': '{"engines": {"node": ">=18"',
    });
    expect(changes.size).toBe(0);
    expect(findings).toMatchObject([
      { file: 'broken/package.json', rule: 'nodejs-runtime/parse-error', severity: 'warning' },
    ]);
  });
});

describe('tsconfig', () => {
  it('rewrites an array of extends and keeps the rest', async () => {
    const text = '{\n  "extends": ["@tsconfig/strictest", "@tsconfig/node18"], // bases\n}\n';
    const { changes } = await upgrade({ 'tsconfig.build.json': text });
    expect(changes.get('tsconfig.build.json')).toBe(text.replace('node18', 'node24'));
  });
});

describe('version files', () => {
  it('keeps the v prefix, maps LTS code names, leaves aliases', async () => {
    const { changes } = await upgrade({
      'a/.nvmrc': 'v20\n',
      'b/.nvmrc': 'lts/hydrogen',
      'c/.nvmrc': 'lts/*\n',
      'd/.nvmrc': 'node\n',
    });
    expect(Object.fromEntries(changes)).toEqual({ 'a/.nvmrc': 'v24\n', 'b/.nvmrc': 'lts/krypton' });
  });

  it('notes that a pinned patch release became a major', async () => {
    const { changes, findings } = await upgrade({ '.node-version': '20.11.1\n' });
    expect(changes.get('.node-version')).toBe('24\n');
    expect(findings).toMatchObject([{ rule: 'nodejs-runtime/pinned-patch', severity: 'info', line: 1 }]);
  });
});

describe('Dockerfile', () => {
  it('changes yum only when the Lambda image moves from Amazon Linux 2 to 2023', async () => {
    const text = 'FROM public.ecr.aws/lambda/nodejs:20\nRUN dnf install -y git && echo yum\n';
    expect((await upgrade({ Dockerfile: text })).changes.get('Dockerfile')).toBe(text.replace(':20', ':24'));
  });

  it('flags what has no AL2023 equivalent and leaves yum in comments and other stages', async () => {
    const text =
      '# yum is gone on AL2023\nFROM amazon/aws-lambda-nodejs:16\nRUN amazon-linux-extras install epel && yum install -y jq\nFROM amazonlinux:2\nRUN yum install -y tar\n';
    const { changes, findings } = await upgrade({ 'app.Dockerfile': text });
    expect(changes.get('app.Dockerfile')).toBe(
      '# yum is gone on AL2023\nFROM amazon/aws-lambda-nodejs:24\nRUN amazon-linux-extras install epel && dnf install -y jq\nFROM amazonlinux:2\nRUN yum install -y tar\n',
    );
    expect(findings).toMatchObject([
      { line: 2, rule: 'nodejs-runtime/al2023-runtime', severity: 'warning' },
      { line: 3, rule: 'nodejs-runtime/al2023', severity: 'manual' },
    ]);
  });

  it('says once per file that a function leaves Amazon Linux 2, and nothing for one already on AL2023', async () => {
    const template = (runtime: string) =>
      `Transform: AWS::Serverless-2016-10-31\nResources:\n  A:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: ${runtime}\n  B:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: ${runtime}\n`;
    const from18 = await upgrade({ 'template.yaml': template('nodejs18.x') });
    expect(from18.findings).toMatchObject([{ line: 6, rule: 'nodejs-runtime/al2023-runtime', severity: 'warning' }]);
    expect(from18.findings[0].message).toContain(
      'Node.js 18 → 24 moves the function from Amazon Linux 2 to Amazon Linux 2023',
    );
    expect((await upgrade({ 'template.yaml': template('nodejs20.x') })).findings).toEqual([]);
  });

  it('does not touch digests, lts tags or other images', async () => {
    const text = 'FROM node:20@sha256:abc AS a\nFROM node:lts-alpine\nFROM nodered/node-red:3.1\nFROM mynode:20\n';
    const { changes, findings } = await upgrade({ Dockerfile: text });
    expect(changes.size).toBe(0);
    expect(findings).toMatchObject([{ line: 1, rule: 'nodejs-runtime/pinned-digest' }]);
  });
});

describe('Terraform', () => {
  it('ignores comments and other runtimes', async () => {
    const text = '# runtime = "nodejs18.x"\nlocals {\n  py = "python3.12" // not "nodejs20.x"\n}\n';
    expect((await upgrade({ 'main.tf': text })).changes.size).toBe(0);
  });
});

describe('CDK code', () => {
  it('reports a stack that does not parse and leaves it alone', async () => {
    const text =
      "import * as lambda from 'aws-cdk-lib/aws-lambda';\nnew lambda.Function(this, 'F', {\n  runtime: lambda.Runtime.NODEJS_20_X,\n  handler: 'index.handler',,\n  code: lambda.Code.fromAsset('src'),\n};\n";
    const { changes, findings } = await upgrade({ 'lib/stack.ts': text });
    expect(changes.size).toBe(0);
    expect(findings).toMatchObject([{ file: 'lib/stack.ts', rule: 'nodejs-runtime/parse-error', severity: 'warning' }]);
    expect(findings[0]!.message).toMatch(/does not parse \(line 4/);
  });
});

describe('CloudFormation YAML', () => {
  it('reports a template it cannot parse and leaves it alone', async () => {
    const text =
      'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  F:\n    Type: AWS::Lambda::Function\n   Runtime: [nodejs20.x\n';
    const { changes, findings } = await upgrade({ 'template.yaml': text });
    expect(changes.size).toBe(0);
    expect(findings).toMatchObject([{ file: 'template.yaml', rule: 'nodejs-runtime/parse-error' }]);
  });

  it('upgrades a flow list in place and keeps CRLF line endings', async () => {
    // The function leaves nodejs20.x, so its layer does too (nodejs24.x is there already).
    const text =
      'AWSTemplateFormatVersion: "2010-09-09"\r\nResources:\r\n  F:\r\n    Type: AWS::Lambda::Function\r\n    Properties:\r\n      Runtime: nodejs20.x\r\n' +
      '  L:\r\n    Type: AWS::Lambda::LayerVersion\r\n    Properties:\r\n      CompatibleRuntimes: [ "nodejs20.x", "nodejs24.x" ] # both\r\n';
    const { changes } = await upgrade({ 'template.yml': text });
    expect(changes.get('template.yml')).toBe(
      text
        .replace('[ "nodejs20.x", "nodejs24.x" ]', '[ "nodejs24.x" ]')
        .replace('Runtime: nodejs20.x', 'Runtime: nodejs24.x'),
    );
  });
});

describe('CodeBuild', () => {
  it('does not write an odd CodeBuild runtime', async () => {
    const text = 'version: 0.2\nphases:\n  install:\n    runtime-versions:\n      nodejs: "20.x"\n';
    expect((await upgrade({ 'buildspec.yml': text }, { targetVersion: 22 })).changes.get('buildspec.yml')).toBe(
      text.replace('20.x', '22.x'),
    );
    const odd = await upgrade({ 'buildspec.yml': text }, { targetVersion: 23 });
    expect(odd.changes.size).toBe(0);
    expect(odd.findings).toMatchObject([{ line: 5, rule: 'nodejs-runtime/unsupported-target' }]);
  });
});

describe('set-like lists keep other entries', () => {
  it('drops only the runtime that became a duplicate', async () => {
    // Each file's function leaves nodejs20.x, so the layer's nodejs20.x moves to nodejs24.x, which it names already.
    const fn = 'resource "aws_lambda_function" "f" {\n  runtime = "nodejs20.x"\n}\n';
    const tf = `${fn}resource "aws_lambda_layer_version" "l" {\n  compatible_runtimes = ["nodejs20.x", "python3.12", "nodejs24.x"]\n}\n`;
    const tf2 = `${fn}resource "aws_lambda_layer_version" "l" {\n  compatible_runtimes = ["nodejs24.x", "python3.12", "nodejs20.x"]\n}\n`;
    const json =
      '{"AWSTemplateFormatVersion":"2010-09-09","Resources":{"F":{"Type":"AWS::Lambda::Function","Properties":{"Runtime":"nodejs20.x"}},' +
      '"L":{"Type":"AWS::Lambda::LayerVersion","Properties":{"CompatibleRuntimes":["nodejs20.x","python3.12","nodejs24.x"]}}}}';
    const allowed =
      'AWSTemplateFormatVersion: "2010-09-09"\nParameters:\n  R:\n    Type: String\n    AllowedValues: [nodejs18.x, python3.12, nodejs24.x]\n';
    const { changes } = await upgrade({ 'a.tf': tf, 'b.tf': tf2, 'layer.json': json, 'params.yaml': allowed });
    expect(changes.get('a.tf')).toBe(
      tf.replace('"nodejs20.x", ', '').replace('runtime = "nodejs20.x"', 'runtime = "nodejs24.x"'),
    );
    expect(changes.get('b.tf')).toBe(
      tf2.replace(', "nodejs20.x"', '').replace('runtime = "nodejs20.x"', 'runtime = "nodejs24.x"'),
    );
    expect(JSON.parse(changes.get('layer.json')!).Resources.L.Properties.CompatibleRuntimes).toEqual([
      'python3.12',
      'nodejs24.x',
    ]);
    expect(changes.get('params.yaml')).toBe(allowed.replace('nodejs18.x, ', ''));
  });
});
