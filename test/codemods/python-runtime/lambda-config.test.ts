// Lambda runtimes in SAM / CloudFormation templates, serverless.yml and Terraform: python3.x ids
// move to the target, Node.js runtimes and newer Python runtimes stay, layers keep the runtimes
// Lambda still supports.
import { describe, expect, it } from 'vitest';
import { brief, upgrade, upgradeFile } from './helpers.js';

const sam = (globals: string, fn: string, layer: string) => `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31

Globals:
  Function:
    Runtime: ${globals}
    Timeout: 10

Resources:
  OrdersFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: orders/
      Handler: app.lambda_handler
  ReportFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: report/
      Handler: report.handler
      Runtime: ${fn}
  EdgeFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: edge/
      Handler: index.handler
      Runtime: nodejs18.x
  DepsLayer:
    Type: AWS::Serverless::LayerVersion
    Properties:
      ContentUri: layers/deps/
      CompatibleRuntimes:
${layer}`;

describe('SAM templates', () => {
  it('moves Globals and a function to 3.12, keeps nodejs18.x and a layer runtime Lambda still runs', async () => {
    const before = sam('python3.9', '"python3.10"', '        - python3.9\n        - python3.11\n');
    const { text, findings } = await upgradeFile('template.yaml', before, { targetVersion: '3.12' });
    expect(text).toBe(sam('python3.12', '"python3.12"', '        - python3.12\n        - python3.11\n'));
    expect(findings).toEqual(['template.yaml:6 al2023-runtime warning', 'template.yaml:33 layer-runtimes-kept info']);
  });

  it('leaves a function already on a newer runtime, and says so', async () => {
    const before = sam('python3.9', 'python3.14', '        - python3.9\n');
    const { text, findings } = await upgradeFile('template.yaml', before);
    expect(text).toBe(sam('python3.13', 'python3.14', '        - python3.13\n'));
    expect(findings).toEqual(['template.yaml:6 al2023-runtime warning', 'template.yaml:20 newer-than-target info']);
  });

  it('adds the target after the runtimes of a layer whose file declares no function', async () => {
    const text = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Shared:
    Type: AWS::Lambda::LayerVersion
    Properties:
      CompatibleRuntimes: [python3.11, python3.12]
`;
    const result = await upgradeFile('layer.yaml', text);
    expect(result.text).toBe(text.replace('python3.12]', 'python3.12, python3.13]'));
    expect(result.findings).toEqual(['layer.yaml:6 layer-runtimes-kept info']);
  });

  it('keeps CRLF line endings, comments and quotes', async () => {
    const text =
      'AWSTemplateFormatVersion: "2010-09-09"\r\nResources:\r\n  Fn:\r\n    Type: AWS::Lambda::Function\r\n' +
      "    Properties:\r\n      Runtime: 'python3.10' # was python3.8\r\n      Handler: app.handler\r\n";
    const result = await upgradeFile('template.yml', text);
    expect(result.text).toBe(text.replace("'python3.10'", "'python3.13'"));
    expect(result.findings).toEqual(['template.yml:6 al2023-runtime warning']);
  });

  it('moves nothing from 3.12 to 3.13 but the runtime (both are Amazon Linux 2023)', async () => {
    const before = sam('python3.12', 'python3.12', '        - python3.12\n');
    const { text, findings } = await upgradeFile('template.yaml', before);
    expect(text).toBe(sam('python3.13', 'python3.13', '        - python3.13\n'));
    expect(findings).toEqual([]);
  });

  it('reports a template it cannot parse and leaves it alone', async () => {
    const text =
      'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Fn:\n    Properties:\n     Runtime: [python3.9\n';
    const { changes, findings } = await upgrade({ 'template.yaml': text });
    expect(changes.size).toBe(0);
    expect(brief(findings)).toEqual(['template.yaml:1 parse-error warning']);
  });
});

describe('CloudFormation JSON', () => {
  const json = (fn: string, layer: string) => `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "Ingest": {
      "Type": "AWS::Lambda::Function",
      "Properties": { "Runtime": "${fn}", "Handler": "ingest.handler" }
    },
    "Notify": {
      "Type": "AWS::Lambda::Function",
      "Properties": { "Runtime": "nodejs20.x", "Handler": "index.handler" }
    },
    "Common": {
      "Type": "AWS::Lambda::LayerVersion",
      "Properties": { "CompatibleRuntimes": [${layer}] }
    }
  }
}
`;

  it('moves to 3.12 and keeps a valid, identically indented document', async () => {
    const { text, findings } = await upgradeFile(
      'stack.template.json',
      json('python3.9', '"python3.9", "python3.11"'),
      {
        targetVersion: '3.12',
      },
    );
    expect(text).toBe(json('python3.12', '"python3.12", "python3.11"'));
    expect(JSON.parse(text!).Resources.Notify.Properties.Runtime).toBe('nodejs20.x');
    expect(findings).toEqual([
      'stack.template.json:6 al2023-runtime warning',
      'stack.template.json:14 layer-runtimes-kept info',
    ]);
  });

  it('drops a layer runtime that became a duplicate of the target', async () => {
    const { text } = await upgradeFile('stack.template.json', json('python3.10', '"python3.10", "python3.13"'));
    expect(text).toBe(json('python3.13', '"python3.13"'));
  });
});

describe('serverless.yml', () => {
  const yml = (provider: string, fn: string) => `service: image-resizer
frameworkVersion: '3'

provider:
  name: aws
  runtime: ${provider}
  region: eu-west-1

functions:
  resize:
    handler: handler.resize
  thumbnail:
    handler: handler.thumbnail
    runtime: ${fn} # its own
  warmup:
    handler: warmup.handler
    runtime: nodejs18.x
`;

  it('moves provider.runtime and a function runtime to 3.12, keeps the Node.js one', async () => {
    const { text, findings } = await upgradeFile('serverless.yml', yml('python3.9', 'python3.10'), {
      targetVersion: '3.12',
    });
    expect(text).toBe(yml('python3.12', 'python3.12'));
    expect(findings).toEqual(['serverless.yml:6 al2023-runtime warning']);
  });

  it('leaves the folders of other providers alone (Google, Azure Functions)', async () => {
    const google =
      'service: gcp-fn\nprovider:\n  name: google\n  runtime: python39\nfunctions:\n  first:\n    handler: http\n    runtime: python3.9\n';
    const { changes, findings } = await upgrade({
      'serverless.yml': yml('python3.9', 'python3.9'),
      'gcp/serverless.yml': google,
      'gcp/.python-version': '3.9\n',
      'azure/host.json': '{\n  "version": "2.0"\n}\n',
      'azure/Dockerfile': 'FROM mcr.microsoft.com/azure-functions/python:4-python3.9\nFROM python:3.9-slim\n',
      'azure/pyproject.toml': '[project]\nrequires-python = ">=3.9"\n',
    });
    expect([...changes.keys()]).toEqual(['serverless.yml']);
    expect(brief(findings)).toEqual(['serverless.yml:6 al2023-runtime warning']);
  });
});

describe('Terraform', () => {
  const tf = (fn: string, layer: string) => `# Was "python3.8" until 2024.
resource "aws_lambda_function" "ingest" {
  function_name = "ingest"
  handler       = "ingest.handler"
  runtime       = "${fn}"
}

resource "aws_lambda_function" "notify" {
  function_name = "notify"
  handler       = "index.handler"
  runtime       = "nodejs18.x"
}

resource "aws_lambda_layer_version" "deps" {
  layer_name = "deps"
  compatible_runtimes = [
${layer}  ]
}
`;

  it('moves a function and its layer to 3.12, and leaves comments and Node.js alone', async () => {
    const before = tf('python3.9', '    "python3.9",\n    "python3.11",\n');
    const { text, findings } = await upgradeFile('main.tf', before, { targetVersion: '3.12' });
    expect(text).toBe(tf('python3.12', '    "python3.12",\n    "python3.11",\n'));
    expect(findings).toEqual(['main.tf:5 al2023-runtime warning', 'main.tf:18 layer-runtimes-kept info']);
  });

  it('adds the target on its own line to a layer that keeps supported runtimes', async () => {
    const before = tf('python3.11', '    "python3.11",\n');
    const { text } = await upgradeFile(
      'main.tf',
      before.replace('runtime       = "python3.11"', 'runtime = "python3.12"'),
    );
    expect(text).toBe(
      tf('python3.11', '    "python3.11",\n    "python3.13",\n').replace(
        'runtime       = "python3.11"',
        'runtime = "python3.13"',
      ),
    );
  });
});

describe('Python 2', () => {
  it('leaves python2.7 in every template format and says why', async () => {
    const result = await upgrade({
      'template.yaml':
        'Transform: AWS::Serverless-2016-10-31\nResources:\n  Old:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: python2.7\n',
      'template.json':
        '{"Resources": {"F": {"Type": "AWS::Lambda::Function", "Properties": {"Runtime": "python2.7"}}}}\n',
      'main.tf': 'resource "aws_lambda_function" "f" {\n  runtime = "python2.7"\n  # runtime = "python2.7"\n}\n',
    });
    expect(result.changes.size).toBe(0);
    expect(brief(result.findings).sort()).toEqual([
      'main.tf:2 unmovable-runtime manual',
      'template.json:1 unmovable-runtime manual',
      'template.yaml:6 unmovable-runtime manual',
    ]);
    expect(result.findings[0].message).toContain('moving from Python 2 is a port of the code');
  });
});
