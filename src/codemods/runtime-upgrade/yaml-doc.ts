// YAML parsing that knows CloudFormation's short tags, and edits of scalars by source range
// so comments, quotes, tags and indentation stay exactly as written.
import { isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Pair, type Scalar } from 'yaml';
import type { CollectionTag, ScalarTag } from 'yaml';
import type { Edit } from './edits.js';

const intrinsicNames = [
  'Ref',
  'Sub',
  'GetAtt',
  'Join',
  'Select',
  'Split',
  'If',
  'Equals',
  'And',
  'Or',
  'Not',
  'FindInMap',
  'Base64',
  'Cidr',
  'ImportValue',
  'GetAZs',
  'Condition',
  'Transform',
  'ToJsonString',
  'Length',
  'ForEach',
];

/** `!Ref`, `!Sub`, … as scalar, sequence and mapping tags, so they parse without warnings. */
export const cloudFormationTags: (ScalarTag | CollectionTag)[] = intrinsicNames.flatMap((name) => {
  const tag = `!${name}`;
  const scalar: ScalarTag = { tag, resolve: (value: string) => value };
  const seq: CollectionTag = { tag, collection: 'seq' };
  const map: CollectionTag = { tag, collection: 'map' };
  return [scalar, seq, map];
});

/** The parsed document, or undefined when the file is not valid YAML (it is then left alone). */
export function parseYaml(text: string): Document | undefined {
  const doc = parseDocument(text, { customTags: cloudFormationTags, keepSourceTokens: false, uniqueKeys: false });
  return doc.errors.length > 0 ? undefined : doc;
}

/** A plain or quoted scalar (not a block scalar) with a source range. */
export function isInlineScalar(node: unknown): node is Scalar {
  return (
    isScalar(node) &&
    !!node.range &&
    (node.type === 'PLAIN' || node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE')
  );
}

/** The scalar's source without its quotes, and where that inner text starts. */
export function scalarSource(text: string, node: Scalar): { inner: string; start: number } {
  const [start, end] = node.range!;
  const quoted = node.type !== 'PLAIN';
  return quoted
    ? { inner: text.slice(start + 1, end - 1), start: start + 1 }
    : { inner: text.slice(start, end), start };
}

/** An edit replacing the scalar's inner text (its quotes stay). */
export function scalarEdit(text: string, node: Scalar, replacement: string): Edit {
  const { inner, start } = scalarSource(text, node);
  return { start, end: start + inner.length, text: replacement };
}

/** The key of the pair that holds `node`, when it is a map value. */
export function parentKey(path: readonly unknown[]): string | undefined {
  const parent = path[path.length - 1];
  if (!isPair(parent)) return undefined;
  const key = (parent as Pair).key;
  return isScalar(key) ? String(key.value) : undefined;
}

/** Value at a key path of plain maps (`phases.install.runtime-versions`). */
export function getIn(doc: Document, keys: readonly string[]): unknown {
  let node: unknown = doc.contents;
  for (const key of keys) {
    if (!isMap(node)) return undefined;
    node = node.get(key, true);
  }
  return node;
}

export { isMap, isPair, isScalar, isSeq };
