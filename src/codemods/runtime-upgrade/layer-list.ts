// A Lambda layer's compatible runtimes (SAM/CloudFormation `CompatibleRuntimes`, CDK and
// Serverless `compatibleRuntimes`, Terraform `compatible_runtimes`) name every runtime the layer
// works on, not the one runtime a function runs on. Other stacks may still use the layer on an
// older runtime, so the list moves with its file's functions and keeps the rest: an entry whose
// runtime the file's functions are leaving (the source version), or that Lambda has deprecated,
// becomes the target; older runtimes Lambda still supports stay; the target is added when
// nothing became it (https://docs.aws.amazon.com/lambda/latest/dg/chapter-layers.html).
import { listEdits, type ListItem } from './dedupe.js';
import { lineSpan, type Edit } from './edits.js';
import type { SurfaceContext } from './surface.js';

export interface RuntimeItem {
  start: number;
  end: number;
  /** The version of a Lambda runtime item of the run's language; undefined for anything else. */
  major?: number;
  /** The edit that makes this item name another major; undefined when this one cannot be rewritten (its surface reports why). */
  retarget?(major: number): Edit | undefined;
}

/** Keys of layer lists, in every format the codemod reads. */
export const layerListKeys = new Set(['CompatibleRuntimes', 'compatibleRuntimes', 'compatible_runtimes']);

/**
 * How a list is written: `block` (YAML `- item`: an item is a line), `lines` (HCL, TypeScript:
 * an item alone on its line goes with its line; trailing commas allowed), `inline` (JSON, YAML flow).
 */
export type ListLayout = 'block' | 'lines' | 'inline';

/** Edits for one layer list. `leaving`: majors this file's other runtime declarations move away from. */
export function layerListEdits(
  text: string,
  items: readonly RuntimeItem[],
  ctx: SurfaceContext,
  leaving: ReadonlySet<number>,
  layout: ListLayout,
): Edit[] {
  const target = ctx.target;
  const { id: lambdaRuntimeId, supported } = ctx.language.lambda;
  const older = items.filter((item) => item.major !== undefined && item.major < target);
  for (const item of items)
    if (item.major !== undefined && item.major > target)
      ctx.shouldUpgrade(
        item.major,
        item.start,
        `${lambdaRuntimeId(item.major)} in the layer's compatible runtimes`,
        true,
      );
  if (older.length === 0) return [];
  // A target without a Lambda runtime: shouldUpgrade reports it once, and the list stays.
  if (ctx.language.lambda.missing(target)) {
    ctx.shouldUpgrade(older[0].major!, older[0].start, `Runtime ${lambdaRuntimeId(older[0].major!)}`, true);
    return [];
  }
  const moves = (item: RuntimeItem) =>
    item.major !== undefined && item.major < target && (leaving.has(item.major) || !supported.includes(item.major));
  const listItems: ListItem[] = items.map((item, index) => {
    const edit = moves(item) ? item.retarget?.(target) : undefined;
    const value = edit ? lambdaRuntimeId(target) : item.major !== undefined ? lambdaRuntimeId(item.major) : `#${index}`;
    return { start: item.start, end: item.end, value, edit };
  });
  const edits = listEdits(text, listItems, layout !== 'inline');
  const kept = older.filter((item) => !moves(item));
  if (kept.length === 0) return edits;
  const last = kept[kept.length - 1];
  const hasTarget = listItems.some((item) => item.value === lambdaRuntimeId(target));
  const added = hasTarget ? undefined : itemText(text, last, target);
  if (added !== undefined) edits.push(addAfter(text, items, last, added, layout === 'block'));
  const names = kept.map((item) => lambdaRuntimeId(item.major!)).join(', ');
  const why = `(Lambda still runs ${kept.length === 1 ? 'it' : 'them'}, and other functions may use the layer there)`;
  if (hasTarget || added !== undefined) {
    ctx.report(
      kept[0].start,
      'layer-runtimes-kept',
      `the layer's compatible runtimes keep ${names} ${why} beside ${lambdaRuntimeId(target)}`,
      'info',
    );
  } else {
    // The kept item could not be written for the target (its surface says why): nothing names it yet.
    ctx.report(
      kept[0].start,
      'layer-runtimes-kept',
      `the layer's compatible runtimes keep ${names} ${why}, and ${lambdaRuntimeId(target)} could not be added beside ${kept.length === 1 ? 'it' : 'them'}: add it by hand`,
      'manual',
    );
  }
  return edits;
}

/** The item's source text with the major changed, e.g. `"nodejs24.x"` or `lambda.Runtime.NODEJS_24_X`. */
function itemText(text: string, item: RuntimeItem, major: number): string | undefined {
  const edit = item.retarget?.(major);
  return edit && text.slice(item.start, edit.start) + edit.text + text.slice(edit.end, item.end);
}

/** Inserts `source` after `model`, laid out like the list's other items. */
function addAfter(
  text: string,
  items: readonly RuntimeItem[],
  model: RuntimeItem,
  source: string,
  byLine: boolean,
): Edit {
  const line = lineSpan(text, model.start);
  const eol = text.slice(line.start, line.end).endsWith('\r\n') ? '\r\n' : '\n';
  if (byLine) {
    const prefix = text.slice(line.start, model.start);
    const ended = text[line.end - 1] === '\n';
    return { start: line.end, end: line.end, text: ended ? `${prefix}${source}${eol}` : `${eol}${prefix}${source}` };
  }
  const index = items.indexOf(model);
  const gaps = [
    items[index + 1] && text.slice(model.end, items[index + 1].start),
    items[index - 1] && text.slice(items[index - 1].end, model.start),
  ];
  const gap = gaps.find((g) => g !== undefined && /^\s*,\s*$/.test(g));
  const alone =
    /^[ \t]*$/.test(text.slice(line.start, model.start)) && /^\s*,?\s*$/.test(text.slice(model.end, line.end));
  const indent = /^[ \t]*/.exec(text.slice(line.start))![0];
  return { start: model.end, end: model.end, text: `${gap ?? (alone ? `,${eol}${indent}` : ', ')}${source}` };
}
