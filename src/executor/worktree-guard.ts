// The worktree's `.git` is a small file ("gitdir: <repo>/.git/worktrees/<name>") that tells git
// which repository — and so which config and hooks — the folder belongs to. Steps run in the
// worktree (agents, commands) must not have changed it: pointed elsewhere, git would take its
// settings (core.fsmonitor, hooks, filters) from a repository the step wrote, on atx's next git
// call. The executor checks it after every agent and command step and before every commit.
import { lstat, readdir, readFile, realpath, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { GitError } from '../errors.js';
import { writeFileSafe } from '../util/fs.js';
import { gitAt, gitStep } from '../util/git.js';

/** The worktree's `.git` was changed or replaced by something that ran in it. */
export class WorktreeLinkError extends GitError {
  constructor(worktree: string, what: string) {
    super(
      `the worktree's .git link ${join(worktree, '.git')} was changed: ${what}; git must not run there until it is restored`,
    );
    this.name = 'WorktreeLinkError';
  }
}

/**
 * The gitdir the worktree's `.git` file names, absolute (git resolves a relative one against the
 * worktree). Throws WorktreeLinkError when `.git` is missing, a folder, a symbolic link or not a
 * `gitdir:` file. Reads only the file: no git runs here.
 */
export async function readWorktreeLink(worktree: string): Promise<string> {
  const file = join(worktree, '.git');
  let info;
  try {
    info = await lstat(file);
  } catch {
    throw new WorktreeLinkError(worktree, 'it is missing');
  }
  if (info.isSymbolicLink()) throw new WorktreeLinkError(worktree, 'it is a symbolic link');
  if (!info.isFile()) throw new WorktreeLinkError(worktree, 'it is not a file');
  // git writes one line; anything longer is not git's.
  if (info.size > 4096) throw new WorktreeLinkError(worktree, 'it is not a gitdir file');
  const match = /^gitdir: (.+?)\r?\n?$/.exec(await readFile(file, 'utf8'));
  if (!match) throw new WorktreeLinkError(worktree, 'it is not a gitdir file');
  return resolve(worktree, match[1]!);
}

/**
 * Throws WorktreeLinkError unless the worktree's `.git` is a plain file naming `expected` (the
 * gitdir git created, `<repo>/.git/worktrees/<name>`; see worktreeGitdir).
 */
export async function assertWorktreeLink(worktree: string, expected: string): Promise<void> {
  const named = await readWorktreeLink(worktree);
  if (named === resolve(expected) || named === (await realpathOr(expected))) return;
  throw new WorktreeLinkError(worktree, `it names ${named} instead of ${expected}`);
}

/** Writes the `.git` file back as git made it, replacing whatever is there (a link is removed, not followed). */
export async function restoreWorktreeLink(worktree: string, gitdir: string): Promise<void> {
  const file = join(worktree, '.git');
  // rm removes a symbolic link itself and a folder recursively without following links in it.
  await rm(file, { recursive: true, force: true });
  await writeFileSafe(file, `gitdir: ${resolve(gitdir)}\n`);
}

/**
 * Checks the link and, when something changed it, puts it back: returns why it was changed (for
 * the step's failure), or undefined when it was as git made it. No git runs here, so it is safe
 * to call first thing after a step, before `git status` or a reset.
 */
export async function repairWorktreeLink(worktree: string, gitdir: string): Promise<string | undefined> {
  return (await restoreIfChanged(worktree, gitdir))?.message;
}

async function restoreIfChanged(worktree: string, gitdir: string): Promise<WorktreeLinkError | undefined> {
  try {
    await assertWorktreeLink(worktree, gitdir);
    return undefined;
  } catch (error) {
    if (!(error instanceof WorktreeLinkError)) throw error;
    await restoreWorktreeLink(worktree, gitdir);
    return error;
  }
}

/**
 * Runs `step` (an agent, a command, an install or build: anything that runs in the worktree),
 * then checks the link before anything else touches git. When the step changed it, the link is
 * put back and WorktreeLinkError is thrown instead of the step's result, so the step fails.
 */
export async function withWorktreeLink<T>(worktree: string, gitdir: string, step: () => Promise<T>): Promise<T> {
  let ended: { value: T } | { error: unknown };
  try {
    ended = { value: await step() };
  } catch (error) {
    ended = { error };
  }
  // Also after a step that threw: the caller's clean-up (a reset) runs git next.
  const changed = await restoreIfChanged(worktree, gitdir);
  if (changed) throw changed;
  if ('error' in ended) throw ended.error;
  return ended.value;
}

/**
 * The gitdir git keeps for `worktree` in the repository at `repoRoot`: the entry under
 * `<common dir>/worktrees/` whose `gitdir` file names `<worktree>/.git`. Found from the
 * repository's side, so nothing in the worktree is trusted; call it with the user's repository
 * (right after `git worktree add`, or on resume). Throws GitError when there is none.
 */
export async function worktreeGitdir(repoRoot: string, worktree: string): Promise<string> {
  const out = await gitStep('rev-parse --git-common-dir', () => gitAt(repoRoot).raw(['rev-parse', '--git-common-dir']));
  const base = join(resolve(repoRoot, out.trim()), 'worktrees');
  const wanted = join(await realpathOr(worktree), '.git');
  for (const name of await readdir(base).catch(() => [] as string[])) {
    const entry = join(base, name);
    const text = (await readFile(join(entry, 'gitdir'), 'utf8').catch(() => '')).trim();
    if (!text) continue;
    // Relative when git writes relative paths (worktree.useRelativePaths): from the entry itself.
    const named = resolve(entry, text);
    // The folder is resolved, not the `.git` in it: that is the file a step may have replaced.
    if (join(await realpathOr(dirname(named)), basename(named)) === wanted) return realpathOr(entry);
  }
  throw new GitError(`git: the repository at ${repoRoot} keeps no gitdir for the worktree ${worktree}`);
}

async function realpathOr(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    return resolve(path);
  }
}
