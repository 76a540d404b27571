// GitHub Actions: the version key of the language's setup action (`node-version` of
// actions/setup-node, `python-version` of actions/setup-python) and its matrix axes
// (https://github.com/actions/setup-node#usage). Matrix entries older than the target become
// the target and duplicates are dropped: `[18.x, 20.x, 22.x]` → `[24.x]`.
import { isPair, isScalar, visit, type Document, type Node, type Pair, type YAMLSeq } from 'yaml';
import { applyEdits, type Edit } from '../edits.js';
import type { Surface, SurfaceContext } from '../surface.js';
import { isInlineScalar, isSeq, parseYaml, scalarEdit, scalarSource } from '../yaml-doc.js';
import { listEdits, type ListItem } from '../dedupe.js';

/** The upgraded text of one version scalar (`20`, `'20.x'`, `lts/iron`, `"3.9"`), or undefined. */
function upgradeToken(inner: string, offset: number, ctx: SurfaceContext): string | undefined {
  const token = ctx.language.token(inner);
  if (!token || !ctx.shouldUpgrade(token.version, offset, `${ctx.language.ci.setupKey} ${inner}`)) return undefined;
  return token.render(ctx.target);
}

function scalarUpgrade(text: string, node: unknown, ctx: SurfaceContext): Edit | undefined {
  if (!isInlineScalar(node)) return undefined;
  const { inner, start } = scalarSource(text, node);
  const next = upgradeToken(inner, start, ctx);
  return next === undefined ? undefined : scalarEdit(text, node, next);
}

function seqUpgrade(text: string, seq: YAMLSeq, ctx: SurfaceContext): Edit[] {
  const items: ListItem[] = seq.items.map((item, index) => {
    const node = item as Node;
    const edit = scalarUpgrade(text, node, ctx);
    const value = edit ? edit.text : isInlineScalar(node) ? scalarSource(text, node).inner : `#${index}`;
    return { start: node.range?.[0] ?? 0, end: node.range?.[1] ?? 0, value, edit };
  });
  return listEdits(text, items, !seq.flow);
}

function inMatrix(path: readonly unknown[]): boolean {
  return path.some(
    (node) =>
      isPair(node) && isScalar((node as Pair).key) && ((node as Pair).key as { value: unknown }).value === 'matrix',
  );
}

function workflowEdits(text: string, doc: Document, ctx: SurfaceContext): Edit[] {
  const edits: Edit[] = [];
  visit(doc, {
    Pair(_key, pair, path) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (key !== ctx.language.ci.setupKey && !(ctx.language.ci.matrixAxis.test(key) && inMatrix(path))) return;
      if (isSeq(pair.value)) edits.push(...seqUpgrade(text, pair.value, ctx));
      else {
        const edit = scalarUpgrade(text, pair.value, ctx);
        if (edit) edits.push(edit);
      }
    },
  });
  return edits;
}

export const githubActions: Surface = {
  name: 'github-actions',
  matches: (path, text, language) =>
    /^\.github\/workflows\/[^/]+\.ya?ml$/i.test(path) && language.ci.mention.test(text),
  apply(text, ctx) {
    const doc = parseYaml(text);
    if (!doc) {
      ctx.report(0, 'parse-error', 'not valid YAML; left alone', 'warning');
      return text;
    }
    return applyEdits(text, workflowEdits(text, doc, ctx));
  },
};
