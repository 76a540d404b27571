// CDK apps: `Runtime.PYTHON_3_x` is written as the target's member only where the project's
// aws-cdk-lib has it (PYTHON_3_13 since 2.167.0, PYTHON_3_12 since 2.108.0). TypeScript stacks
// fall back to the constructor; Python apps leave the runtime with a finding for a person.
import { ts } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { brief, upgrade } from './helpers.js';

const stack = `import * as cdk from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';

export class IngestStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new lambda.Function(this, 'Ingest', {
      runtime: lambda.Runtime.PYTHON_3_9,
      handler: 'ingest.handler',
      code: lambda.Code.fromAsset('src'),
    });
    new lambda.Function(this, 'Notify', {
      runtime: lambda.Runtime.NODEJS_18_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('notify'),
    });
  }
}
`;

const manifest = (range: string) =>
  `${JSON.stringify({ name: 'infra', dependencies: { 'aws-cdk-lib': range, constructs: '^10.0.0' } }, null, 2)}\n`;
const lock = (version: string) =>
  JSON.stringify({ lockfileVersion: 3, packages: { '': {}, 'node_modules/aws-cdk-lib': { version } } }, null, 2);
const constructed = (id: string) =>
  `new lambda.Runtime('${id}', lambda.RuntimeFamily.PYTHON, { supportsInlineCode: true, supportsCodeGuruProfiling: true })`;

function syntaxErrors(text: string): string[] {
  const out = ts.transpileModule(text, {
    reportDiagnostics: true,
    compilerOptions: { module: ts.ModuleKind.CommonJS },
  });
  return (out.diagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('CDK in TypeScript', () => {
  it('writes PYTHON_3_13 where the installed aws-cdk-lib has it (2.167.0 and later)', async () => {
    const projects: Record<string, string>[] = [
      { 'package.json': manifest('2.170.0') },
      { 'package.json': manifest('^2.100.0'), 'package-lock.json': lock('2.167.0') },
    ];
    for (const files of projects) {
      const { changes, findings } = await upgrade({ ...files, 'lib/ingest-stack.ts': stack });
      expect(changes.get('lib/ingest-stack.ts')).toBe(stack.replace('PYTHON_3_9', 'PYTHON_3_13'));
      expect(brief(findings)).toEqual(['lib/ingest-stack.ts:9 al2023-runtime warning']);
    }
  });

  it('writes the constructor where the lockfile installs a release without it, and says why', async () => {
    const { changes, findings } = await upgrade({
      'package.json': manifest('^2.100.0'),
      'package-lock.json': lock('2.166.1'),
      'lib/ingest-stack.ts': stack,
    });
    const text = changes.get('lib/ingest-stack.ts')!;
    expect(text).toBe(stack.replace('lambda.Runtime.PYTHON_3_9', constructed('python3.13')));
    expect(syntaxErrors(text)).toEqual([]);
    expect(brief(findings)).toEqual([
      'lib/ingest-stack.ts:9 al2023-runtime warning',
      'lib/ingest-stack.ts:9 cdk-runtime-constructor manual',
    ]);
    expect(findings[1].message).toContain('aws-cdk-lib 2.166.1 (package-lock.json) has no Runtime.PYTHON_3_13');
    expect(findings[1].message).toContain('aws-cdk-lib 2.167.0 or later has Runtime.PYTHON_3_13');
  });

  it('writes PYTHON_3_12 for target 3.12 on the same release (2.108.0 added it)', async () => {
    const { changes, findings } = await upgrade(
      { 'package.json': manifest('^2.100.0'), 'package-lock.json': lock('2.150.0'), 'lib/ingest-stack.ts': stack },
      { targetVersion: '3.12' },
    );
    expect(changes.get('lib/ingest-stack.ts')).toBe(stack.replace('PYTHON_3_9', 'PYTHON_3_12'));
    expect(brief(findings)).toEqual(['lib/ingest-stack.ts:9 al2023-runtime warning']);
  });

  it('writes the constructor when nothing says which aws-cdk-lib is installed', async () => {
    const { changes, findings } = await upgrade({ 'lib/ingest-stack.ts': stack });
    expect(changes.get('lib/ingest-stack.ts')).toBe(
      stack.replace('lambda.Runtime.PYTHON_3_9', constructed('python3.13')),
    );
    expect(findings[1].message).toContain('cannot tell which aws-cdk-lib the project installs');
  });

  it('adds RuntimeFamily to a named import, and moves a runtime id string', async () => {
    const named = `import { Stack } from 'aws-cdk-lib';
import { Code, Function, Runtime } from 'aws-cdk-lib/aws-lambda';
import { PythonFunction } from '@aws-cdk/aws-lambda-python-alpha';

export function functions(stack: Stack) {
  new PythonFunction(stack, 'Api', { entry: 'api', runtime: Runtime.PYTHON_3_10 });
  new Function(stack, 'Raw', { runtime: new Runtime('python3.9'), handler: 'a.b', code: Code.fromAsset('raw') });
}
`;
    const { changes } = await upgrade({ 'package.json': manifest('2.160.0'), 'lib/functions.ts': named });
    const text = changes.get('lib/functions.ts')!;
    expect(text).toBe(
      named
        .replace('Function, Runtime }', 'Function, Runtime, RuntimeFamily }')
        .replace(
          'Runtime.PYTHON_3_10',
          "new Runtime('python3.13', RuntimeFamily.PYTHON, { supportsInlineCode: true, supportsCodeGuruProfiling: true })",
        )
        .replace("new Runtime('python3.9')", "new Runtime('python3.13')"),
    );
    expect(syntaxErrors(text)).toEqual([]);
  });
});

const app = `import aws_cdk as cdk
from aws_cdk import Duration, Stack, aws_lambda as _lambda
from constructs import Construct


class ApiStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        deps = _lambda.LayerVersion(
            self,
            "Deps",
            code=_lambda.Code.from_asset("layers/deps"),
            compatible_runtimes=[
                _lambda.Runtime.PYTHON_3_9,
                _lambda.Runtime.PYTHON_3_11,  # the reporting stack
            ],
        )
        _lambda.Function(
            self,
            "Handler",
            runtime=_lambda.Runtime.PYTHON_3_9,  # Lambda runtime
            handler="app.handler",
            code=_lambda.Code.from_asset("src"),
            layers=[deps],
            timeout=Duration.seconds(10),
        )
        _lambda.Function(
            self,
            "Edge",
            runtime=_lambda.Runtime.NODEJS_18_X,
            handler="index.handler",
            code=_lambda.Code.from_inline("exports.handler = async () => None"),
        )


app = cdk.App()
ApiStack(app, "ApiStack")
app.synth()
`;

const requirements = (version: string) => `aws-cdk-lib==${version}\nconstructs>=10.0.0,<11.0.0\n`;

describe('CDK in Python', () => {
  it('writes PYTHON_3_13 where requirements.txt pins aws-cdk-lib 2.170.0', async () => {
    const { changes, findings } = await upgrade({ 'app.py': app, 'requirements.txt': requirements('2.170.0') });
    expect(changes.get('app.py')).toBe(app.replaceAll('PYTHON_3_9', 'PYTHON_3_13'));
    expect(brief(findings)).toEqual(['app.py:21 al2023-runtime warning', 'app.py:15 layer-runtimes-kept info']);
  });

  it('leaves every runtime with a finding where aws-cdk-lib 2.100.0 lacks PYTHON_3_13', async () => {
    const { changes, findings } = await upgrade({ 'app.py': app, 'requirements.txt': requirements('2.100.0') });
    expect(changes.size).toBe(0);
    expect(brief(findings)).toEqual([
      'app.py:21 cdk-runtime-left manual',
      'app.py:14 cdk-runtime-left manual',
      'app.py:15 cdk-runtime-left manual',
      'app.py:15 layer-runtimes-kept manual',
    ]);
    // Nothing names the target in the layer's list, and the finding says so rather than "beside".
    expect(findings[3].message).toMatch(
      /keep python3\.11 .*, and python3\.13 could not be added beside it: add it by hand$/,
    );
    expect(findings[0].message).toBe(
      '_lambda.Runtime.PYTHON_3_9 left as it is: aws-cdk-lib 2.100.0 (requirements.txt) has no Runtime.PYTHON_3_13 (added in 2.167.0); upgrade aws-cdk-lib, then set it',
    );
    // The layer keeps python3.11: only the runtime to add beside it is missing.
    expect(findings[2].message).toMatch(
      /^Runtime\.PYTHON_3_13 not added beside _lambda\.Runtime\.PYTHON_3_11: .* then add it$/,
    );
  });

  it('writes PYTHON_3_12 for target 3.12 on a release that has it', async () => {
    const { changes } = await upgrade(
      { 'app.py': app, 'requirements.txt': requirements('2.150.0') },
      { targetVersion: '3.12' },
    );
    expect(changes.get('app.py')).toBe(app.replaceAll('PYTHON_3_9', 'PYTHON_3_12'));
  });

  it('reads the pin in Poetry and Pipfile form, from the manifest nearest to the app', async () => {
    const poetry = `[tool.poetry.dependencies]\npython = "^3.13"\naws-cdk-lib = "^2.100.0"\n`;
    const left = await upgrade({ 'infra/app.py': app, 'infra/pyproject.toml': poetry });
    expect(left.changes.size).toBe(0);
    expect(brief(left.findings)[0]).toBe('infra/app.py:21 cdk-runtime-left manual');
    expect(left.findings[0].message).toContain('aws-cdk-lib 2.100.0 (infra/pyproject.toml)');

    const pipfile = `[packages]\naws-cdk-lib = "==2.170.0"\n\n[requires]\npython_version = "3.13"\n`;
    const written = await upgrade({
      'requirements.txt': requirements('2.100.0'),
      'infra/app.py': app,
      'infra/Pipfile': pipfile,
    });
    expect(written.changes.get('infra/app.py')).toBe(app.replaceAll('PYTHON_3_9', 'PYTHON_3_13'));
  });

  it('leaves the runtimes of a CDK v1 app, which has no member v2 added', async () => {
    const v1 = app.replace('import aws_cdk as cdk\n', 'from aws_cdk import core as cdk\n');
    const pins = 'aws-cdk.core==1.204.0\naws-cdk.aws-lambda==1.204.0\n';
    const { changes, findings } = await upgrade({ 'app.py': v1, 'requirements.txt': pins });
    expect(changes.size).toBe(0);
    expect(brief(findings)[0]).toBe('app.py:21 cdk-runtime-left manual');
    expect(findings[0].message).toContain('aws-cdk.core 1.204.0 (requirements.txt) has no Runtime.PYTHON_3_13');
  });

  it('writes the member with a warning when no manifest pins aws-cdk-lib', async () => {
    const { changes, findings } = await upgrade({ 'app.py': app });
    expect(changes.get('app.py')).toBe(app.replaceAll('PYTHON_3_9', 'PYTHON_3_13'));
    expect(brief(findings)).toEqual([
      'app.py:21 al2023-runtime warning',
      'app.py:21 cdk-runtime-unchecked warning',
      'app.py:14 cdk-runtime-unchecked warning',
      'app.py:15 layer-runtimes-kept info',
    ]);
  });

  it('moves a Runtime imported by name and a runtime id string', async () => {
    const named = `from aws_cdk import Stack
from aws_cdk.aws_lambda import Code, Function, Runtime, RuntimeFamily


def functions(stack: Stack) -> None:
    Function(stack, "A", runtime=Runtime.PYTHON_3_10, handler="a.handler", code=Code.from_asset("a"))
    Function(stack, "B", runtime=Runtime("python3.9", RuntimeFamily.PYTHON), handler="b.handler", code=Code.from_asset("b"))
`;
    const { changes } = await upgrade({ 'stacks/functions.py': named, 'requirements.txt': requirements('2.170.0') });
    expect(changes.get('stacks/functions.py')).toBe(
      named.replace('PYTHON_3_10', 'PYTHON_3_13').replace('"python3.9"', '"python3.13"'),
    );
  });

  it('reports an app that does not parse and leaves it alone', async () => {
    const broken = 'from aws_cdk import aws_lambda as _lambda\nruntime = _lambda.Runtime.PYTHON_3_9,,\n';
    const { changes, findings } = await upgrade({ 'app.py': broken });
    expect(changes.size).toBe(0);
    expect(brief(findings)).toEqual(['app.py:1 parse-error warning']);
  });
});
