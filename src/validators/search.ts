// The no-match search with what does not count taken out: matches inside comments (each file
// read by its own syntax), and, when the criterion asks, matches in services of other providers
// (a Serverless `provider.name: azure` folder, an Azure Functions app, …) that the Node.js
// codemods leave alone. Every match left out is counted apart, so the evidence says why.
import { commentKind, commentSpans, loadTypeScript, mayHoldComment, maskComments } from './comments.js';
import { gitGrep, type SearchOptions } from './grep.js';
import { lineRegExp } from './line-regex.js';
import type { ValidatorContext } from './types.js';

export interface MatchLine {
  /** Repository-relative. */
  path: string;
  line: number;
  text: string;
}

/** A folder whose matches do not count, and why. */
export interface ExcludedFolder {
  /** Repository-relative; '' for the whole repository. */
  folder: string;
  provider: string;
  reason: string;
}

export interface SearchFilter {
  skipComments: boolean;
  otherProviders: readonly ExcludedFolder[];
  /** Code that loads another platform's functions module (`@azure/functions`, …): the reason, or undefined. */
  otherCode?: (text: string) => string | undefined;
}

export interface FilteredSearch {
  counted: MatchLine[];
  inComments: MatchLine[];
  /** Matches in folders (or code) of other providers. */
  inOtherProviders: MatchLine[];
}

export async function filteredSearch(
  ctx: ValidatorContext,
  options: SearchOptions,
  filter: SearchFilter,
): Promise<FilteredSearch> {
  const rows = (await gitGrep(ctx, options, ['-n'])).map(([path, line, ...text]) => ({
    path: path!,
    line: Number(line),
    text: text.join('\0'),
  }));
  const result: FilteredSearch = { counted: [], inComments: [], inOtherProviders: [] };
  const inFolder = (path: string) =>
    filter.otherProviders.some(({ folder }) => folder === '' || path.startsWith(`${folder}/`));
  const rest = rows.filter((row) => (inFolder(row.path) ? (result.inOtherProviders.push(row), false) : true));
  const readable = new Set(rest.filter((row) => needsText(row, filter)).map((row) => row.path));
  const texts = await readFiles(ctx, options.rev, [...readable]);
  if ([...readable].some((path) => commentKind(path) === 'js')) await loadTypeScript();
  const regex = lineRegExp(options.pattern, options.mode, options.ignoreCase);
  const masked = new Map<string, string[] | undefined>();
  for (const row of rest) {
    const text = texts.get(row.path);
    if (text !== undefined && filter.otherCode && commentKind(row.path) === 'js' && filter.otherCode(text)) {
      result.inOtherProviders.push(row);
      continue;
    }
    if (!filter.skipComments || text === undefined || !regex) {
      result.counted.push(row);
      continue;
    }
    if (!masked.has(row.path)) masked.set(row.path, maskedLines(row.path, text));
    const line = masked.get(row.path)?.[row.line - 1];
    // Counted unless the line differs once comments are blanked, and the pattern (which must
    // agree with git on the line as written) no longer matches it.
    const inComment = line !== undefined && line !== row.text && regex.test(row.text) && !regex.test(line);
    (inComment ? result.inComments : result.counted).push(row);
  }
  return result;
}

export interface Counts {
  /** Matching lines in all. */
  lines: number;
  /** Matching lines per file (repository-relative). */
  files: Record<string, number>;
}

export function countsOf(rows: readonly MatchLine[]): Counts {
  const counts: Counts = { lines: rows.length, files: {} };
  for (const row of rows) counts.files[row.path] = (counts.files[row.path] ?? 0) + 1;
  return counts;
}

/** `file:line: text`, as the evidence lists matches. */
export function formatMatch(row: MatchLine): string {
  const content = row.text.trim();
  return `${row.path}:${row.line}: ${content.length > 200 ? `${content.slice(0, 200)}…` : content}`;
}

function needsText(row: MatchLine, filter: SearchFilter): boolean {
  const kind = commentKind(row.path);
  return (
    (filter.skipComments && kind !== 'none' && mayHoldComment(row.path, row.text)) ||
    (filter.otherCode !== undefined && kind === 'js')
  );
}

function maskedLines(path: string, text: string): string[] | undefined {
  try {
    const spans = commentSpans(path, text);
    return spans && maskComments(text, spans).split('\n');
  } catch {
    // A file its parser cannot read: its matches count as they are.
    return undefined;
  }
}

/**
 * The text of `paths` (repository-relative) at `rev`, or in the working tree, in as few git
 * calls as possible: `git grep` with an empty pattern prints every line of the files it is given,
 * each file's name once above its lines (`--heading`), each line as `number\0text`.
 */
async function readFiles(
  ctx: ValidatorContext,
  rev: string | undefined,
  paths: string[],
): Promise<Map<string, string>> {
  const lines = new Map<string, string[]>();
  const pathspecs = paths.map((path) => `:(top,literal)${path}`);
  const rows = await gitGrep(ctx, { pattern: '', mode: 'extended', ignoreCase: false, pathspecs, rev }, [
    '-n',
    '--heading',
  ]);
  let list: string[] = [];
  for (const [first, ...text] of rows) {
    if (text.length === 0) lines.set(first!, (list = []));
    else list[Number(first) - 1] = text.join('\0');
  }
  return new Map([...lines].map(([path, list]) => [path, Array.from(list, (line) => line ?? '').join('\n')]));
}
