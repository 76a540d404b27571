import { execFileSync } from 'node:child_process';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { loadDefinitionDir } from '../../src/definitions/index.js';
import { GitError } from '../../src/errors.js';
import { openRegistry } from '../../src/registry/index.js';
import { TeamClone } from '../../src/registry/team-git.js';
import { bareRemote, definitionFolder, git, person, remoteFile, remoteIndex, tempDir } from './helpers.js';

const objectiveOf = async (dir: string) => (await loadDefinitionDir(dir)).definition.objective;

describe('team registry (git)', () => {
  it('publishes into an empty bare remote and another person sees it', async () => {
    const remote = await bareRemote();
    const ana = await person('ana', remote);
    expect(await ana.list()).toEqual([]);
    expect(await ana.publish('MyOrg/widgets', 'Widget upgrade', await definitionFolder('from-ana'))).toEqual({
      name: 'MyOrg/widgets', version: '1', origin: 'team',
    });
    // The remote's own default branch got the commit, authored as the publisher.
    expect(git(remote, 'log', '--format=%an <%ae>|%s', 'HEAD').trim()).toBe('ana <ana@example.com>|atx: publish MyOrg/widgets version 1');
    expect(remoteFile(remote, 'registry/MyOrg/widgets/1/transformation_definition.md')).toContain('from-ana');
    expect(remoteIndex(remote, 'MyOrg/widgets').versions).toMatchObject([{ version: '1', status: 'published', description: 'Widget upgrade' }]);

    const ben = await person('ben', remote);
    expect(await ben.list()).toEqual([
      { name: 'MyOrg/widgets', version: '1', description: 'Widget upgrade', origin: 'team', versions: ['1'], status: 'published' },
    ]);
    const resolved = await ben.resolve('MyOrg/widgets');
    expect(resolved).toMatchObject({ origin: 'team', version: '1', status: 'published' });
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
    expect(git(remote, 'log', '--format=%s', 'trunk').trim().split('\n')).toEqual(['atx: publish tool version 1', 'readme']);
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
      expect(remoteFile(remote, `registry/shared/tool/${result.version}/transformation_definition.md`)).toContain(`person-${n + 1}`);
      expect(versions.find((v) => v.version === result.version)?.description).toBe(`by ${n + 1}`);
    }
    expect(git(remote, 'log', '--format=%s', 'HEAD').trim().split('\n')).toHaveLength(3);
  });

  it('keeps drafts local and promotes them into the team registry', async () => {
    const remote = await bareRemote();
    const ana = await person('ana', remote);
    const ben = await person('ben', remote);
    await ben.publish('tool', 'ben v1', await definitionFolder('ben-1'));
    // Ana's draft is numbered above what the team already has.
    expect(await ana.saveDraft('tool', 'ana wip', await definitionFolder('ana-draft'))).toEqual({ name: 'tool', version: '2' });
    expect(remoteIndex(remote, 'tool').versions).toHaveLength(1);
    expect((await ben.list()).map((e) => e.versions)).toEqual([['1']]);
    expect((await ana.resolve('tool')).origin).toBe('team');
    expect(await ana.resolve('tool', '2')).toMatchObject({ origin: 'local', status: 'draft' });
    expect((await ana.list()).map((e) => [e.origin, e.versions])).toEqual([['local', ['2']], ['team', ['1']]]);

    // Ben publishes version 2 before Ana promotes: her draft lands as 3, nothing lost.
    await ben.publish('tool', 'ben v2', await definitionFolder('ben-2'));
    expect(await ana.promote('tool', '2')).toEqual({ name: 'tool', version: '3', origin: 'team' });
    expect(remoteIndex(remote, 'tool').versions.map((v) => [v.version, v.description])).toEqual([
      ['1', 'ben v1'], ['2', 'ben v2'], ['3', 'ana wip'],
    ]);
    expect(remoteFile(remote, 'registry/tool/3/transformation_definition.md')).toContain('ana-draft');
    expect((await ana.list()).map((e) => e.origin)).toEqual(['team']);
    await expect(ana.promote('tool', '3')).rejects.toThrow('tool version 3 is already published');
    await expect(ana.promote('tool', '8')).rejects.toThrow('tool has no version 8');
  });

  it('publishing over a local draft consumes the draft', async () => {
    const remote = await bareRemote();
    const ana = await person('ana', remote);
    await ana.saveDraft('tool', 'wip', await definitionFolder('wip'));
    expect(await ana.publish('tool', 'done', await definitionFolder('done'))).toEqual({ name: 'tool', version: '1', origin: 'team' });
    expect(await ana.list()).toEqual([{ name: 'tool', version: '1', description: 'done', origin: 'team', versions: ['1'], status: 'published' }]);
  });

  it('deletes versions with a pushed commit', async () => {
    const remote = await bareRemote();
    const ana = await person('ana', remote);
    for (const n of [1, 2, 3]) await ana.publish('tool', `v${n}`, await definitionFolder(`v${n}`));
    await ana.publish('other', 'keep me', await definitionFolder());
    const ben = await person('ben', remote);
    expect(await ben.remove('tool', '2')).toEqual({ removed: ['2'], origins: ['team'] });
    expect(git(remote, 'log', '-1', '--format=%an|%s', 'HEAD').trim()).toBe('ben|atx: delete tool version 2');
    expect(remoteIndex(remote, 'tool').versions.map((v) => v.version)).toEqual(['1', '3']);
    expect(() => remoteFile(remote, 'registry/tool/2/transformation_definition.md')).toThrow();
    // Ana's view catches up with Ben's deletion; the number 2 is never handed out again.
    expect((await (await person('ana', remote)).publish('tool', 'v4', await definitionFolder('v4'))).version).toBe('4');
    expect(await ben.remove('tool')).toEqual({ removed: ['1', '3', '4'], origins: ['team'] });
    await expect(ben.remove('tool')).rejects.toThrow('unknown definition "tool"');
    expect((await (await person('cy', remote)).list()).map((e) => e.name)).toEqual(['other']);
  });

  it('reports an unreachable team registry as a git error', async () => {
    const dir = await tempDir();
    const ana = await person('ana', join(dir, 'does-not-exist.git'));
    await expect(ana.list()).rejects.toBeInstanceOf(GitError);
    await expect(ana.publish('tool', 'x', await definitionFolder())).rejects.toBeInstanceOf(GitError);
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

describe('a name both in the local and the team registry', () => {
  it('resolves to the most recently created when no version is given', async () => {
    const remote = await bareRemote();
    const atxHome = await tempDir();
    const open = (teamUrl?: string) => openRegistry({ atxHome, teamUrl, awsDir: join(atxHome, 'none') });
    // Published locally before the team registry was set up.
    await open().publish('tool', 'local 1', await definitionFolder('local-1'));
    await open().publish('tool', 'local 2', await definitionFolder('local-2'));
    const withTeam = open(remote);
    expect(await withTeam.resolve('tool')).toMatchObject({ origin: 'local', version: '2' });
    await withTeam.publish('tool', 'team 1', await definitionFolder('team-1'));
    expect(await withTeam.resolve('tool')).toMatchObject({ origin: 'team', version: '1', description: 'team 1' });
    expect(await withTeam.resolve('tool', '2')).toMatchObject({ origin: 'local', description: 'local 2' });
    expect(await withTeam.resolve('tool', '1')).toMatchObject({ origin: 'team', description: 'team 1' });
    expect((await withTeam.list()).map((e) => [e.origin, e.version])).toEqual([['local', '2'], ['team', '1']]);
    // Deleting the name removes it everywhere it lives.
    expect(await withTeam.remove('tool')).toEqual({ removed: ['1', '2'], origins: ['local', 'team'] });
    expect(await withTeam.list()).toEqual([]);
  });

  it('accepts a team registry path relative to the current folder', async () => {
    const remote = await bareRemote();
    const registry = openRegistry({ atxHome: await tempDir(), teamUrl: relative(process.cwd(), remote), awsDir: '/nonexistent' });
    expect((await registry.publish('tool', 'x', await definitionFolder())).origin).toBe('team');
    expect(remoteIndex(remote, 'tool').versions).toHaveLength(1);
  });
});

describe('a push that loses a race', () => {
  it('starts over from the remote state and lands as the next version', async () => {
    const remote = await bareRemote();
    const ana = await person('ana', remote);
    const ben = await person('ben', remote);
    await ana.publish('tool', 'ana 1', await definitionFolder('ana-1'));
    const benSource = await definitionFolder('ben-wins-the-race');
    const realPush = TeamClone.prototype.push;
    let pushes = 0;
    const spy = vi.spyOn(TeamClone.prototype, 'push').mockImplementation(async function (this: TeamClone) {
      // Ana has committed version 2 locally; Ben publishes before her push reaches the remote.
      if (++pushes === 1) await ben.publish('tool', 'ben', benSource);
      return realPush.call(this);
    });
    try {
      expect(await ana.publish('tool', 'ana 2', await definitionFolder('ana-2'))).toMatchObject({ version: '3' });
    } finally {
      spy.mockRestore();
    }
    // Ana's first push, Ben's, Ana's rejected-then-retried one.
    expect(pushes).toBe(3);
    expect(remoteIndex(remote, 'tool').versions.map((v) => [v.version, v.description])).toEqual([['1', 'ana 1'], ['2', 'ben'], ['3', 'ana 2']]);
    expect(remoteFile(remote, 'registry/tool/2/transformation_definition.md')).toContain('ben-wins-the-race');
    expect(remoteFile(remote, 'registry/tool/3/transformation_definition.md')).toContain('ana-2');
  });

  it('gives up with a git error when the server refuses for another reason', async () => {
    const remote = await bareRemote();
    const hook = join(remote, 'hooks', 'pre-receive');
    await writeFile(hook, '#!/bin/sh\necho "publishing is frozen" >&2\nexit 1\n');
    await chmod(hook, 0o755);
    const ana = await person('ana', remote);
    const error = await ana.publish('tool', 'x', await definitionFolder()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitError);
    expect(String((error as Error).message)).toMatch(/publishing is frozen/);
    expect(git(remote, 'for-each-ref').trim()).toBe('');
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
    expect(await readFile(join(checkout, 'registry/tool/1/transformation_definition.md'), 'utf8')).toContain('# Upgrade widgets');
  });
});
