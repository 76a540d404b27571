// Where a run keeps its state, under ATX_HOME. A run id comes back from the user (--resume,
// --conversation-id) and from records (campaigns, commit trailers): it is data that becomes a
// path, so it is checked as one path segment before it is joined.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { joinInside, safeSegment } from '../util/confine.js';

export { atxHomeFrom } from '../util/home.js';

export function runsDir(atxHome: string): string {
  return join(atxHome, 'runs');
}

/** ATX_HOME/runs/<runId>; a run id that is not one plain name is refused (UnsafePathError, exit 2). */
export function runDir(atxHome: string, runId: string): string {
  return joinInside(runsDir(atxHome), safeSegment(runId, 'run id'), 'run id');
}

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
  const last = definitionName
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
