// Rewrites Lambda runtime identifiers (`nodejs20.x`) wherever a YAML scalar is exactly one:
// `Runtime:` in Globals and functions, parameter defaults, `CompatibleRuntimes` lists.
import { visit, type Document, type Node, type Scalar, type YAMLSeq } from 'yaml';
import type { Edit } from './edits.js';
import type { SurfaceContext } from './surface.js';
import { lambdaRuntimeId, lambdaRuntimeMajor } from './versions.js';
import { isInlineScalar, parentKey, scalarEdit } from './yaml-doc.js';
import { listEdits, type ListItem } from './dedupe.js';

/** Lists of runtimes where an upgrade must not leave the same runtime twice. */
const setLikeKeys = new Set(['CompatibleRuntimes', 'AllowedValues', 'compatibleRuntimes']);

function runtimeMajor(node: unknown): number | undefined {
  if (!isInlineScalar(node) || node.tag || typeof node.value !== 'string') return undefined;
  return lambdaRuntimeMajor(node.value);
}

/** One scalar: the edit that upgrades it, if it should be. */
function upgradeScalar(text: string, node: Scalar, ctx: SurfaceContext): Edit | undefined {
  const major = runtimeMajor(node);
  if (major === undefined) return undefined;
  if (!ctx.shouldUpgrade(major, node.range![0], `Runtime ${String(node.value)}`, true)) return undefined;
  return scalarEdit(text, node, lambdaRuntimeId(ctx.target));
}

/** A set-like list: upgrade each item, then drop items that became duplicates. */
function upgradeSet(text: string, seq: YAMLSeq, ctx: SurfaceContext): Edit[] {
  const items: ListItem[] = seq.items.map((item, index) => {
    const node = item as Node;
    const edit = isInlineScalar(node) ? upgradeScalar(text, node, ctx) : undefined;
    const value = edit ? edit.text : isInlineScalar(node) ? String(node.value) : `#${index}`;
    return { start: node.range?.[0] ?? 0, end: node.range?.[1] ?? 0, value, edit };
  });
  return listEdits(text, items, !seq.flow);
}

export function lambdaRuntimeEdits(text: string, doc: Document, ctx: SurfaceContext): Edit[] {
  const edits: Edit[] = [];
  const handled = new Set<Node>();
  visit(doc, {
    Seq(_key, seq, path) {
      const key = parentKey(path);
      if (!key || !setLikeKeys.has(key) || !seq.items.some((item) => runtimeMajor(item) !== undefined)) return;
      edits.push(...upgradeSet(text, seq, ctx));
      for (const item of seq.items) handled.add(item as Node);
    },
    Scalar(key, node) {
      if (key === 'key' || handled.has(node)) return;
      const edit = upgradeScalar(text, node, ctx);
      if (edit) edits.push(edit);
    },
  });
  return edits;
}
