// The user's repository: where it is, what it is at, and the worktree atx works in.
import { lstat, realpath, rm, stat } from 'node:fs/promises';
import { relative, resolve, sep } from 'node:path';
import { UsageError } from '../errors.js';
import { repairWorktreeLink, worktreeGitdir } from './worktree-guard.js';
import { gitAt, gitOfDir, gitOutput, gitStep, statusEntries } from '../util/git.js';

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
  let head: string;
  try {
    // Both in one git process; when that fails, each is asked alone to say which one it was.
    const out = (await gitOutput(path, ['rev-parse', '--show-toplevel', '--verify', 'HEAD^{commit}'])).trimEnd();
    const end = out.lastIndexOf('\n');
    [root, head] = [out.slice(0, end).trim(), out.slice(end + 1)];
  } catch {
    try {
      root = (await gitOutput(path, ['rev-parse', '--show-toplevel'])).trim();
    } catch {
      throw new UsageError(`${path} is not a git repository; run \`git init\` and commit your code first`);
    }
    try {
      head = (await gitOutput(root, ['rev-parse', '--verify', 'HEAD^{commit}'])).trim();
    } catch {
      throw new UsageError(`the git repository at ${root} has no commit yet; commit your code first`);
    }
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
  const args = branch
    ? ['worktree', 'add', '--quiet', '-b', branch, dir, base]
    : ['worktree', 'add', '--quiet', '--detach', dir, base];
  try {
    await gitStep(`worktree add ${dir}`, () => gitAt(root).raw(args));
  } catch (error) {
    // A local branch named `atx` makes every atx/<definition>-<run> name impossible (git keeps
    // refs as files): the person's input to fix, not a failure of atx. Asked only when it failed.
    if (branch?.startsWith('atx/') && (await branchExists(root, 'atx'))) {
      throw new UsageError(
        `the repository at ${root} has a local branch named "atx", so git cannot create result branches named atx/<definition>-<run>; rename it (git branch -m atx atx-old) and run again`,
      );
    }
    throw error;
  }
}

/** Re-creates a worktree for an existing branch (the folder was removed since). */
export async function restoreWorktree(root: string, dir: string, branch: string): Promise<void> {
  await gitStep('worktree prune', () => gitAt(root).raw(['worktree', 'prune']));
  await gitStep(`worktree add ${dir}`, () => gitAt(root).raw(['worktree', 'add', '--quiet', dir, branch]));
}

/** `root`: the repository's working tree or its git folder. */
export async function removeWorktree(root: string, dir: string): Promise<void> {
  await gitStep(`worktree remove ${dir}`, () => gitOfDir(root).raw(['worktree', 'remove', '--force', dir]));
}

/** `root`: the repository's working tree or its git folder. */
export async function deleteBranch(root: string, branch: string): Promise<void> {
  await gitStep(`branch -D ${branch}`, () => gitOfDir(root).raw(['branch', '-D', branch]));
}

export async function headOf(dir: string): Promise<string> {
  return (await gitStep('rev-parse HEAD', () => gitAt(dir).raw(['rev-parse', 'HEAD']))).trim();
}

/** Whether `root` is the top folder of a git working tree (not merely a folder inside one). */
export async function isWorkingTreeTop(root: string): Promise<boolean> {
  try {
    const top = (await gitAt(root).raw(['rev-parse', '--show-toplevel'])).trim();
    return (await realpath(top)) === (await realpath(root));
  } catch {
    return false;
  }
}

export interface WorktreeInfo {
  /** The repository's git folder the worktree belongs to (`<repo>/.git`). */
  commonDir: string;
  /** The branch checked out there, without refs/heads/; null when detached. */
  branch: string | null;
}

/**
 * What a folder atx made as a worktree belongs to, read from the folder itself; undefined when it
 * is not the top of a worktree (git would otherwise answer for a repository above it).
 */
export async function worktreeInfo(dir: string): Promise<WorktreeInfo | undefined> {
  if (!(await isWorkingTreeTop(dir))) return undefined;
  try {
    const commonDir = resolve(dir, (await gitAt(dir).raw(['rev-parse', '--git-common-dir'])).trim());
    const head = await gitAt(dir)
      .raw(['symbolic-ref', '-q', 'HEAD'])
      .then(
        (ref) => ref.trim(),
        () => '',
      );
    return { commonDir, branch: head.startsWith('refs/heads/') ? head.slice('refs/heads/'.length) : null };
  } catch {
    return undefined;
  }
}

/** The repository's git folder, for a working tree's top; undefined when it is not one. */
export async function commonDirOf(root: string): Promise<string | undefined> {
  if (!(await isWorkingTreeTop(root))) return undefined;
  return resolve(root, (await gitAt(root).raw(['rev-parse', '--git-common-dir'])).trim());
}

/**
 * Lifts git's own lock on a worktree: `worktree add` locks it ("initializing") until checkout is
 * done, so a kill in the middle leaves a lock that stops `prune` forgetting it. Fails quietly.
 */
export async function unlockWorktree(gitDir: string, dir: string): Promise<void> {
  await gitOfDir(gitDir)
    .raw(['worktree', 'unlock', dir])
    .catch(() => undefined);
}

/** Forgets worktrees whose folders are gone (git runs inside the repository's git folder). */
export async function pruneWorktrees(gitDir: string): Promise<void> {
  await gitStep('worktree prune', () => gitOfDir(gitDir).raw(['worktree', 'prune']));
}

/** Whether a local branch of that exact name exists (judged by what git prints: a miss exits 1 silently). */
export async function branchExists(gitDir: string, branch: string): Promise<boolean> {
  const listed = await gitStep('for-each-ref', () =>
    gitOfDir(gitDir).raw(['for-each-ref', '--format=%(refname)', `refs/heads/${branch}`]),
  );
  return listed.split('\n').some((line) => line.trim() === `refs/heads/${branch}`);
}

/** Commits on `branch` that no other branch, tag or remote-tracking branch holds: what deleting it would lose. */
export async function commitsOnlyOn(gitDir: string, branch: string): Promise<number> {
  const count = await gitStep(`rev-list ${branch}`, () =>
    gitOfDir(gitDir).raw([
      'rev-list',
      '--count',
      `refs/heads/${branch}`,
      '--not',
      `--exclude=${branch}`,
      '--branches',
      '--tags',
      '--remotes',
    ]),
  );
  return Number(count.trim());
}

/**
 * Before a resumed run resets its worktree: the folder must be a worktree of the run's own
 * repository on the run's branch (or absent, then it is made again). A folder there that is not
 * a worktree at all is what a kill during `git worktree add` leaves; it is atx's, and goes.
 */
export async function prepareWorktree(state: {
  runId: string;
  repoRoot: string;
  worktree: string;
  branch: string;
}): Promise<void> {
  const repoGitDir = await commonDirOf(state.repoRoot);
  if (!repoGitDir)
    throw new UsageError(
      `run ${state.runId} belongs to the repository ${state.repoRoot}, which is gone or is not a git repository any more`,
    );
  const entry = await lstat(state.worktree).catch(() => undefined);
  if (entry?.isSymbolicLink())
    throw new UsageError(
      `the worktree of run ${state.runId} (${state.worktree}) is a symbolic link; atx will not reset what it points to`,
    );
  // A run killed during a step may have left the worktree's .git link changed: put it back, from
  // what the repository knows, before git runs in the worktree at all.
  const gitdir = entry ? await worktreeGitdir(state.repoRoot, state.worktree).catch(() => undefined) : undefined;
  if (gitdir) await repairWorktreeLink(state.worktree, gitdir);
  const info = entry ? await worktreeInfo(state.worktree) : undefined;
  if (entry && !info) await rm(state.worktree, { recursive: true, force: true });
  if (info) {
    if (info.commonDir !== repoGitDir)
      throw new UsageError(
        `the worktree of run ${state.runId} belongs to another repository than ${state.repoRoot}; atx will not reset it`,
      );
    if (info.branch !== state.branch)
      throw new UsageError(
        `the worktree of run ${state.runId} is not on the run's branch ${state.branch} (someone changed it); atx will not reset it`,
      );
    return;
  }
  if (!(await branchExists(repoGitDir, state.branch)))
    throw new UsageError(
      `the branch ${state.branch} of run ${state.runId} is gone from ${state.repoRoot}; the run cannot be resumed`,
    );
  await restoreWorktree(state.repoRoot, state.worktree, state.branch);
}
