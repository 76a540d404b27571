// `atx custom def cleanup`: removes the worktrees and branches of runs that can no longer be
// resumed — runs killed before they started, runs whose state is damaged or missing, and
// worktrees a finished run left behind. A run that can be resumed, or that is running, is not
// touched; a branch is deleted only when atx made it for that run and no commit would be lost.
import { lstat, readdir, unlink } from 'node:fs/promises';
import { removeInside, safeSegment } from '../util/confine.js';
import { isResultBranchOf, runDir, runsDir, worktreeDir } from './paths.js';
import {
  branchExists,
  commitsOnlyOn,
  commonDirOf,
  deleteBranch,
  pruneWorktrees,
  removeWorktree,
  unlockWorktree,
  worktreeInfo,
} from './repository.js';
import { acquireRunLock, RunBusyError } from './run-lock.js';
import { loadState, statePath, type RunState } from './state.js';

export interface CleanedRun {
  runId: string;
  /** Why the run cannot be resumed. */
  found: 'never started' | 'damaged state' | 'no state' | 'finished' | 'dry run';
  worktreeRemoved: boolean;
  branchDeleted?: string;
  /** A branch left in place, and why (it holds commits, or atx did not make it). */
  branchKept?: { branch: string; reason: string };
  runFolderRemoved: boolean;
}

export interface CleanupReport {
  cleaned: CleanedRun[];
  /** Runs another process holds; not touched. */
  running: Array<{ runId: string; pid: number }>;
  /** Runs that failed to clean, with the reason. */
  failed: Array<{ runId: string; message: string }>;
}

type Found = { kind: 'state'; state: RunState } | { kind: 'damaged'; reason: string } | { kind: 'none' };

/** Every run under ATX_HOME/runs; with `onlyNeverStarted`, only runs killed before they started (for `--resume`). */
export async function cleanupRuns(
  atxHome: string,
  options: { onlyNeverStarted?: boolean } = {},
): Promise<CleanupReport> {
  const report: CleanupReport = { cleaned: [], running: [], failed: [] };
  for (const runId of await runIds(atxHome)) {
    try {
      const outcome = await cleanupRun(atxHome, runId, Boolean(options.onlyNeverStarted));
      if (outcome) report.cleaned.push(outcome);
    } catch (error) {
      if (error instanceof RunBusyError) report.running.push({ runId, pid: error.holder.pid });
      else report.failed.push({ runId, message: (error as Error).message.split('\n')[0]! });
    }
  }
  return report;
}

async function runIds(atxHome: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(runsDir(atxHome));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  // A folder atx could not have named is not a run (and is not joined into a path).
  return names.filter(isPlainName).sort();
}

function isPlainName(name: string): boolean {
  try {
    safeSegment(name);
    return true;
  } catch {
    return false;
  }
}

/** Cleans one run under its lock (RunBusyError when another process holds it); undefined when there is nothing to do. */
export async function cleanupRun(
  atxHome: string,
  runId: string,
  onlyNeverStarted = false,
): Promise<CleanedRun | undefined> {
  // Look first without the lock: most runs need nothing, and locking them would write.
  if (!wanted(await inspect(atxHome, runId), await exists(worktreeDir(atxHome, runId)), onlyNeverStarted))
    return undefined;
  let lock;
  try {
    lock = await acquireRunLock(runDir(atxHome, runId), runId);
  } catch (error) {
    // The run's own process took its folder away in the meantime (a run that failed to start).
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    return await cleanupHeldRun(atxHome, runId, onlyNeverStarted);
  } finally {
    await lock.release();
  }
}

/** As cleanupRun, for a caller that already holds the run's lock (a `--resume` of a run that never started). */
export async function cleanupHeldRun(
  atxHome: string,
  runId: string,
  onlyNeverStarted = false,
): Promise<CleanedRun | undefined> {
  const found = await inspect(atxHome, runId);
  if (!wanted(found, await exists(worktreeDir(atxHome, runId)), onlyNeverStarted)) return undefined;
  return clean(atxHome, runId, found);
}

/**
 * Takes back what a run made when it ends before its first step (bad input found while planning,
 * an interrupt during plan review, a dry run): the worktree, the new branch, and the state. A dry
 * run keeps its plan and summary; a run that failed to start leaves no folder.
 */
export async function discardUnstarted(
  atxHome: string,
  run: { runId: string; repoRoot: string; worktree: boolean; branch: string | null; keepFolder: boolean },
): Promise<void> {
  const dir = runDir(atxHome, run.runId);
  if (run.worktree) await removeWorktree(run.repoRoot, worktreeDir(atxHome, run.runId)).catch(() => undefined);
  if (run.branch) await deleteBranch(run.repoRoot, run.branch).catch(() => undefined);
  if (run.keepFolder) {
    await removeInside(dir, 'state.json', 'run state');
    if (await exists(worktreeDir(atxHome, run.runId))) await removeInside(dir, 'worktree', 'run worktree');
  } else {
    await removeInside(runsDir(atxHome), run.runId, 'run id');
  }
  if (run.worktree) {
    await unlockWorktree(run.repoRoot, worktreeDir(atxHome, run.runId));
    await pruneWorktrees(run.repoRoot).catch(() => undefined);
  }
}

function wanted(found: Found, hasWorktree: boolean, onlyNeverStarted: boolean): boolean {
  if (found.kind === 'state' && found.state.status === 'starting') return true;
  if (onlyNeverStarted) return false;
  if (found.kind !== 'state') return hasWorktree;
  // Interrupted (or killed while running) with a branch: resumable, so left alone.
  return hasWorktree && (found.state.status === 'completed' || found.state.branch === null);
}

async function inspect(atxHome: string, runId: string): Promise<Found> {
  if (!(await exists(statePath(atxHome, runId)))) return { kind: 'none' };
  try {
    return { kind: 'state', state: await loadState(atxHome, runId) };
  } catch (error) {
    return { kind: 'damaged', reason: (error as Error).message };
  }
}

async function clean(atxHome: string, runId: string, found: Found): Promise<CleanedRun> {
  const state = found.kind === 'state' ? found.state : undefined;
  const foundAs: CleanedRun['found'] = !state
    ? found.kind === 'damaged'
      ? 'damaged state'
      : 'no state'
    : state.status === 'starting'
      ? 'never started'
      : state.branch === null
        ? 'dry run'
        : 'finished';
  // Which repository and branch: from the worktree itself when it is one (a link is never
  // followed: it is not atx's folder); else from a sane state.
  const link = await isLink(worktreeDir(atxHome, runId));
  const info = link ? undefined : await worktreeInfo(worktreeDir(atxHome, runId));
  const gitDir = info?.commonDir ?? (state ? await commonDirOf(state.repoRoot) : undefined);
  const branch = state ? state.branch : (info?.branch ?? null);

  const worktreeRemoved = await exists(worktreeDir(atxHome, runId));
  if (link) await unlink(worktreeDir(atxHome, runId));
  else if (worktreeRemoved) await removeInside(runDir(atxHome, runId), 'worktree', 'run worktree');
  if (gitDir) {
    await unlockWorktree(gitDir, worktreeDir(atxHome, runId));
    await pruneWorktrees(gitDir).catch(() => undefined);
  }

  const outcome: CleanedRun = { runId, found: foundAs, worktreeRemoved, runFolderRemoved: false };
  // A finished run's branch is its result; only a run that never started, or whose state is lost, gives its branch up.
  const mayDeleteBranch = foundAs === 'never started' || foundAs === 'damaged state' || foundAs === 'no state';
  if (branch && gitDir && mayDeleteBranch) Object.assign(outcome, await deleteRunBranch(gitDir, branch, runId));
  if (foundAs === 'never started') {
    await removeInside(runsDir(atxHome), runId, 'run id');
    outcome.runFolderRemoved = true;
  }
  return outcome;
}

/** Deletes the run's branch only when atx made it for this run and every commit on it is held elsewhere. */
async function deleteRunBranch(
  gitDir: string,
  branch: string,
  runId: string,
): Promise<Pick<CleanedRun, 'branchDeleted' | 'branchKept'>> {
  if (!isResultBranchOf(branch, runId))
    return { branchKept: { branch, reason: `atx did not make it for run ${runId}` } };
  if (!(await branchExists(gitDir, branch))) return {};
  const only = await commitsOnlyOn(gitDir, branch);
  if (only > 0)
    return { branchKept: { branch, reason: `it holds ${only} commit${only === 1 ? '' : 's'} no other branch has` } };
  try {
    await deleteBranch(gitDir, branch);
    return { branchDeleted: branch };
  } catch (error) {
    return { branchKept: { branch, reason: (error as Error).message.split('\n').pop()!.trim() } };
  }
}

async function isLink(path: string): Promise<boolean> {
  return lstat(path).then(
    (s) => s.isSymbolicLink(),
    () => false,
  );
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}

/** What `cleanup` says about one run, in a line. */
export function describeCleaned(run: CleanedRun): string {
  const parts = [`run ${run.runId} (${run.found}):`];
  if (run.worktreeRemoved) parts.push('worktree removed;');
  if (run.branchDeleted) parts.push(`branch ${run.branchDeleted} deleted;`);
  if (run.branchKept) parts.push(`branch ${run.branchKept.branch} kept (${run.branchKept.reason});`);
  if (run.runFolderRemoved) parts.push('run folder removed;');
  return parts.join(' ').replace(/;$/, '');
}
