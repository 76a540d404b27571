// Searching tracked files with `git grep`, at a commit or in the working tree, limited to
// the run's scope. Paths are globs, matched by atx (src/util/glob.ts), not by git; node_modules
// is never searched.
import { gitOutput, gitProgram, safeGitArgs } from '../util/git.js';
import { pathSelector } from '../util/glob.js';
import { commandLine, type CommandRun } from '../util/proc.js';
import { runInScope, scopeDir } from './shell.js';
import type { ValidatorContext } from './types.js';

export type RegexMode = 'extended' | 'perl';

// Constructs POSIX ERE lacks (\d, (?:…), lazy quantifiers, \p{…}); glibc's ERE would read
// `\d` as a plain `d` and silently miss matches, so such patterns go to PCRE.
const perlOnly = /\\[dDhHKRAzZ]|\\[pP]\{|\(\?|[*+?}]\?/;

export function regexMode(pattern: string): RegexMode {
  return perlOnly.test(pattern) ? 'perl' : 'extended';
}

/** The error message if `pattern` is not a valid regular expression, else undefined. */
export function regexProblem(pattern: string): string | undefined {
  try {
    new RegExp(pattern);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Every tracked file of the scope but node_modules: the search of a criterion without `paths`. */
const everyFile = [':(glob,exclude)**/node_modules/**'];

/**
 * The pathspecs of the files a criterion's `paths` select, at commit `rev` or in the worktree:
 * the tracked files of the scope (never node_modules) that the globs select (src/util/glob.ts,
 * the dialect of every path option), each named literally. No `paths`: every file.
 */
export async function pathspecsFor(
  ctx: ValidatorContext,
  paths: readonly string[] | undefined,
  rev?: string,
): Promise<string[]> {
  if (!paths?.some((path) => path.trim() !== '')) return everyFile;
  const selected = pathSelector(paths);
  return (await trackedFiles(ctx, rev))
    .filter((path) => !path.split('/').includes('node_modules') && selected(path))
    .map((path) => `:(literal)${path}`);
}

/** Tracked files of the scope, relative to it (as git reads pathspecs in the scope folder). */
async function trackedFiles(ctx: ValidatorContext, rev: string | undefined): Promise<string[]> {
  const args = rev ? ['ls-tree', '-r', '-z', '--name-only', rev] : ['ls-files', '-z'];
  const started = performance.now();
  try {
    return [...new Set((await gitOutput(scopeDir(ctx), args)).split('\0').filter(Boolean))];
  } catch (error) {
    const code = (error as { cause?: { code?: unknown } }).cause?.code;
    throw new GrepFailure({
      command: commandLine('git', [...safeGitArgs, ...args]),
      exitCode: typeof code === 'number' ? code : 1,
      durationMs: Math.round(performance.now() - started),
      output: error instanceof Error ? error.message : String(error),
      timedOut: false,
    });
  }
}

export interface SearchOptions {
  pattern: string;
  mode: RegexMode;
  ignoreCase: boolean;
  pathspecs: string[];
  /** A commit to search; the working tree's tracked files when absent. */
  rev?: string;
}

export class GrepFailure extends Error {
  constructor(readonly run: CommandRun) {
    super(run.output.trim() || `git grep exited ${run.exitCode}`);
    this.name = 'GrepFailure';
  }
}

/**
 * Characters of pathspecs per git call: Linux refuses a single argument over 128 KiB, and all of
 * them together over about 2 MiB, so a long list of files is searched a batch at a time.
 */
const batchChars = 60_000;

/** The rows `git grep` printed, split at NUL; no rows without a pathspec (no file selected). */
export async function gitGrep(ctx: ValidatorContext, options: SearchOptions, flags: string[]): Promise<string[][]> {
  const rows: string[][] = [];
  for (const pathspecs of batches(options.pathspecs)) rows.push(...(await grepOnce(ctx, options, pathspecs, flags)));
  return rows;
}

async function grepOnce(
  ctx: ValidatorContext,
  options: SearchOptions,
  pathspecs: string[],
  flags: string[],
): Promise<string[][]> {
  // No hook, fsmonitor or look-alike bare repository of the checkout runs here (gitProgram adds
  // safeGitConfig), and no shell reads the pattern: it reaches git as one argument.
  const args = [
    '-c',
    'core.quotePath=false',
    'grep',
    '--no-color',
    '-I',
    '--full-name',
    '-z',
    options.mode === 'perl' ? '-P' : '-E',
    ...(options.ignoreCase ? ['-i'] : []),
    ...flags,
    '-e',
    options.pattern,
    ...(options.rev ? [options.rev] : []),
    '--',
    ...pathspecs,
  ];
  // UTF-8 for the pattern's character classes; grep's messages are shown, never read.
  const run = await runInScope(ctx, gitProgram(args, { GIT_PAGER: 'cat', LC_ALL: 'C.UTF-8' }));
  // git grep exits 1 when nothing matched; anything else is a bad pattern or revision.
  if (run.exitCode === 1 && !run.output.trim()) return [];
  if (run.exitCode !== 0) throw new GrepFailure(run);
  const prefix = options.rev ? `${options.rev}:` : '';
  return run.output
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split('\0'))
    .map(([path, ...rest]) => [path.startsWith(prefix) ? path.slice(prefix.length) : path, ...rest]);
}

function* batches(specs: readonly string[]): Generator<string[]> {
  let batch: string[] = [];
  let size = 0;
  for (const spec of specs) {
    if (batch.length > 0 && size + spec.length > batchChars) {
      yield batch;
      [batch, size] = [[], 0];
    }
    batch.push(spec);
    size += spec.length + 3;
  }
  if (batch.length > 0) yield batch;
}
