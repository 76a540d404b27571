// `validator: no-match` — a pattern the transformation removes (e.g. `nodejs18.x`, callback
// handlers) no longer occurs in tracked files; counted before (base commit) and after. A match
// inside a comment does not count (`countComments: true` counts it); with
// `excludeOtherProviders: true`, neither does one in a service of another provider.
import { GrepFailure, pathspecsFor, regexMode, regexProblem, type SearchOptions } from './grep.js';
import {
  countsOf,
  filteredSearch,
  formatMatch,
  type ExcludedFolder,
  type FilteredSearch,
  type SearchFilter,
} from './search.js';
import { failed, scopeDir } from './shell.js';
import type { CriterionResult, Validator, ValidatorContext } from './types.js';

function fileCount(files: Record<string, number>): number {
  return Object.keys(files).length;
}

export const noMatch: Validator = async (spec, ctx) => {
  const pattern = spec.pattern;
  if (!pattern) return failed('The criterion says `validator: no-match` but gives no `pattern`', {}, 'search');
  const problem = regexProblem(pattern);
  if (problem) {
    return failed(
      `Invalid regular expression in no-match pattern ${JSON.stringify(pattern)}: ${problem}`,
      { pattern },
      'search',
    );
  }
  const search: Omit<SearchOptions, 'pathspecs'> = {
    pattern,
    mode: regexMode(pattern),
    ignoreCase: spec.options?.ignoreCase === true,
  };
  const details = {
    pattern,
    regexMode: search.mode,
    paths: spec.paths ?? [],
    scope: ctx.scope || '.',
    baseCommit: ctx.baseCommit,
  };
  const providers = spec.options?.excludeOtherProviders === true ? await otherProviders(ctx) : undefined;
  const filter: SearchFilter = {
    skipComments: spec.options?.countComments !== true,
    otherProviders: providers?.excluded ?? [],
    otherCode: providers?.otherCode,
  };
  try {
    // The globs select files at each commit: a file the transformation added or renamed counts after.
    const before = await filteredSearch(
      ctx,
      { ...search, rev: ctx.baseCommit, pathspecs: await pathspecsFor(ctx, spec.paths, ctx.baseCommit) },
      filter,
    );
    const after = await filteredSearch(ctx, { ...search, pathspecs: await pathspecsFor(ctx, spec.paths) }, filter);
    const [counts, countsBefore] = [countsOf(after.counted), countsOf(before.counted)];
    const result: CriterionResult = {
      status: counts.lines === 0 ? 'passed' : 'failed',
      evidence: [
        {
          kind: 'search',
          summary:
            `/${shortPattern(pattern)}/: ${countsBefore.lines} matching line(s) in ${fileCount(countsBefore.files)} file(s) before, ` +
            `${counts.lines} in ${fileCount(counts.files)} file(s) after${notCountedSummary(before, after, providers?.excluded ?? [])}`,
          details: {
            ...details,
            before: countsBefore,
            after: counts,
            matches: after.counted.slice(0, 20).map(formatMatch),
            notCounted: notCountedDetails(before, after, filter, providers),
          },
        },
      ],
    };
    return result;
  } catch (error) {
    if (!(error instanceof GrepFailure)) throw error;
    return failed(
      `git grep could not search for ${JSON.stringify(pattern)}: ${error.message}`,
      {
        ...details,
        command: error.run.command,
        exitCode: error.run.exitCode,
      },
      'search',
    );
  }
};

interface Providers {
  excluded: ExcludedFolder[];
  /** Services whose provider is written as a variable: still searched. */
  unknown: Array<{ folder: string; reason: string }>;
  otherCode: (text: string) => string | undefined;
  /** Why no folder could be excluded, when looking failed. */
  problem?: string;
}

/**
 * Services of other providers in the transformed tree (atx never edits the files that name a
 * provider, so the same folders hold them at the base commit). Loaded only when asked for.
 */
async function otherProviders(ctx: ValidatorContext): Promise<Providers> {
  const { otherModuleOf, otherProviders: find } = await import('../codemods/providers.js');
  const otherCode = (text: string) => otherModuleOf(text)?.reason;
  try {
    const [{ listTrackedFiles }, { DiskRepoView }] = await Promise.all([
      import('../planner/analyse.js'),
      import('../planner/repo-view.js'),
    ]);
    const view = new DiskRepoView(scopeDir(ctx), await listTrackedFiles(ctx.worktree, ctx.scope));
    const inRepo = (path: string) => [ctx.scope, path].filter(Boolean).join('/');
    const services = find(view).services;
    return {
      excluded: services.flatMap((s) =>
        s.provider
          ? [{ folder: inRepo(s.folder), provider: s.provider, reason: `${inRepo(s.file)}: ${s.reason}` }]
          : [],
      ),
      unknown: services
        .filter((s) => !s.provider)
        .map((s) => ({ folder: inRepo(s.folder), reason: `${inRepo(s.file)}:${s.line}: ${s.reason}` })),
      otherCode,
    };
  } catch (error) {
    // Excluding nothing is the safe side: every match still counts.
    return { excluded: [], unknown: [], otherCode, problem: error instanceof Error ? error.message : String(error) };
  }
}

function notCountedSummary(before: FilteredSearch, after: FilteredSearch, excluded: readonly ExcludedFolder[]): string {
  const parts: string[] = [];
  if (before.inComments.length + after.inComments.length > 0)
    parts.push(`${before.inComments.length}/${after.inComments.length} in comments`);
  const others = before.inOtherProviders.length + after.inOtherProviders.length;
  if (others > 0) {
    // The service each match lies in (code that loads another platform's module may lie anywhere).
    const serviceOf = (path: string) => excluded.find(({ folder }) => folder === '' || path.startsWith(`${folder}/`));
    const named = (path: string) => {
      const service = serviceOf(path);
      return service ? `${service.folder || '.'}/ (${service.provider})` : path;
    };
    const folders = [...new Set([...after.inOtherProviders, ...before.inOtherProviders].map((row) => named(row.path)))];
    const list = folders.slice(0, 3).join(', ') + (folders.length > 3 ? `, … (${folders.length} in all)` : '');
    parts.push(
      `${before.inOtherProviders.length}/${after.inOtherProviders.length} in services of other providers: ${list}`,
    );
  }
  return parts.length > 0 ? `; not counted (before/after): ${parts.join(', ')}` : '';
}

function notCountedDetails(
  before: FilteredSearch,
  after: FilteredSearch,
  filter: SearchFilter,
  providers: Providers | undefined,
): Record<string, unknown> {
  return {
    comments: filter.skipComments
      ? {
          before: before.inComments.length,
          after: after.inComments.length,
          matches: after.inComments.slice(0, 20).map(formatMatch),
        }
      : 'counted (countComments)',
    otherProviders: providers
      ? {
          before: before.inOtherProviders.length,
          after: after.inOtherProviders.length,
          matches: after.inOtherProviders.slice(0, 20).map(formatMatch),
          folders: providers.excluded,
          stillSearched: providers.unknown,
          ...(providers.problem
            ? { problem: `could not look for other providers (${providers.problem}); nothing excluded` }
            : {}),
        }
      : 'searched (excludeOtherProviders is not set)',
  };
}

/** A long pattern is cut in the one-line summary; the details hold it whole. */
function shortPattern(pattern: string): string {
  return pattern.length > 100 ? `${pattern.slice(0, 80)}…` : pattern;
}
