// The unified diff of one file for a dry run's summary. The lines both texts share at the start
// and the end, beyond the context a hunk shows, are left out of the comparison and the hunks'
// line numbers moved by what was left out: a converted handler changes a few lines of a file,
// and comparing every line of thousands of files was most of the diff's time. The lines left are
// compared as lists (jsdiff's Myers comparison, the one its line diff uses) and the hunks written
// here, as jsdiff writes them, without joining the lines into texts and splitting them again.
import { diffArrays } from 'diff';

const HEADER = '===================================================================';

export function filePatch(path: string, before: string, after: string, context = 3): string {
  const old = lines(before);
  const next = lines(after);
  let prefix = 0;
  while (prefix < old.length && prefix < next.length && old[prefix] === next[prefix]) prefix++;
  let suffix = 0;
  while (
    suffix < old.length - prefix &&
    suffix < next.length - prefix &&
    old[old.length - 1 - suffix] === next[next.length - 1 - suffix]
  )
    suffix++;
  const skipStart = Math.max(0, prefix - context);
  const skipEnd = Math.max(0, suffix - context);
  const changes = diffArrays(old.slice(skipStart, old.length - skipEnd), next.slice(skipStart, next.length - skipEnd));
  const out = [HEADER, `--- a/${path}\t`, `+++ b/${path}\t`];
  for (const hunk of hunks(changes, context)) {
    // A hunk of no lines on one side names the line before it (the unified format's rule).
    const oldStart = hunk.oldStart + skipStart - (hunk.oldLines === 0 ? 1 : 0);
    const newStart = hunk.newStart + skipStart - (hunk.newLines === 0 ? 1 : 0);
    out.push(`@@ -${oldStart},${hunk.oldLines} +${newStart},${hunk.newLines} @@`);
    for (const line of hunk.lines) {
      if (line.endsWith('\n')) out.push(line.slice(0, -1));
      else out.push(line, '\\ No newline at end of file');
    }
  }
  return out.join('\n') + '\n';
}

interface Hunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  /** Each line with its sign and its own line feed (the last one may have none). */
  lines: string[];
}

interface Change {
  value: string[];
  added?: boolean;
  removed?: boolean;
}

/**
 * The hunks of a comparison: each run of changes with up to `context` unchanged lines on either
 * side, and two runs joined into one hunk when no more than twice the context lies between them.
 */
function hunks(changes: readonly Change[], context: number): Hunk[] {
  const out: Hunk[] = [];
  let current: Hunk | undefined;
  let oldLine = 1;
  let newLine = 1;
  changes.forEach((change, i) => {
    const lines = change.value;
    if (change.added || change.removed) {
      if (!current) {
        const before = i > 0 && context > 0 ? changes[i - 1]!.value.slice(-context) : [];
        current = {
          oldStart: oldLine - before.length,
          oldLines: 0,
          newStart: newLine - before.length,
          newLines: 0,
          lines: before.map((line) => ` ${line}`),
        };
      }
      const sign = change.added ? '+' : '-';
      for (const line of lines) current.lines.push(sign + line);
      if (change.added) newLine += lines.length;
      else oldLine += lines.length;
      return;
    }
    if (current) {
      const last = i === changes.length - 1;
      if (lines.length <= context * 2 && !last) {
        for (const line of lines) current.lines.push(` ${line}`);
      } else {
        const shown = Math.min(lines.length, context);
        for (const line of lines.slice(0, shown)) current.lines.push(` ${line}`);
        current.oldLines = oldLine - current.oldStart + shown;
        current.newLines = newLine - current.newStart + shown;
        out.push(current);
        current = undefined;
      }
    }
    oldLine += lines.length;
    newLine += lines.length;
  });
  if (current) {
    current.oldLines = oldLine - current.oldStart;
    current.newLines = newLine - current.newStart;
    out.push(current);
  }
  return out;
}

/** The lines of `text`, each with its line feed (the last one may have none). */
function lines(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
    out.push(text.slice(start, end + 1));
    start = end + 1;
  }
  if (start < text.length) out.push(text.slice(start));
  return out;
}
