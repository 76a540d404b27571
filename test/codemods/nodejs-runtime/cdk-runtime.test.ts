// CDK runtimes are written in the form the project's CDK has: `Runtime.NODEJS_24_X` only where the
// installed aws-cdk-lib defines it, otherwise the constructor, imported in the file's own style.
import { ts } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { nodejs } from '../../../src/codemods/nodejs-runtime/language.js';
import { SurfaceContext } from '../../../src/codemods/runtime-upgrade/surface.js';
import { cdkCode } from '../../../src/codemods/runtime-upgrade/surfaces/cdk.js';
import { inlineRepo } from './helpers.js';

const nodejs24 = (runtime: string, family: string, q = "'") =>
  `new ${runtime}(${q}nodejs24.x${q}, ${family}.NODEJS, { supportsInlineCode: true })`;

/** The CDK surface on `path`, with the rest of `files` as the repository (or none: the file alone). */
function upgrade(files: Record<string, string>, path = 'lib/stack.ts', target = 24, withRepo = true) {
  const text = files[path];
  const ctx = new SurfaceContext(path, nodejs, target, text, withRepo ? inlineRepo(files) : undefined);
  const next = cdkCode.apply(text, ctx);
  const again = cdkCode.apply(
    next,
    new SurfaceContext(path, nodejs, target, next, withRepo ? inlineRepo({ ...files, [path]: next }) : undefined),
  );
  // These tests are about the form a runtime is written in; the Amazon Linux 2023 note that a
  // move from Node.js 18 brings is tested with the templates (surfaces.test.ts).
  return { text: next, again, findings: ctx.findings.filter((f) => !f.rule.endsWith('/al2023-runtime')) };
}

/** Syntax errors of a TypeScript text (the rewrite must keep the file parseable). */
function syntaxErrors(text: string): string[] {
  const out = ts.transpileModule(text, {
    reportDiagnostics: true,
    compilerOptions: { module: ts.ModuleKind.CommonJS },
  });
  return (out.diagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

const v2Stack = `import * as cdk from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';

export class Api extends cdk.Stack {
  constructor(scope: cdk.App, id: string) {
    super(scope, id);
    new lambda.Function(this, 'Fn', { runtime: lambda.Runtime.NODEJS_18_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => 1;') });
  }
}
`;
const manifest = (deps: Record<string, string>) =>
  `${JSON.stringify({ name: 'infra', dependencies: deps }, null, 2)}\n`;
const npmLock = (version: string) =>
  JSON.stringify({ lockfileVersion: 3, packages: { '': {}, 'node_modules/aws-cdk-lib': { version } } });

describe('aws-cdk-lib', () => {
  it('keeps the member form where the installed aws-cdk-lib has NODEJS_24_X', () => {
    const { text, findings } = upgrade({
      'package.json': manifest({ 'aws-cdk-lib': '2.224.0' }),
      'lib/stack.ts': v2Stack,
    });
    expect(text).toBe(v2Stack.replace('NODEJS_18_X', 'NODEJS_24_X'));
    expect(findings).toEqual([]);
  });

  it('writes the constructor where the lockfile resolves an older aws-cdk-lib, whatever the range allows', () => {
    const files = {
      'package.json': manifest({ 'aws-cdk-lib': '^2.100.0' }),
      'package-lock.json': npmLock('2.223.0'),
      'lib/stack.ts': v2Stack,
    };
    const { text, again, findings } = upgrade(files);
    expect(text).toBe(
      v2Stack.replace('lambda.Runtime.NODEJS_18_X', nodejs24('lambda.Runtime', 'lambda.RuntimeFamily')),
    );
    expect(again).toBe(text);
    expect(syntaxErrors(text)).toEqual([]);
    expect(findings).toEqual([
      expect.objectContaining({
        file: 'lib/stack.ts',
        line: 7,
        rule: 'nodejs-runtime/cdk-runtime-constructor',
        severity: 'manual',
      }),
    ]);
    expect(findings[0].message).toContain('aws-cdk-lib 2.223.0 (package-lock.json) has no Runtime.NODEJS_24_X');
    expect(findings[0].message).toContain('aws-cdk-lib 2.224.0 or later');
  });

  it('uses the member once the lockfile resolves a release that has it, even under an older range', () => {
    const files = {
      'package.json': manifest({ 'aws-cdk-lib': '^2.100.0' }),
      'package-lock.json': npmLock('2.230.1'),
      'lib/stack.ts': v2Stack,
    };
    expect(upgrade(files).text).toBe(v2Stack.replace('NODEJS_18_X', 'NODEJS_24_X'));
  });

  it('takes the lowest version of the range without a lockfile, and the member for an older target', () => {
    const files = { 'package.json': manifest({ 'aws-cdk-lib': '^2.170.0' }), 'lib/stack.ts': v2Stack };
    expect(upgrade(files).text).toContain(nodejs24('lambda.Runtime', 'lambda.RuntimeFamily'));
    // NODEJS_22_X came in 2.168.0, so a 2.170 project gets the member for target 22.
    const to22 = upgrade(files, 'lib/stack.ts', 22);
    expect(to22.text).toBe(v2Stack.replace('NODEJS_18_X', 'NODEJS_22_X'));
    expect(to22.findings).toEqual([]);
  });

  it('writes the constructor, and says why, when nothing tells the installed version', () => {
    for (const withRepo of [true, false]) {
      const { text, findings } = upgrade({ 'lib/stack.ts': v2Stack }, 'lib/stack.ts', 24, withRepo);
      expect(text).toContain(nodejs24('lambda.Runtime', 'lambda.RuntimeFamily'));
      expect(findings).toMatchObject([{ line: 7, rule: 'nodejs-runtime/cdk-runtime-constructor', severity: 'manual' }]);
      expect(findings[0].message).toContain('cannot tell which aws-cdk-lib');
    }
  });

  it('follows the qualifier through the aws-cdk-lib root module and its aws_lambda namespace', () => {
    const root = `import * as cdk from 'aws-cdk-lib';\nconst r = cdk.aws_lambda.Runtime.NODEJS_20_X;\n`;
    expect(upgrade({ 'lib/stack.ts': root }).text).toBe(
      root.replace(
        'cdk.aws_lambda.Runtime.NODEJS_20_X',
        nodejs24('cdk.aws_lambda.Runtime', 'cdk.aws_lambda.RuntimeFamily'),
      ),
    );
    const named = `import { aws_lambda as lambda } from "aws-cdk-lib";\nconst r = lambda.Runtime.NODEJS_20_X;\n`;
    expect(upgrade({ 'lib/stack.ts': named }).text).toBe(
      named.replace('lambda.Runtime.NODEJS_20_X', nodejs24('lambda.Runtime', 'lambda.RuntimeFamily', '"')),
    );
  });
});

describe('imports of RuntimeFamily', () => {
  it('adds RuntimeFamily to a one-line named import, once for every runtime of the file', () => {
    const text = `import { Function, Runtime, Code } from 'aws-cdk-lib/aws-lambda';\nnew Function(s, 'A', { runtime: Runtime.NODEJS_18_X, handler: 'a.h', code });\nnew Function(s, 'B', { runtime: Runtime.NODEJS_20_X, handler: 'b.h', code });\n`;
    const { text: next, again, findings } = upgrade({ 'lib/stack.ts': text });
    expect(next).toBe(
      text
        .replace('Runtime, Code }', 'Runtime, Code, RuntimeFamily }')
        .replace('Runtime.NODEJS_18_X', nodejs24('Runtime', 'RuntimeFamily'))
        .replace('Runtime.NODEJS_20_X', nodejs24('Runtime', 'RuntimeFamily')),
    );
    expect(again).toBe(next);
    expect(findings).toMatchObject([{ line: 2, rule: 'nodejs-runtime/cdk-runtime-constructor' }]);
    expect(findings[0].message).toContain('lines 2, 3');
  });

  it('adds it on its own line to an import that lists one name per line, keeping the trailing comma', () => {
    const text = `import {\n  Code,\n  Runtime as LambdaRuntime,\n} from 'aws-cdk-lib/aws-lambda';\nexport const runtime = LambdaRuntime.NODEJS_20_X;\n`;
    const { text: next } = upgrade({ 'lib/stack.ts': text });
    expect(next).toBe(
      `import {\n  Code,\n  Runtime as LambdaRuntime,\n  RuntimeFamily,\n} from 'aws-cdk-lib/aws-lambda';\nexport const runtime = ${nodejs24('LambdaRuntime', 'RuntimeFamily')};\n`,
    );
    expect(syntaxErrors(next)).toEqual([]);
  });

  it('reuses a RuntimeFamily already imported, under its local name', () => {
    const text = `import { Runtime, RuntimeFamily as Family } from '@aws-cdk/aws-lambda';\nconst r = Runtime.NODEJS_14_X;\n`;
    expect(upgrade({ 'lib/stack.ts': text }).text).toBe(
      text.replace('Runtime.NODEJS_14_X', nodejs24('Runtime', 'Family')),
    );
  });

  it('extends a destructured require in CommonJS CDK apps', () => {
    const text = `const { Runtime, Function } = require('@aws-cdk/aws-lambda');\nmodule.exports = { runtime: Runtime.NODEJS_12_X };\n`;
    expect(upgrade({ 'lib/stack.js': text }, 'lib/stack.js').text).toBe(
      `const { Runtime, Function, RuntimeFamily } = require('@aws-cdk/aws-lambda');\nmodule.exports = { runtime: ${nodejs24('Runtime', 'RuntimeFamily')} };\n`,
    );
  });

  it('leaves a runtime it cannot name RuntimeFamily for, and one it cannot trace to the CDK, and says so', () => {
    const clash = `import { Runtime } from 'aws-cdk-lib/aws-lambda';\nimport { RuntimeFamily } from './my-enums';\nconst r = Runtime.NODEJS_18_X;\n`;
    const left = upgrade({ 'lib/stack.ts': clash });
    expect(left.text).toBe(clash);
    expect(left.findings).toMatchObject([{ line: 3, rule: 'nodejs-runtime/cdk-runtime-left', severity: 'manual' }]);
    const local = `import { Runtime } from './cdk-exports';\nconst r = Runtime.NODEJS_18_X; // aws-cdk\n`;
    expect(upgrade({ 'lib/stack.ts': local }).findings).toMatchObject([
      { line: 2, rule: 'nodejs-runtime/cdk-runtime-left' },
    ]);
    // Where the project's aws-cdk-lib has the member, a re-exported Runtime keeps the member form.
    const current = upgrade({ 'package.json': manifest({ 'aws-cdk-lib': '2.230.0' }), 'lib/stack.ts': local });
    expect(current).toMatchObject({ text: local.replace('NODEJS_18_X', 'NODEJS_24_X'), findings: [] });
  });
});

describe('CDK v1', () => {
  const v1 = `import cdk = require('@aws-cdk/core');
import lambda = require('@aws-cdk/aws-lambda');

export class Widgets extends cdk.Stack {
  constructor(scope: cdk.App, id: string) {
    super(scope, id);
    const handler = new lambda.Function(this, 'WidgetHandler', {
      runtime: lambda.Runtime.NODEJS_10_X, // So we can use async in widget.js
      code: lambda.Code.asset('resources'),
      handler: 'widgets.main',
    });
    if (handler.runtime === lambda.Runtime.NODEJS_10_X) console.log('old');
  }
}
`;

  it('never writes a member v1 lacks, whatever its version, and reports the CDK v2 migration', () => {
    const { text, again, findings } = upgrade({
      'package.json': manifest({ '@aws-cdk/aws-lambda': '1.30.0', '@aws-cdk/core': '1.30.0' }),
      'lib/stack.ts': v1,
    });
    expect(text).toBe(
      v1.replace(
        'runtime: lambda.Runtime.NODEJS_10_X',
        `runtime: ${nodejs24('lambda.Runtime', 'lambda.RuntimeFamily')}`,
      ),
    );
    expect(again).toBe(text);
    expect(findings).toMatchObject([
      { line: 12, rule: 'nodejs-runtime/cdk-runtime-left', severity: 'manual' },
      { line: 8, rule: 'nodejs-runtime/cdk-runtime-constructor', severity: 'manual' },
    ]);
    expect(findings[0].message).toContain('compared by identity');
    expect(findings[1].message).toContain('@aws-cdk/aws-lambda "1.30.0" (package.json) is CDK v1');
    expect(findings[1].message).toContain('migrate to CDK v2');
  });

  it('is read from the import alone when the repository is not given', () => {
    const { text, findings } = upgrade({ 'lib/stack.ts': v1 }, 'lib/stack.ts', 24, false);
    expect(text).toContain(nodejs24('lambda.Runtime', 'lambda.RuntimeFamily'));
    expect(findings[1].message).toContain('@aws-cdk/aws-lambda is CDK v1');
  });

  it('moves a layer list in the constructor form too', () => {
    const layer = `import * as lambda from '@aws-cdk/aws-lambda';\nnew lambda.Function(s, 'F', { runtime: lambda.Runtime.NODEJS_14_X, handler: 'i.h', code });\nnew lambda.LayerVersion(s, 'L', {\n  code,\n  compatibleRuntimes: [\n    lambda.Runtime.NODEJS_14_X,\n  ],\n});\n`;
    const { text } = upgrade({ 'lib/stack.ts': layer });
    expect(text).toBe(
      layer.replaceAll('lambda.Runtime.NODEJS_14_X', nodejs24('lambda.Runtime', 'lambda.RuntimeFamily')),
    );
  });
});
