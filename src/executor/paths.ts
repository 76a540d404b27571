// Where a run keeps its state, under ATX_HOME: its worktree, its id and its result branch.
// The run folder itself (runDir, which checks the id as one path segment) is in util/home.ts,
// where the knowledge base reads a run's plan from too.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { runDir } from '../util/home.js';

export { atxHomeFrom, runDir, runsDir } from '../util/home.js';

/** The only place a run's worktree may be: a state naming another folder is damaged. */
export function worktreeDir(atxHome: string, runId: string): string {
  return join(runDir(atxHome, runId), 'worktree');
}

/** Sortable by time, unique across concurrent runs: 20261127-223045-3f9a1c. */
export function newRunId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${randomBytes(3).toString('hex')}`;
}

/** A branch name git accepts, naming the definition and the run. */
export function resultBranchName(definitionName: string, runId: string): string {
  // git refuses `..`, a leading dot and a trailing dot in a ref's component.
  const last =
    definitionName
      .split('/')
      .pop()!
      .replace(/[^A-Za-z0-9._-]/g, '-')
      .replace(/\.{2,}/g, '.')
      .replace(/^\.+|\.+$/g, '') || 'definition';
  return `atx/${last}-${runId}`;
}

/** Whether `branch` is one atx made for run `runId` (the shape resultBranchName gives): the only branches atx deletes. */
export function isResultBranchOf(branch: string | null | undefined, runId: string): branch is string {
  if (!branch || !branch.startsWith('atx/') || !branch.endsWith(`-${runId}`)) return false;
  const last = branch.slice('atx/'.length, -(runId.length + 1));
  return /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/.test(last) && !last.includes('..') && !last.endsWith('.');
}
