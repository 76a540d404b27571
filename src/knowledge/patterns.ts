// Turning a person's edit of one file into before/after patterns (the learned-rewrite codemod
// applies them again). A pattern is whole lines: the removed lines plus just enough unchanged
// lines around them that the "before" text occurs once in the file the person fixed, counted
// the way the codemod finds it (occurrences).
import { diffArrays } from 'diff';
import { occurrences, type RewritePattern } from '../codemods/learned-rewrite/pattern.js';

const maxContext = 3;

interface Change {
  /** Index of the first removed line (or of the line the addition precedes) in the old file. */
  start: number;
  /** Index after the last removed line. */
  end: number;
  added: string[];
}

export function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** Patterns for every change between `before` and `after`; `files` is the glob they will apply to. */
export function learnPatterns(before: string, after: string, files: string, learnedFrom?: string): RewritePattern[] {
  const old = splitLines(before);
  const changes = changesOf(old, splitLines(after));
  const patterns: RewritePattern[] = [];
  changes.forEach((change, i) => {
    // Context may reach up to the neighbouring change, never into it.
    const lower = i > 0 ? changes[i - 1]!.end : 0;
    const upper = i + 1 < changes.length ? changes[i + 1]!.start : old.length;
    const pattern = uniquePattern(old, change, lower, upper, before);
    if (pattern) patterns.push({ files, ...pattern, ...(learnedFrom ? { learnedFrom } : {}) });
  });
  return patterns;
}

function changesOf(old: string[], next: string[]): Change[] {
  const changes: Change[] = [];
  let index = 0;
  let open: Change | undefined;
  for (const part of diffArrays(old, next)) {
    if (!part.added && !part.removed) {
      open = undefined;
      index += part.value.length;
      continue;
    }
    if (!open) {
      open = { start: index, end: index, added: [] };
      changes.push(open);
    }
    if (part.removed) {
      index += part.value.length;
      open.end = index;
    } else {
      open.added.push(...part.value);
    }
  }
  return changes;
}

function uniquePattern(
  old: string[],
  change: Change,
  lower: number,
  upper: number,
  text: string,
): { before: string; after: string } | undefined {
  for (let grow = 0; grow <= 2 * maxContext; grow++) {
    const above = Math.min(Math.ceil(grow / 2), change.start - lower);
    const below = Math.min(Math.floor(grow / 2), upper - change.end);
    const lead = old.slice(change.start - above, change.start).join('');
    const trail = old.slice(change.end, change.end + below).join('');
    const before = lead + old.slice(change.start, change.end).join('') + trail;
    if (before.trim() !== '' && occurrences(text, before).length === 1) {
      return { before, after: lead + change.added.join('') + trail };
    }
  }
  return undefined;
}
