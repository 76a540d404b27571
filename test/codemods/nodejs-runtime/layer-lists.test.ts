// A Lambda layer's compatible runtimes: the runtime the file's functions leave, and runtimes
// Lambda no longer supports, become the target; older runtimes Lambda still runs stay beside it.
import { describe, expect, it } from 'vitest';
import { codemod } from '../../../src/codemods/nodejs-runtime/index.js';
import { applied, inlineRepo } from './helpers.js';

async function upgrade(files: Record<string, string>, options: Record<string, unknown> = {}) {
  const result = await codemod.run(inlineRepo(files), options);
  // A second run on the output changes nothing.
  const tree = applied(new Map(Object.entries(files)), result);
  const again = await codemod.run(inlineRepo(Object.fromEntries(tree)), options);
  expect([...again.changes.keys()]).toEqual([]);
  return result;
}

const sam = (functionRuntime: string, layer: string) =>
  'AWSTemplateFormatVersion: "2010-09-09"\nTransform: AWS::Serverless-2016-10-31\nResources:\n' +
  `  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: ${functionRuntime}\n` +
  `  Shared:\n    Type: AWS::Serverless::LayerVersion\n    Properties:\n      ContentUri: layer/\n${layer}`;

describe('CompatibleRuntimes (SAM / CloudFormation YAML)', () => {
  it('keeps nodejs20.x beside nodejs24.x when the functions leave nodejs22.x', async () => {
    const text = sam(
      'nodejs22.x',
      '      CompatibleRuntimes:\n        - nodejs20.x\n        - nodejs22.x   # current\n',
    );
    const { changes, findings } = await upgrade({ 'template.yaml': text });
    expect(changes.get('template.yaml')).toBe(
      sam('nodejs24.x', '      CompatibleRuntimes:\n        - nodejs20.x\n        - nodejs24.x   # current\n'),
    );
    expect(findings).toMatchObject([
      { file: 'template.yaml', line: 13, rule: 'nodejs-runtime/layer-runtimes-kept', severity: 'info' },
    ]);
    expect(findings[0].message).toContain('nodejs20.x');
  });

  it('replaces a runtime Lambda no longer supports and keeps the supported ones', async () => {
    const text = sam('nodejs22.x', '      CompatibleRuntimes: [nodejs16.x, nodejs20.x, python3.12]\n');
    const { changes } = await upgrade({ 'template.yaml': text });
    expect(changes.get('template.yaml')).toBe(
      sam('nodejs24.x', '      CompatibleRuntimes: [nodejs24.x, nodejs20.x, python3.12]\n'),
    );
  });

  it('adds the target after the supported runtimes of a layer whose file declares no function', async () => {
    const block =
      'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  L:\n    Type: AWS::Lambda::LayerVersion\n    Properties:\n      CompatibleRuntimes:\n        - "nodejs20.x"  # oldest\n        - python3.12\n';
    const flow =
      'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  L:\n    Type: AWS::Lambda::LayerVersion\n    Properties:\n      CompatibleRuntimes: [nodejs22.x]\n';
    const { changes } = await upgrade({ 'block.yaml': block, 'flow.yaml': flow });
    expect(changes.get('block.yaml')).toBe(block.replace('# oldest\n', '# oldest\n        - "nodejs24.x"\n'));
    expect(changes.get('flow.yaml')).toBe(flow.replace('[nodejs22.x]', '[nodejs22.x, nodejs24.x]'));
  });

  it('moves a one-runtime layer with its functions, as before', async () => {
    const text = sam('nodejs22.x', '      CompatibleRuntimes: [nodejs22.x]\n');
    const { changes, findings } = await upgrade({ 'template.yaml': text });
    expect(changes.get('template.yaml')).toBe(sam('nodejs24.x', '      CompatibleRuntimes: [nodejs24.x]\n'));
    expect(findings.filter((f) => f.rule === 'nodejs-runtime/layer-runtimes-kept')).toEqual([]);
  });

  it('follows another target, and writes nothing for an odd one', async () => {
    const flow =
      'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  L:\n    Type: AWS::Lambda::LayerVersion\n    Properties:\n      CompatibleRuntimes: [nodejs18.x, nodejs20.x]\n';
    expect((await upgrade({ 'flow.yaml': flow }, { targetVersion: 22 })).changes.get('flow.yaml')).toBe(
      flow.replace('nodejs18.x', 'nodejs22.x'),
    );
    const odd = await upgrade({ 'flow.yaml': flow }, { targetVersion: 23 });
    expect(odd.changes.size).toBe(0);
    expect(odd.findings).toMatchObject([{ rule: 'nodejs-runtime/unsupported-target', line: 6 }]);
  });
});

describe('CompatibleRuntimes in JSON templates, CDK and Terraform', () => {
  it('keeps nodejs20.x beside nodejs24.x in every format', async () => {
    const json = `{
  "Resources": {
    "Fn": { "Type": "AWS::Lambda::Function", "Properties": { "Runtime": "nodejs22.x" } },
    "L": { "Type": "AWS::Lambda::LayerVersion", "Properties": { "CompatibleRuntimes": ["nodejs20.x", "nodejs22.x"] } }
  }
}
`;
    const cdk = `import * as lambda from 'aws-cdk-lib/aws-lambda';
new lambda.Function(this, 'Fn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code });
new lambda.LayerVersion(this, 'L', {
  code,
  compatibleRuntimes: [
    lambda.Runtime.NODEJS_20_X,
    lambda.Runtime.NODEJS_22_X,
  ],
});
`;
    const tf = `resource "aws_lambda_function" "fn" {
  runtime = "nodejs22.x"
}

resource "aws_lambda_layer_version" "l" {
  compatible_runtimes = [
    "nodejs20.x",
  ]
}
`;
    const { changes } = await upgrade({ 'stack.template.json': json, 'lib/stack.ts': cdk, 'main.tf': tf });
    expect(JSON.parse(changes.get('stack.template.json')!).Resources.L.Properties.CompatibleRuntimes).toEqual([
      'nodejs20.x',
      'nodejs24.x',
    ]);
    expect(changes.get('stack.template.json')).toBe(json.replaceAll('nodejs22.x', 'nodejs24.x'));
    // No package.json says which aws-cdk-lib is installed: the constructor form, which every version has.
    const nodejs24 = "new lambda.Runtime('nodejs24.x', lambda.RuntimeFamily.NODEJS, { supportsInlineCode: true })";
    expect(changes.get('lib/stack.ts')).toBe(cdk.replaceAll('lambda.Runtime.NODEJS_22_X', nodejs24));
    expect(changes.get('main.tf')).toBe(
      tf.replace('"nodejs22.x"', '"nodejs24.x"').replace('"nodejs20.x",\n', '"nodejs20.x",\n    "nodejs24.x",\n'),
    );
  });

  it('keeps a layer list valid when the target is added to a compact JSON array', async () => {
    const json =
      '{"AWSTemplateFormatVersion":"2010-09-09","Resources":{"L":{"Type":"AWS::Lambda::LayerVersion","Properties":{"CompatibleRuntimes":["nodejs20.x","python3.12"]}}}}';
    const { changes } = await upgrade({ 'layer.json': json });
    expect(changes.get('layer.json')).toBe(json.replace('"nodejs20.x"', '"nodejs20.x","nodejs24.x"'));
  });

  it('serverless.yml layers follow provider.runtime', async () => {
    const text =
      'service: s\nprovider:\n  name: aws\n  runtime: nodejs20.x\nlayers:\n  shared:\n    path: layer\n    compatibleRuntimes:\n      - nodejs20.x\n      - nodejs22.x\n';
    const { changes } = await upgrade({ 'serverless.yml': text });
    expect(changes.get('serverless.yml')).toBe(
      text.replace('runtime: nodejs20.x', 'runtime: nodejs24.x').replace('- nodejs20.x', '- nodejs24.x'),
    );
  });
});
