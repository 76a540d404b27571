// statusEntries lists what differs from the last commit, and nothing else: the branch record
// `--branch` adds (on a branch, detached, or before the first commit) is never taken for a path.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { statusEntries } from '../../src/util/git.js';
import { git, makeRepo, tempDir } from '../helpers/cli.js';

describe('statusEntries', () => {
  it('is empty for a clean tree, on a branch or detached', async () => {
    const repo = await makeRepo({ 'a.txt': 'a\n' });
    expect(await statusEntries(repo, '')).toEqual([]);
    await git(repo, ['checkout', '-q', '--detach']);
    expect(await statusEntries(repo, '')).toEqual([]);
  });

  it('names changed, new and scoped files, paths relative to the scope', async () => {
    const repo = await makeRepo({ 'a.txt': 'a\n', 'pkg/b.txt': 'b\n' });
    await writeFile(join(repo, 'a.txt'), 'changed\n');
    await writeFile(join(repo, 'pkg/c.txt'), 'new\n');
    expect(await statusEntries(repo, '')).toEqual([
      { code: ' M', full: 'a.txt', path: 'a.txt' },
      { code: '??', full: 'pkg/c.txt', path: 'pkg/c.txt' },
    ]);
    expect(await statusEntries(repo, 'pkg')).toEqual([{ code: '??', full: 'pkg/c.txt', path: 'c.txt' }]);
  });

  it('lists the files of a repository without commits', async () => {
    const repo = await tempDir('atx-status-');
    await git(repo, ['init', '-q', '-b', 'main']);
    await writeFile(join(repo, 'x.txt'), 'x\n');
    expect(await statusEntries(repo, '')).toEqual([{ code: '??', full: 'x.txt', path: 'x.txt' }]);
  });
});
