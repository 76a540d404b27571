import { mkdir, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DefinitionError, UsageError } from '../../src/errors.js';
import { defaultAwsDir, findPackageRoot, openRegistry, registryOptionsFromEnv } from '../../src/registry/index.js';
import { definitionFolder, tempDir, writeDefinition } from './helpers.js';

async function awsFolder(): Promise<string> {
  const awsDir = join(await tempDir('atx-aws-'), 'AWS');
  await writeDefinition(join(awsDir, 'zeta-upgrade'), 'zeta');
  await writeFile(
    join(awsDir, 'zeta-upgrade', 'metadata.json'),
    JSON.stringify({ description: 'Zeta, managed', version: '1.0.0' }),
  );
  // No metadata.json: the definition's objective describes it and the version is 1.
  await writeDefinition(join(awsDir, 'alpha-upgrade'), 'alpha');
  // Not a definition: skipped.
  await mkdir(join(awsDir, 'scratch'), { recursive: true });
  return awsDir;
}

describe('AWS-managed definitions', () => {
  it('are listed first, sorted, and before local ones', async () => {
    const awsDir = await awsFolder();
    const registry = openRegistry({ atxHome: await tempDir(), awsDir });
    await registry.publish('Aaa/first-alphabetically', 'mine', await definitionFolder());
    expect(await registry.list()).toEqual([
      {
        name: 'AWS/alpha-upgrade',
        version: '1',
        description: 'Move every widget to the new widget API (alpha).',
        origin: 'aws-managed',
        versions: ['1'],
        status: 'published',
        category: 'remediation',
      },
      {
        name: 'AWS/zeta-upgrade',
        version: '1.0.0',
        description: 'Zeta, managed',
        origin: 'aws-managed',
        versions: ['1.0.0'],
        status: 'published',
        category: 'remediation',
      },
      {
        name: 'Aaa/first-alphabetically',
        version: '1',
        description: 'mine',
        origin: 'local',
        versions: ['1'],
        status: 'published',
        category: 'remediation',
      },
    ]);
  });

  it('resolve by name (prefix in any case) and version, in place', async () => {
    const awsDir = await awsFolder();
    const registry = openRegistry({ atxHome: await tempDir(), awsDir });
    expect(await registry.resolve('aws/zeta-upgrade')).toEqual({
      name: 'AWS/zeta-upgrade',
      version: '1.0.0',
      origin: 'aws-managed',
      description: 'Zeta, managed',
      dir: join(awsDir, 'zeta-upgrade'),
      status: 'published',
      category: 'remediation',
    });
    expect((await registry.resolve('AWS/zeta-upgrade', '1.0.0')).version).toBe('1.0.0');
    await expect(registry.resolve('AWS/zeta-upgrade', '2')).rejects.toThrow(
      'AWS/zeta-upgrade has no version "2" (version: 1.0.0)',
    );
    await expect(registry.resolve('AWS/scratch')).rejects.toThrow(UsageError);
    await expect(registry.resolve('AWS/missing')).rejects.toThrow('unknown AWS-managed definition "AWS/missing"');
  });

  it('report a malformed metadata.json as a definition error', async () => {
    const awsDir = await awsFolder();
    await writeFile(join(awsDir, 'zeta-upgrade', 'metadata.json'), '{ "description": ');
    await expect(openRegistry({ atxHome: await tempDir(), awsDir }).list()).rejects.toBeInstanceOf(DefinitionError);
    await writeFile(join(awsDir, 'zeta-upgrade', 'metadata.json'), '{ "version": 3 }');
    await expect(openRegistry({ atxHome: await tempDir(), awsDir }).list()).rejects.toThrow(/metadata\.json/);
    // Resolving reads only the definition asked for: the others' metadata does not stand in its way.
    const registry = openRegistry({ atxHome: await tempDir(), awsDir });
    await expect(registry.resolve('AWS/zeta-upgrade')).rejects.toThrow(/metadata\.json/);
    expect(await registry.resolve('AWS/alpha-upgrade')).toMatchObject({ name: 'AWS/alpha-upgrade', version: '1' });
  });

  it('default to the transformations/AWS folder shipped in the package', async () => {
    const root = findPackageRoot();
    expect(root).toBe(join(import.meta.dirname, '..', '..'));
    expect(defaultAwsDir()).toBe(join(root!, 'transformations', 'AWS'));
    const registry = openRegistry({ atxHome: await tempDir() });
    const shipped = await registry.resolve('AWS/nodejs-version-upgrade');
    expect(shipped).toMatchObject({
      origin: 'aws-managed',
      dir: join(root!, 'transformations', 'AWS', 'nodejs-version-upgrade'),
    });
    expect(
      (await registry.list()).every(
        (e, n, all) => e.origin === 'aws-managed' || all.slice(n).every((x) => x.origin !== 'aws-managed'),
      ),
    ).toBe(true);
  });
});

describe('registryOptionsFromEnv', () => {
  it('reads ATX_HOME, ATX_REGISTRY_URL and the committer name', () => {
    expect(
      registryOptionsFromEnv({
        ATX_HOME: '/srv/atx',
        ATX_REGISTRY_URL: 'git@example.com:team/registry.git',
        ATX_GIT_COMMITTER_NAME: 'Ana',
      }),
    ).toMatchObject({
      atxHome: '/srv/atx',
      teamUrl: 'git@example.com:team/registry.git',
      author: 'Ana',
    });
  });

  it('defaults to ~/.atx and no team registry', () => {
    const options = registryOptionsFromEnv({});
    expect(options.atxHome).toBe(join(homedir(), '.atx'));
    expect(options.teamUrl).toBeUndefined();
  });
});
