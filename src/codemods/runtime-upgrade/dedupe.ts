// Set-like lists (CompatibleRuntimes, AllowedValues, CI matrices) must not end up naming the
// same version twice after an upgrade; these helpers choose and delete the extra items.
import { lineSpan, type Edit } from './edits.js';

export interface ListItem {
  start: number;
  end: number;
  /** The item's value after the upgrade. */
  value: string;
  /** The edit that upgrades it; undefined when the item stays as it is. */
  edit?: Edit;
}

/** Indexes of upgraded items whose new value another kept item already has. */
export function itemsToDrop(items: readonly ListItem[]): Set<number> {
  const kept = new Set(items.filter((item) => !item.edit).map((item) => item.value));
  const drop = new Set<number>();
  items.forEach((item, index) => {
    if (!item.edit) return;
    if (kept.has(item.value)) drop.add(index);
    else kept.add(item.value);
  });
  return drop;
}

function aloneOnLine(text: string, item: ListItem): boolean {
  const line = lineSpan(text, item.start);
  return (
    /^[\s-]*$/.test(text.slice(line.start, item.start)) && /^\s*,?\s*(#.*)?\r?\n?$/.test(text.slice(item.end, line.end))
  );
}

/**
 * Edits for the list: upgrades for kept items, deletions for dropped ones. An item alone on its
 * line loses the line (when `byLine`: block YAML, HCL); otherwise an item loses the separator on
 * the side of the first kept item, which keeps JSON free of trailing commas.
 */
export function listEdits(text: string, items: readonly ListItem[], byLine: boolean): Edit[] {
  const drop = itemsToDrop(items);
  const edits = items.filter((item, index) => item.edit && !drop.has(index)).map((item) => item.edit!);
  if (drop.size === 0) return edits;
  const dropped = items.filter((_, index) => drop.has(index));
  if (byLine && dropped.every((item) => aloneOnLine(text, item))) {
    return [...edits, ...dropped.map((item) => ({ ...lineSpan(text, item.start), text: '' }))];
  }
  const firstKept = items.findIndex((_, index) => !drop.has(index));
  for (const index of drop) {
    const item = items[index];
    edits.push(
      index < firstKept
        ? { start: item.start, end: separatorAfter(text, item.end), text: '' }
        : { start: separatorBefore(text, item.start), end: item.end, text: '' },
    );
  }
  return edits;
}

/** End of `, ` after an item (so `[a, b]` without `a` reads `[b]`). */
function separatorAfter(text: string, end: number): number {
  const match = /^\s*,[ \t]*/.exec(text.slice(end));
  return match ? end + match[0].length : end;
}

/** Start of `, ` before an item (so `[a, b]` without `b` reads `[a]`). */
function separatorBefore(text: string, start: number): number {
  const match = /,\s*$/.exec(text.slice(Math.max(0, start - 200), start));
  return match ? start - match[0].length : start;
}
