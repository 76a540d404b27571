// `validator: no-match` — a pattern the transformation removes (e.g. `nodejs18.x`, callback
// handlers) no longer occurs in tracked files; counted before (base commit) and after.
import { countMatches, GrepFailure, listMatches, regexMode, regexProblem, toPathspecs, type SearchOptions } from './grep.js';
import { failed } from './shell.js';
import type { CriterionResult, Validator } from './types.js';

function fileCount(files: Record<string, number>): number {
  return Object.keys(files).length;
}

export const noMatch: Validator = async (spec, ctx) => {
  const pattern = spec.pattern;
  if (!pattern) return failed('The criterion says `validator: no-match` but gives no `pattern`', {}, 'search');
  const problem = regexProblem(pattern);
  if (problem) {
    return failed(`Invalid regular expression in no-match pattern ${JSON.stringify(pattern)}: ${problem}`, { pattern }, 'search');
  }
  const search: SearchOptions = {
    pattern,
    mode: regexMode(pattern),
    ignoreCase: spec.options?.ignoreCase === true,
    pathspecs: toPathspecs(spec.paths),
  };
  const details = { pattern, regexMode: search.mode, paths: spec.paths ?? [], scope: ctx.scope || '.', baseCommit: ctx.baseCommit };
  try {
    const before = await countMatches(ctx, { ...search, rev: ctx.baseCommit });
    const after = await countMatches(ctx, search);
    const matches = after.lines > 0 ? await listMatches(ctx, search, 20) : [];
    const result: CriterionResult = {
      status: after.lines === 0 ? 'passed' : 'failed',
      evidence: [
        {
          kind: 'search',
          summary:
            `/${shortPattern(pattern)}/: ${before.lines} matching line(s) in ${fileCount(before.files)} file(s) before, ` +
            `${after.lines} in ${fileCount(after.files)} file(s) after`,
          details: { ...details, before, after, matches },
        },
      ],
    };
    return result;
  } catch (error) {
    if (!(error instanceof GrepFailure)) throw error;
    return failed(`git grep could not search for ${JSON.stringify(pattern)}: ${error.message}`, {
      ...details,
      command: error.run.command,
      exitCode: error.run.exitCode,
    }, 'search');
  }
};

/** A long pattern is cut in the one-line summary; the details hold it whole. */
function shortPattern(pattern: string): string {
  return pattern.length > 100 ? `${pattern.slice(0, 80)}…` : pattern;
}
