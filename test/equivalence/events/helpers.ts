import type { RepoView } from '../../../src/codemods/types.js';
import { lambdaFunctions, type LambdaFunction } from '../../../src/lambda/functions.js';
import { eventsFor, type EventCase } from '../../../src/equivalence/events/index.js';

/** An in-memory repository that records every path read, and refuses any it does not hold. */
export function trackedRepo(files: Record<string, string>): RepoView & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    files: Object.keys(files).sort(),
    read(path: string) {
      reads.push(path);
      if (!Object.prototype.hasOwnProperty.call(files, path)) throw new Error(`no such file: ${path}`);
      return files[path];
    },
  };
}

/** Every function of the repository with its events, by function name. */
export function allEvents(files: Record<string, string>): Map<string, { fn: LambdaFunction; cases: EventCase[] }> {
  const repo = trackedRepo(files);
  const out = new Map<string, { fn: LambdaFunction; cases: EventCase[] }>();
  for (const fn of lambdaFunctions(repo)) out.set(fn.name, { fn, cases: eventsFor(repo, fn) });
  return out;
}

export function casesOf(files: Record<string, string>, name: string): EventCase[] {
  const found = allEvents(files).get(name);
  if (!found) throw new Error(`no function ${name}`);
  return found.cases;
}
