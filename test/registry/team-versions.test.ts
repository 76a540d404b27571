// Version life cycle against a git team registry: drafts, promotion, deletion, local-versus-team
// resolution, and pushes that lose a race.
import { chmod, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { GitError } from '../../src/errors.js';
import { openRegistry } from '../../src/registry/index.js';
import { SharedClone } from '../../src/util/shared-clone.js';
import { bareRemote, definitionFolder, git, person, remoteFile, remoteIndex, tempDir } from './helpers.js';

describe('team registry: drafts, promotion and deletion', () => {
  it('keeps drafts local and promotes them into the team registry', async () => {
    const remote = await bareRemote();
    const ana = await person('ana', remote);
    const ben = await person('ben', remote);
    await ben.publish('tool', 'ben v1', await definitionFolder('ben-1'));
    // Ana's draft is numbered above what the team already has.
    expect(await ana.saveDraft('tool', 'ana wip', await definitionFolder('ana-draft'))).toEqual({
      name: 'tool',
      version: '2',
      category: 'remediation',
    });
    expect(remoteIndex(remote, 'tool').versions).toHaveLength(1);
    expect((await ben.list()).map((e) => e.versions)).toEqual([['1']]);
    expect((await ana.resolve('tool')).origin).toBe('team');
    expect(await ana.resolve('tool', '2')).toMatchObject({ origin: 'local', status: 'draft', category: 'remediation' });
    expect((await ana.list()).map((e) => [e.origin, e.versions])).toEqual([
      ['local', ['2']],
      ['team', ['1']],
    ]);

    // Ben publishes version 2 before Ana promotes: her draft lands as 3, nothing lost.
    await ben.publish('tool', 'ben v2', await definitionFolder('ben-2'));
    expect(await ana.promote('tool', '2')).toEqual({
      name: 'tool',
      version: '3',
      origin: 'team',
      category: 'remediation',
    });
    expect(remoteIndex(remote, 'tool').versions.map((v) => [v.version, v.description])).toEqual([
      ['1', 'ben v1'],
      ['2', 'ben v2'],
      ['3', 'ana wip'],
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
    expect(await ana.publish('tool', 'done', await definitionFolder('done'))).toEqual({
      name: 'tool',
      version: '1',
      origin: 'team',
      category: 'remediation',
    });
    expect(await ana.list()).toEqual([
      {
        name: 'tool',
        version: '1',
        description: 'done',
        origin: 'team',
        versions: ['1'],
        status: 'published',
        category: 'remediation',
      },
    ]);
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
    expect((await withTeam.list()).map((e) => [e.origin, e.version])).toEqual([
      ['local', '2'],
      ['team', '1'],
    ]);
    // Deleting the name removes it everywhere it lives.
    expect(await withTeam.remove('tool')).toEqual({ removed: ['1', '2'], origins: ['local', 'team'] });
    expect(await withTeam.list()).toEqual([]);
  });

  it('accepts a team registry path relative to the current folder', async () => {
    const remote = await bareRemote();
    const registry = openRegistry({
      atxHome: await tempDir(),
      teamUrl: relative(process.cwd(), remote),
      awsDir: '/nonexistent',
    });
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
    const realPush = SharedClone.prototype.push;
    let pushes = 0;
    const spy = vi.spyOn(SharedClone.prototype, 'push').mockImplementation(async function (this: SharedClone) {
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
    expect(remoteIndex(remote, 'tool').versions.map((v) => [v.version, v.description])).toEqual([
      ['1', 'ana 1'],
      ['2', 'ben'],
      ['3', 'ana 2'],
    ]);
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
