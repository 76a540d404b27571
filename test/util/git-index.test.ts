// The tracked-file count read from the index header: exact for a repository, nothing elsewhere.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { trackedFileCount } from '../../src/util/git-index.js';
import { git, makeRepo, tempDir } from '../helpers/cli.js';

describe('trackedFileCount', () => {
  it('counts what git tracks, as git ls-files does', async () => {
    const repo = await makeRepo({ 'a.js': '1', 'src/b.js': '2', 'src/c/d.ts': '3' });
    await writeFile(join(repo, 'untracked.js'), '4');
    expect(trackedFileCount(repo)).toBe((await git(repo, ['ls-files'])).trim().split('\n').length);
    expect(trackedFileCount(repo)).toBe(3);
  });

  it('says nothing for a folder that is not a repository, or one without an index yet', async () => {
    const dir = await tempDir();
    expect(trackedFileCount(dir)).toBeUndefined();
    expect(trackedFileCount(join(dir, 'missing'))).toBeUndefined();
    await mkdir(join(dir, '.git'));
    await writeFile(join(dir, '.git', 'index'), 'not an index');
    expect(trackedFileCount(dir)).toBeUndefined();
  });
});
