// The unified diff of one file for a dry run's summary. The lines both texts share at the start
// and the end, beyond the context a hunk shows, are left out of the comparison and the hunks'
// line numbers moved by what was left out: a converted handler changes a few lines of a file,
// and comparing every line of thousands of files was most of the diff's time.
import { formatPatch, structuredPatch } from 'diff';

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
  const patch = structuredPatch(
    `a/${path}`,
    `b/${path}`,
    old.slice(skipStart, old.length - skipEnd).join(''),
    next.slice(skipStart, next.length - skipEnd).join(''),
    '',
    '',
    { context },
  );
  for (const hunk of patch.hunks) {
    hunk.oldStart += skipStart;
    hunk.newStart += skipStart;
  }
  return formatPatch(patch);
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
