// YAML (and JSON, which YAML reads) nodes as plain values, with CloudFormation's short tags kept
// as their long form (`!Ref X` → `{ Ref: 'X' }`, `!Join [...]` → `{ 'Fn::Join': [...] }`), so a
// template written either way reads the same, and an intrinsic is never taken for a literal.
import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node, type Pair } from 'yaml';
import { parseYaml } from '../codemods/runtime-upgrade/yaml-doc.js';

export { parseYaml };

function longName(tag: string): string {
  const name = tag.replace(/^!/, '');
  return name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`;
}

/** The plain value of a node; an alias is followed (to a bounded depth). */
export function plain(doc: Document, node: unknown, depth = 0): unknown {
  if (depth > 50) return undefined;
  if (isAlias(node)) return plain(doc, node.resolve(doc), depth + 1);
  let value: unknown;
  if (isScalar(node)) value = node.value;
  else if (isSeq(node)) value = node.items.map((item) => plain(doc, item, depth + 1));
  else if (isMap(node)) {
    const out: Record<string, unknown> = {};
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      if (key !== undefined) out[key] = plain(doc, pair.value, depth + 1);
    }
    value = out;
  } else return undefined;
  const tag = (node as Node).tag;
  return tag?.startsWith('!') ? { [longName(tag)]: value } : value;
}

/** The pair of a map node with that key. */
export function pairOf(node: unknown, key: string): Pair | undefined {
  if (!isMap(node)) return undefined;
  return node.items.find((pair) => isPair(pair) && isScalar(pair.key) && String(pair.key.value) === key) as
    Pair | undefined;
}

/** The node at a key path of maps. */
export function nodeAt(node: unknown, keys: readonly string[]): unknown {
  for (const key of keys) {
    const pair = pairOf(node, key);
    if (!pair) return undefined;
    node = pair.value;
  }
  return node;
}

/** The offset where a node (or a pair's key) starts in the text. */
export function startOf(node: unknown): number {
  const target = isPair(node) ? node.key : node;
  return (target as Node | null)?.range?.[0] ?? 0;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A plain string value, or undefined for anything else (an intrinsic, a number, a list). */
export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
