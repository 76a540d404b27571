// Where atx keeps its state: ATX_HOME (default ~/.atx).
import { randomBytes } from 'node:crypto';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export function atxHomeFrom(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.ATX_HOME || join(homedir(), '.atx'));
}

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
