// The base side's checkout: the files of the run's base commit, written into a folder of atx's
// own through a temporary index (git read-tree + checkout-index), so the person's repository gets
// no worktree, branch or index change.
import { mkdir, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { gitOutput } from '../util/git.js';

/** Writes the tree of `commit` of the repository at `repoDir` into `dest` (made empty first). */
export async function checkoutCommit(repoDir: string, commit: string, dest: string): Promise<void> {
  await rm(dest, { recursive: true, force: true });
  await mkdir(dest, { recursive: true });
  const index = join(dirname(dest), `.${basename(dest)}.index`);
  const env = { ...process.env, GIT_INDEX_FILE: index };
  try {
    await gitOutput(repoDir, ['read-tree', commit], env);
    await gitOutput(repoDir, ['checkout-index', '--all', '--force', `--prefix=${dest}/`], env);
  } finally {
    await rm(index, { force: true });
  }
}
