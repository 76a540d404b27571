// Rewrites Lambda runtime identifiers (`nodejs20.x`, `python3.9`) of the run's language wherever a YAML scalar is exactly one:
// `Runtime:` in Globals and functions, parameter defaults, layers' `CompatibleRuntimes` lists.
import { visit, type Document, type Node, type Scalar, type YAMLSeq } from 'yaml';
import type { Edit } from './edits.js';
import type { SurfaceContext } from './surface.js';
import { isInlineScalar, parentKey, scalarEdit } from './yaml-doc.js';
import { listEdits, type ListItem } from './dedupe.js';
import { layerListEdits, layerListKeys, type RuntimeItem } from './layer-list.js';

/** A parameter's allowed runtimes: upgraded like any runtime, without naming one twice. */
const setLikeKeys = new Set(['AllowedValues']);

function runtimeMajor(node: unknown, ctx: SurfaceContext): number | undefined {
  if (!isInlineScalar(node) || node.tag || typeof node.value !== 'string') return undefined;
  return ctx.language.lambda.parse(node.value);
}

/** One scalar: the edit that upgrades it, if it should be. */
function upgradeScalar(text: string, node: Scalar, ctx: SurfaceContext): Edit | undefined {
  const major = runtimeMajor(node, ctx);
  if (major === undefined) {
    if (isInlineScalar(node) && typeof node.value === 'string') ctx.unmovable(node.value, node.range![0]);
    return undefined;
  }
  if (!ctx.shouldUpgrade(major, node.range![0], `Runtime ${String(node.value)}`, true)) return undefined;
  return scalarEdit(text, node, ctx.language.lambda.id(ctx.target));
}

/** A set-like list: upgrade each item, then drop items that became duplicates. */
function upgradeSet(text: string, seq: YAMLSeq, ctx: SurfaceContext, leaving: Set<number>): Edit[] {
  const items: ListItem[] = seq.items.map((item, index) => {
    const node = item as Node;
    const edit = isInlineScalar(node) ? upgradeScalar(text, node, ctx) : undefined;
    if (edit) leaving.add(runtimeMajor(node, ctx)!);
    const value = edit ? edit.text : isInlineScalar(node) ? String(node.value) : `#${index}`;
    return { start: node.range?.[0] ?? 0, end: node.range?.[1] ?? 0, value, edit };
  });
  return listEdits(text, items, !seq.flow);
}

function runtimeItem(text: string, item: unknown, ctx: SurfaceContext): RuntimeItem {
  const node = item as Node;
  const major = runtimeMajor(node, ctx);
  const retarget =
    major === undefined ? undefined : (next: number) => scalarEdit(text, node as Scalar, ctx.language.lambda.id(next));
  return { start: node.range?.[0] ?? 0, end: node.range?.[1] ?? 0, major, retarget };
}

export function lambdaRuntimeEdits(text: string, doc: Document, ctx: SurfaceContext): Edit[] {
  const edits: Edit[] = [];
  const handled = new Set<Node>();
  /** Majors the file's runtime declarations move away from; its layer lists follow them. */
  const leaving = new Set<number>();
  const layers: YAMLSeq[] = [];
  visit(doc, {
    Seq(_key, seq, path) {
      const key = parentKey(path);
      if (!key || !seq.items.some((item) => runtimeMajor(item, ctx) !== undefined)) return;
      if (layerListKeys.has(key)) layers.push(seq);
      else if (setLikeKeys.has(key)) edits.push(...upgradeSet(text, seq, ctx, leaving));
      else return;
      for (const item of seq.items) handled.add(item as Node);
    },
    Scalar(key, node) {
      if (key === 'key' || handled.has(node)) return;
      const edit = upgradeScalar(text, node, ctx);
      if (!edit) return;
      edits.push(edit);
      leaving.add(runtimeMajor(node, ctx)!);
    },
  });
  for (const seq of layers)
    edits.push(
      ...layerListEdits(
        text,
        seq.items.map((item) => runtimeItem(text, item, ctx)),
        ctx,
        leaving,
        seq.flow ? 'inline' : 'block',
      ),
    );
  return edits;
}
