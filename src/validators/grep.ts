// Searching tracked files with `git grep`, at a commit or in the working tree, limited to
// the run's scope. Paths are globs; node_modules is never searched.
import { gitProgram } from '../util/git.js';
import type { CommandRun } from '../util/proc.js';
import { runInScope } from './shell.js';
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

/**
 * Turns the criterion's globs into git pathspecs. As in .gitignore, a glob without a slash
 * matches at any depth (`*.js` finds src/a.js), a trailing slash means the whole folder,
 * and a leading `!` excludes.
 */
export function toPathspecs(paths: readonly string[] = []): string[] {
  const specs = paths
    .map((path) => path.trim())
    .filter(Boolean)
    .map((path) => {
      const exclude = path.startsWith('!');
      let glob = (exclude ? path.slice(1) : path).replace(/\\/g, '/').replace(/^\.\//, '');
      if (glob.endsWith('/')) glob += '**';
      if (!glob.replace(/\/\*\*$/, '').includes('/')) glob = `**/${glob}`;
      return `:(glob${exclude ? ',exclude' : ''})${glob}`;
    });
  return [...specs, ':(glob,exclude)**/node_modules/**'];
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

export async function gitGrep(ctx: ValidatorContext, options: SearchOptions, flags: string[]): Promise<string[][]> {
  // No hook, fsmonitor or look-alike bare repository of the checkout runs here (gitProgram adds
  // safeGitConfig), and no shell reads the pattern: it reaches git as one argument.
  const args = [
    '-c', 'core.quotePath=false', 'grep', '--no-color', '-I', '--full-name', '-z',
    options.mode === 'perl' ? '-P' : '-E',
    ...(options.ignoreCase ? ['-i'] : []),
    ...flags,
    '-e', options.pattern,
    ...(options.rev ? [options.rev] : []),
    '--', ...options.pathspecs,
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
