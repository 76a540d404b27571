// What a repository installs: declared ranges read as their lowest version, and the version each
// lockfile format resolves for the package that owns a file.
import { describe, expect, it } from 'vitest';
import { Project } from '../../../src/codemods/runtime-upgrade/installed.js';
import { minVersion } from '../../../src/codemods/runtime-upgrade/version-numbers.js';
import { inlineRepo } from './helpers.js';

describe('lowest version of a declared range', () => {
  it('reads the ranges package.json files use', () => {
    const cases: [string, string | undefined][] = [
      ['^2.100.0', '2.100.0'],
      ['~3.7.2', '3.7.2'],
      ['3.7.7', '3.7.7'],
      ['v1.30.0', '1.30.0'],
      ['1.x', '1.0.0'],
      ['1', '1.0.0'],
      ['>=2.50.0 <3', '2.50.0'],
      ['>= 2.50.0', '2.50.0'],
      ['>2.99.9', '2.99.10'],
      ['>2', '3.0.0'],
      ['<3', '0.0.0'],
      ['2.100.0 - 2.120.0', '2.100.0'],
      ['^2.120.0 || ^2.100.1', '2.100.1'],
      ['*', '0.0.0'],
      ['', '0.0.0'],
      ['^2.0.0-rc.1', '2.0.0'],
      ['latest', undefined],
      ['file:../lib', undefined],
      ['workspace:*', undefined],
      ['npm:aws-cdk-lib@2', undefined],
    ];
    for (const [range, lowest] of cases) expect(minVersion(range)?.join('.'), range).toBe(lowest);
  });
});

const manifest = (deps: Record<string, string>) => JSON.stringify({ name: 'app', devDependencies: deps }, null, 2);

function installed(files: Record<string, string>, from: string, name: string) {
  const found = new Project(inlineRepo(files)).installedVersion(from, name);
  return found && { version: found.version.join('.'), source: found.source, file: found.file };
}

describe('installed version', () => {
  it('takes the lockfile over the range, and the range without a lockfile', () => {
    const pkg = manifest({ 'aws-cdk-lib': '^2.100.0' });
    const lock = JSON.stringify({
      lockfileVersion: 3,
      packages: { '': {}, 'node_modules/aws-cdk-lib': { version: '2.110.1' } },
    });
    expect(
      installed({ 'package.json': pkg, 'package-lock.json': lock, 'lib/stack.ts': '' }, 'lib/stack.ts', 'aws-cdk-lib'),
    ).toEqual({ version: '2.110.1', source: 'lockfile', file: 'package-lock.json' });
    expect(installed({ 'package.json': pkg, 'lib/stack.ts': '' }, 'lib/stack.ts', 'aws-cdk-lib')).toEqual({
      version: '2.100.0',
      source: 'range',
      file: 'package.json',
    });
    expect(installed({ 'lib/stack.ts': '' }, 'lib/stack.ts', 'aws-cdk-lib')).toBeUndefined();
  });

  it('reads npm lockfile v1 and a workspace package nested under v3', () => {
    const v1 = JSON.stringify({ lockfileVersion: 1, dependencies: { typescript: { version: '3.7.7' } } });
    expect(
      installed(
        { 'package.json': manifest({ typescript: '~3.7.2' }), 'package-lock.json': v1 },
        'package.json',
        'typescript',
      ),
    ).toMatchObject({ version: '3.7.7', source: 'lockfile' });
    const v3 = JSON.stringify({
      lockfileVersion: 3,
      packages: {
        'node_modules/aws-cdk-lib': { version: '2.230.0' },
        'infra/node_modules/aws-cdk-lib': { version: '2.100.0' },
      },
    });
    const files = {
      'package.json': manifest({}),
      'package-lock.json': v3,
      'infra/package.json': manifest({ 'aws-cdk-lib': '^2.100.0' }),
      'web/package.json': manifest({ 'aws-cdk-lib': '^2.200.0' }),
    };
    expect(installed(files, 'infra/lib/stack.ts', 'aws-cdk-lib')).toMatchObject({
      version: '2.100.0',
      file: 'package-lock.json',
    });
    expect(installed(files, 'web/lib/stack.ts', 'aws-cdk-lib')).toMatchObject({
      version: '2.230.0',
      file: 'package-lock.json',
    });
  });

  it('reads yarn classic and berry lockfiles, choosing the entry of the declared range', () => {
    const classic = `# yarn lockfile v1\n\n"@types/node@*", "@types/node@^18.0.0":\n  version "18.19.3"\n\naws-cdk-lib@^2.100.0:\n  version "2.100.0"\n  resolved "https://registry.yarnpkg.com/aws-cdk-lib/-/aws-cdk-lib-2.100.0.tgz"\n\naws-cdk-lib@^2.150.0:\n  version "2.150.0"\n`;
    const files = { 'package.json': manifest({ 'aws-cdk-lib': '^2.150.0' }), 'yarn.lock': classic };
    expect(installed(files, 'bin/app.ts', 'aws-cdk-lib')).toMatchObject({
      version: '2.150.0',
      source: 'lockfile',
      file: 'yarn.lock',
    });
    expect(installed(files, 'bin/app.ts', '@types/node')).toMatchObject({ version: '18.19.3' });
    const berry = `__metadata:\n  version: 6\n\n"aws-cdk-lib@npm:^2.100.0":\n  version: 2.120.0\n  resolution: "aws-cdk-lib@npm:2.120.0"\n`;
    expect(
      installed(
        { 'package.json': manifest({ 'aws-cdk-lib': '^2.100.0' }), 'yarn.lock': berry },
        'bin/app.ts',
        'aws-cdk-lib',
      ),
    ).toMatchObject({ version: '2.120.0' });
  });

  it('reads pnpm lockfiles with and without importers', () => {
    const v9 = `lockfileVersion: '9.0'\nimporters:\n  .:\n    dependencies:\n      aws-cdk-lib:\n        specifier: ^2.200.0\n        version: 2.201.0(constructs@10.3.0)\n  packages/infra:\n    devDependencies:\n      typescript:\n        specifier: ~4.9.5\n        version: 4.9.5\n`;
    const files = {
      'package.json': manifest({ 'aws-cdk-lib': '^2.200.0' }),
      'pnpm-lock.yaml': v9,
      'packages/infra/package.json': manifest({ typescript: '~4.9.5' }),
    };
    expect(installed(files, 'bin/app.ts', 'aws-cdk-lib')).toMatchObject({ version: '2.201.0', file: 'pnpm-lock.yaml' });
    expect(installed(files, 'packages/infra/package.json', 'typescript')).toMatchObject({
      version: '4.9.5',
      source: 'lockfile',
    });
    const v5 = `lockfileVersion: 5.4\nspecifiers:\n  aws-cdk-lib: 2.60.0\ndependencies:\n  aws-cdk-lib: 2.60.0_constructs@10.1.0\n`;
    expect(
      installed({ 'package.json': manifest({ 'aws-cdk-lib': '2.60.0' }), 'pnpm-lock.yaml': v5 }, 'a.ts', 'aws-cdk-lib'),
    ).toMatchObject({ version: '2.60.0', source: 'lockfile' });
  });

  it('falls back to the range when the lockfile is unreadable or lacks the package', () => {
    const files = { 'package.json': manifest({ 'aws-cdk-lib': '~2.90.0' }), 'package-lock.json': '{ not json' };
    expect(installed(files, 'a.ts', 'aws-cdk-lib')).toMatchObject({
      version: '2.90.0',
      source: 'range',
      file: 'package.json',
    });
    const other = {
      'package.json': manifest({ 'aws-cdk-lib': '~2.90.0' }),
      'package-lock.json': JSON.stringify({ lockfileVersion: 3, packages: {} }),
    };
    expect(installed(other, 'a.ts', 'aws-cdk-lib')).toMatchObject({ source: 'range' });
  });
});
