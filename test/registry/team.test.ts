import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDefinitionDir } from '../../src/definitions/index.js';
import { TeamUnreachableError } from '../../src/registry/index.js';
import { bareRemote, definitionFolder, git, person, remoteFile, remoteIndex, tempDir } from './helpers.js';

const objectiveOf = async (dir: string) => (await loadDefinitionDir(dir)).definition.objective;

describe('team registry (git)', () => {
  it('publishes into an empty bare remote and another person sees it', async () => {
    const remote = await bareRemote();
    const ana = await person('ana', remote);
    expect(await ana.list()).toEqual([]);
    expect(await ana.publish('MyOrg/widgets', 'Widget upgrade', await definitionFolder('from-ana'))).toEqual({
      name: 'MyOrg/widgets',
      version: '1',
      origin: 'team',
      category: 'remediation',
    });
    // The remote's own default branch got the commit, authored as the publisher.
    expect(git(remote, 'log', '--format=%an <%ae>|%s', 'HEAD').trim()).toBe(
      'ana <ana@example.com>|atx: publish MyOrg/widgets version 1',
    );
    expect(remoteFile(remote, 'registry/MyOrg/widgets/1/transformation_definition.md')).toContain('from-ana');
    expect(remoteIndex(remote, 'MyOrg/widgets').versions).toMatchObject([
      { version: '1', status: 'published', description: 'Widget upgrade' },
    ]);

    const ben = await person('ben', remote);
    expect(await ben.list()).toEqual([
      {
        name: 'MyOrg/widgets',
        version: '1',
        description: 'Widget upgrade',
        origin: 'team',
        versions: ['1'],
        status: 'published',
        category: 'remediation',
      },
    ]);
    const resolved = await ben.resolve('MyOrg/widgets');
    expect(resolved).toMatchObject({ origin: 'team', version: '1', status: 'published', category: 'remediation' });
    expect(await objectiveOf(resolved.dir)).toContain('from-ana');
    expect((await ben.publish('MyOrg/widgets', 'Ben fixes', await definitionFolder('from-ben'))).version).toBe('2');
    expect(remoteIndex(remote, 'MyOrg/widgets').versions.map((v) => v.version)).toEqual(['1', '2']);
  });

  it('follows the remote default branch and keeps files others committed', async () => {
    const remote = await bareRemote();
    const seed = await tempDir();
    git(seed, 'init', '--quiet', '-b', 'trunk');
    execFileSync('sh', ['-c', 'printf "# Team registry\\n" > README.md'], { cwd: seed });
    git(seed, 'add', 'README.md');
    git(seed, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '--quiet', '-m', 'readme');
    git(seed, 'push', '--quiet', remote, 'trunk');
    git(remote, 'symbolic-ref', 'HEAD', 'refs/heads/trunk');
    const ana = await person('ana', remote);
    await ana.publish('tool', 'x', await definitionFolder());
    expect(git(remote, 'branch', '--format=%(refname:short)').trim()).toBe('trunk');
    expect(git(remote, 'log', '--format=%s', 'trunk').trim().split('\n')).toEqual([
      'atx: publish tool version 1',
      'readme',
    ]);
    expect(remoteFile(remote, 'README.md')).toBe('# Team registry\n');
  });

  it('lands two people publishing the same name at once as distinct versions', async () => {
    const remote = await bareRemote();
    const people = await Promise.all(['p1', 'p2', 'p3'].map((n) => person(n, remote)));
    const sources = await Promise.all(people.map((_, n) => definitionFolder(`person-${n + 1}`)));
    const results = await Promise.all(people.map((p, n) => p.publish('shared/tool', `by ${n + 1}`, sources[n])));
    expect(results.map((r) => r.version).sort()).toEqual(['1', '2', '3']);
    const versions = remoteIndex(remote, 'shared/tool').versions;
    expect(versions.map((v) => v.version)).toEqual(['1', '2', '3']);
    // Each version holds the content of the person it was reported to.
    for (const [n, result] of results.entries()) {
      expect(remoteFile(remote, `registry/shared/tool/${result.version}/transformation_definition.md`)).toContain(
        `person-${n + 1}`,
      );
      expect(versions.find((v) => v.version === result.version)?.description).toBe(`by ${n + 1}`);
    }
    expect(git(remote, 'log', '--format=%s', 'HEAD').trim().split('\n')).toHaveLength(3);
  });

  it('reads on without an unreachable team registry, but refuses to publish to it', async () => {
    const dir = await tempDir();
    const ana = await person('ana', join(dir, 'does-not-exist.git'));
    // Reads degrade to the AWS-managed and local definitions (see hostile.test.ts for the warning).
    expect(await ana.list()).toEqual([]);
    const refused = ana.publish('tool', 'x', await definitionFolder());
    await expect(refused).rejects.toBeInstanceOf(TeamUnreachableError);
    await expect(refused).rejects.toThrow(
      /^the team registry .*does-not-exist\.git could not be reached \(.+\); nothing was changed$/,
    );
  });

  it('serves files straight from the clone of the remote', async () => {
    const remote = await bareRemote();
    const ana = await person('ana', remote);
    await ana.publish('tool', 'x', await definitionFolder('content'));
    const { dir } = await ana.resolve('tool', '1');
    expect(await readFile(join(dir, 'transformation_definition.md'), 'utf8')).toBe(
      remoteFile(remote, 'registry/tool/1/transformation_definition.md'),
    );
  });
});

describe('an empty remote', () => {
  it('gets its first commit on the branch its HEAD names', async () => {
    const remote = join(await tempDir('atx-remote-'), 'trunk.git');
    execFileSync('git', ['init', '--quiet', '--bare', '--initial-branch=trunk', remote]);
    const ana = await person('ana', remote);
    expect(await ana.list()).toEqual([]);
    await ana.publish('tool', 'x', await definitionFolder());
    expect(git(remote, 'for-each-ref', '--format=%(refname)').trim()).toBe('refs/heads/trunk');
    // A person cloning the team registry gets a checkout, not "remote HEAD refers to nonexistent ref".
    const checkout = join(await tempDir(), 'clone');
    execFileSync('git', ['clone', '--quiet', remote, checkout]);
    expect(await readFile(join(checkout, 'registry/tool/1/transformation_definition.md'), 'utf8')).toContain(
      '# Upgrade widgets',
    );
  });
});
