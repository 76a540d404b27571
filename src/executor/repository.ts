// The user's repository: where it is, what it is at, and the worktree atx works in.
import { realpath, stat } from 'node:fs/promises';
import { relative, resolve, sep } from 'node:path';
import { UsageError } from '../errors.js';
import { gitAt, gitStep, statusEntries } from '../util/git.js';

export interface RepositoryLocation {
  /** The folder named by -p, absolute. */
  path: string;
  /** The root of the git repository holding it. */
  root: string;
  /** `path` relative to `root`, POSIX, '' when they are the same. */
  scope: string;
  head: string;
}

export async function locateRepository(pathArgument: string, cwd: string): Promise<RepositoryLocation> {
  const requested = resolve(cwd, pathArgument);
  let path: string;
  try {
    path = await realpath(requested);
    if (!(await stat(path)).isDirectory()) throw new Error('not a folder');
  } catch {
    throw new UsageError(`code repository path not found or not a folder: ${requested}`);
  }
  let root: string;
  try {
    root = (await gitAt(path).raw(['rev-parse', '--show-toplevel'])).trim();
  } catch {
    throw new UsageError(`${path} is not a git repository; run \`git init\` and commit your code first`);
  }
  let head: string;
  try {
    head = (await gitAt(root).raw(['rev-parse', '--verify', 'HEAD^{commit}'])).trim();
  } catch {
    throw new UsageError(`the git repository at ${root} has no commit yet; commit your code first`);
  }
  root = await realpath(root);
  const scope = relative(root, path).split(sep).join('/');
  return { path, root, scope, head };
}

/** Uncommitted changes in the user's tree under the scope; they are not part of the run. */
export async function uncommittedFiles(location: RepositoryLocation): Promise<string[]> {
  return (await statusEntries(location.root, location.scope)).map((entry) => entry.path);
}

export async function addWorktree(root: string, dir: string, base: string, branch: string | null): Promise<void> {
  const args = branch ? ['worktree', 'add', '--quiet', '-b', branch, dir, base] : ['worktree', 'add', '--quiet', '--detach', dir, base];
  await gitStep(`worktree add ${dir}`, () => gitAt(root).raw(args));
}

/** Re-creates a worktree for an existing branch (the folder was removed since). */
export async function restoreWorktree(root: string, dir: string, branch: string): Promise<void> {
  await gitStep('worktree prune', () => gitAt(root).raw(['worktree', 'prune']));
  await gitStep(`worktree add ${dir}`, () => gitAt(root).raw(['worktree', 'add', '--quiet', dir, branch]));
}

export async function removeWorktree(root: string, dir: string): Promise<void> {
  await gitStep(`worktree remove ${dir}`, () => gitAt(root).raw(['worktree', 'remove', '--force', dir]));
}

export async function deleteBranch(root: string, branch: string): Promise<void> {
  await gitStep(`branch -D ${branch}`, () => gitAt(root).raw(['branch', '-D', branch]));
}

export async function headOf(dir: string): Promise<string> {
  return (await gitStep('rev-parse HEAD', () => gitAt(dir).raw(['rev-parse', 'HEAD']))).trim();
}
