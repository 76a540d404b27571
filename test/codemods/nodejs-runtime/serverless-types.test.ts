// A serverless.ts typed with @serverless/typescript, and CDK's Runtime members, are checked
// against the versions the project installs (the lockfile before the range, a stale lockfile
// giving way to the range it no longer satisfies).
import { describe, expect, it } from 'vitest';
import { codemod as runtimeUpgrade } from '../../../src/codemods/nodejs-runtime/index.js';
import { codemod as typescriptUpgrade } from '../../../src/codemods/nodejs-runtime/typescript-upgrade.js';
import { inlineRepo } from './helpers.js';

const serverless = `import type { AWS } from '@serverless/typescript';

const config: AWS = {
  service: 'orders',
  provider: {
    name: 'aws',
    runtime: 'nodejs20.x',
  },
};

module.exports = config;
`;
const manifest = (range: string) => `{\n  "devDependencies": {\n    "@serverless/typescript": "${range}"\n  }\n}\n`;
const lock = (version: string) =>
  JSON.stringify({ lockfileVersion: 3, packages: { 'node_modules/@serverless/typescript': { version } } });

describe('serverless.ts typed with @serverless/typescript', () => {
  it('writes nodejs24.x and reports, on its line, that the installed 3.38.0 lacks it and what to raise to', async () => {
    const repo = inlineRepo({
      'serverless.ts': serverless,
      'package.json': manifest('^3.0.0'),
      'package-lock.json': lock('3.38.0'),
    });
    const result = await runtimeUpgrade.run(repo, { targetVersion: 24 });
    expect(result.changes.get('serverless.ts')).toBe(serverless.replace('nodejs20.x', 'nodejs24.x'));
    expect(result.findings.filter((f) => f.rule === 'nodejs-runtime/serverless-types-lack-runtime')).toEqual([
      {
        file: 'serverless.ts',
        line: 7,
        rule: 'nodejs-runtime/serverless-types-lack-runtime',
        message:
          "@serverless/typescript 3.38.0 (package-lock.json) has no 'nodejs24.x' in its runtime type (4.27.1 is the first release with it), so this file fails to type-check (TS2322) after the runtime moves to nodejs24.x: raise @serverless/typescript to 4.27.1 or later (the typescript-upgrade step does when the definition runs it)",
        severity: 'manual',
      },
    ]);
  });

  it('says nothing when the installed release lists the target (the lockfile beats the range)', async () => {
    const repo = inlineRepo({
      'serverless.ts': serverless,
      'package.json': manifest('^4.0.0'),
      'package-lock.json': lock('4.30.0'),
    });
    const result = await runtimeUpgrade.run(repo, { targetVersion: 24 });
    expect(result.findings.filter((f) => f.rule.includes('serverless-types'))).toEqual([]);
  });

  it('the typescript-upgrade step raises @serverless/typescript, and the runtime upgrade after it has nothing to report', async () => {
    const files = {
      'serverless.ts': serverless,
      'package.json': manifest('^3.0.0'),
      'package-lock.json': lock('3.38.0'),
    };
    const raised = await typescriptUpgrade.run(inlineRepo(files), { targetVersion: 24 });
    expect(raised.changes.get('package.json')).toBe(manifest('^4.27.1'));
    expect(raised.findings).toEqual([
      {
        file: 'package.json',
        line: 3,
        rule: 'nodejs-runtime/serverless-types-raised',
        message:
          '@serverless/typescript "^3.0.0" → "^4.27.1": @serverless/typescript 3.38.0 (package-lock.json) has no \'nodejs24.x\' in its runtime type (4.27.1 is the first release with it), which serverless.ts names after the upgrade',
        severity: 'warning',
      },
    ]);
    const after = await runtimeUpgrade.run(inlineRepo({ ...files, ...Object.fromEntries(raised.changes) }), {
      targetVersion: 24,
    });
    expect(after.findings.filter((f) => f.rule.includes('serverless-types'))).toEqual([]);
  });

  it('nodejs22.x needs 4.10.1: no 3.x release lists it', async () => {
    const repo = inlineRepo({ 'serverless.ts': serverless, 'package.json': manifest('3.38.0') });
    const result = await typescriptUpgrade.run(repo, { targetVersion: 22 });
    expect(result.changes.get('package.json')).toBe(manifest('4.10.1'));
  });

  it('leaves an untyped serverless.ts alone', async () => {
    const untyped = serverless.replace("import type { AWS } from '@serverless/typescript';\n", '').replace(': AWS', '');
    const repo = inlineRepo({
      'serverless.ts': untyped,
      'package.json': manifest('^3.0.0'),
      'package-lock.json': lock('3.38.0'),
    });
    expect((await typescriptUpgrade.run(repo, { targetVersion: 24 })).changes.size).toBe(0);
    const result = await runtimeUpgrade.run(repo, { targetVersion: 24 });
    expect(result.findings.filter((f) => f.rule.includes('serverless-types'))).toEqual([]);
  });
});

describe('CDK Runtime members against the installed CDK', () => {
  const stack = `import { Runtime } from 'aws-cdk-lib/aws-lambda';\nexport const runtime = Runtime.NODEJS_20_X;\n`;
  const cdkManifest = (range: string) => `{"dependencies": {"aws-cdk-lib": "${range}"}}`;
  const cdkLock = (version: string) =>
    JSON.stringify({ lockfileVersion: 3, packages: { 'node_modules/aws-cdk-lib': { version } } });

  it('a lockfile with 2.230.0 beats a range that starts below 2.224.0: the member is written', async () => {
    const repo = inlineRepo({
      'lib/stack.ts': stack,
      'package.json': cdkManifest('^2.100.0'),
      'package-lock.json': cdkLock('2.230.0'),
    });
    const result = await runtimeUpgrade.run(repo, { targetVersion: 24 });
    expect(result.changes.get('lib/stack.ts')).toBe(stack.replace('NODEJS_20_X', 'NODEJS_24_X'));
  });

  it('a lockfile with 2.200.0 lacks NODEJS_24_X, whatever the range admits: the constructor is written', async () => {
    const repo = inlineRepo({
      'lib/stack.ts': stack,
      'package.json': cdkManifest('^2.100.0'),
      'package-lock.json': cdkLock('2.200.0'),
    });
    const result = await runtimeUpgrade.run(repo, { targetVersion: 24 });
    expect(result.changes.get('lib/stack.ts')).toContain("new Runtime('nodejs24.x', RuntimeFamily.NODEJS");
    expect(result.findings.find((f) => f.rule === 'nodejs-runtime/cdk-runtime-constructor')?.message).toContain(
      'aws-cdk-lib 2.200.0 (package-lock.json) has no Runtime.NODEJS_24_X',
    );
  });

  it('CDK v1 installed at its last release (1.204.0, from the lockfile) gets the constructor and the v2 migration', async () => {
    const v1 = `import { Runtime } from '@aws-cdk/aws-lambda';\nexport const runtime = Runtime.NODEJS_14_X;\n`;
    const repo = inlineRepo({
      'lib/stack.ts': v1,
      'package.json': '{"dependencies": {"@aws-cdk/aws-lambda": "^1.100.0"}}',
      'package-lock.json': JSON.stringify({
        lockfileVersion: 3,
        packages: { 'node_modules/@aws-cdk/aws-lambda': { version: '1.204.0' } },
      }),
    });
    const result = await runtimeUpgrade.run(repo, { targetVersion: 24 });
    expect(result.changes.get('lib/stack.ts')).not.toContain('NODEJS_24_X');
    expect(result.findings.find((f) => f.rule === 'nodejs-runtime/cdk-runtime-constructor')?.message).toContain(
      '@aws-cdk/aws-lambda 1.204.0 (package-lock.json) is CDK v1, which has no Runtime.NODEJS_24_X',
    );
  });
});
