// Where a run keeps its state, under ATX_HOME.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

export { atxHomeFrom } from '../util/home.js';

export function runsDir(atxHome: string): string {
  return join(atxHome, 'runs');
}

export function runDir(atxHome: string, runId: string): string {
  return join(runsDir(atxHome), runId);
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
