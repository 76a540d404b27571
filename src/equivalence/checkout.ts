// The base side's checkout: the files of the run's base commit, written into a folder of atx's
// own through a temporary index (git read-tree + checkout-index), so the person's repository gets
// no worktree, branch or index change. The result side's installed dependencies are lent to it.
import { existsSync, lstatSync } from 'node:fs';
import { mkdir, rm, symlink } from 'node:fs/promises';
import { dirname, join, posix } from 'node:path';
import { gitOutput } from '../util/git.js';

/** Writes the tree of `commit` of the repository at `repoDir` into `dest` (made empty first). */
export async function checkoutCommit(repoDir: string, commit: string, dest: string): Promise<void> {
  await rm(dest, { recursive: true, force: true });
  await mkdir(dest, { recursive: true });
  const index = join(dirname(dest), `.${posix.basename(dest)}.index`);
  const env = { ...process.env, GIT_INDEX_FILE: index };
  try {
    await gitOutput(repoDir, ['read-tree', commit], env);
    await gitOutput(repoDir, ['checkout-index', '--all', '--force', `--prefix=${dest}/`], env);
  } finally {
    await rm(index, { force: true });
  }
}

/**
 * Links each `node_modules` folder of the result checkout found at `folders` (relative paths;
 * '' for the root) into the base checkout, where the base has that folder and none of its own:
 * both sides then load the same packages (the AWS SDK itself is answered by atx on both sides).
 */
export async function lendDependencies(
  resultRoot: string,
  baseRoot: string,
  folders: Iterable<string>,
): Promise<string[]> {
  const lent: string[] = [];
  for (const folder of new Set(folders)) {
    const from = join(resultRoot, folder, 'node_modules');
    const to = join(baseRoot, folder, 'node_modules');
    if (!isFolder(from) || !isFolder(join(baseRoot, folder)) || existsSync(to)) continue;
    await symlink(from, to, 'dir');
    lent.push(folder ? `${folder}/node_modules` : 'node_modules');
  }
  return lent;
}

function isFolder(path: string): boolean {
  try {
    return lstatSync(path).isDirectory() || existsSync(join(path, '.'));
  } catch {
    return false;
  }
}

/** A folder and each folder above it, up to the root (''), for `folder/a/b` → ['folder/a/b', 'folder/a', 'folder', '']. */
export function foldersUp(path: string): string[] {
  const out: string[] = [];
  for (let dir = posix.dirname(path); ; dir = posix.dirname(dir)) {
    out.push(dir === '.' ? '' : dir);
    if (dir === '.' || dir === '/' || dir === '') break;
  }
  return out;
}
