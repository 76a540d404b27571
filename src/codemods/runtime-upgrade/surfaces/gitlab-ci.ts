// GitLab CI: the `image:` of the pipeline (`default:`) and of each job, written as a string or as
// `{ name: … }`, when it is the language's image or a Lambda base image
// (https://docs.gitlab.com/ci/yaml/#image). Scripts that run in a Lambda image moved from Amazon
// Linux 2 to 2023 get dnf for yum, as a Dockerfile's RUN lines do (dockerfile.ts).
import { isMap, isPair, isScalar, isSeq, visit } from 'yaml';
import { applyEdits, type Edit } from '../edits.js';
import type { Surface, SurfaceContext } from '../surface.js';
import { isInlineScalar, parseYaml, scalarSource } from '../yaml-doc.js';
import type { Document, Scalar } from 'yaml';
import { imageEdit } from './dockerfile.js';

const scriptKeys = ['before_script', 'script', 'after_script'];

function imageEdits(text: string, doc: Document, ctx: SurfaceContext): Edit[] {
  const edits: Edit[] = [];
  /** The maps (jobs, `default:`, the pipeline) whose image moved from Amazon Linux 2 to 2023. */
  const toAl2023 = new Set<unknown>();
  const { lastAl2 } = ctx.language.lambda;
  const move = (node: Scalar, holder: unknown) => {
    const { inner, start } = scalarSource(text, node);
    const moved = imageEdit(inner, start, ctx);
    if (!moved) return;
    edits.push(moved.edit);
    if (moved.lambda && moved.from <= lastAl2 && ctx.target > lastAl2) toAl2023.add(holder);
  };
  visit(doc, {
    Pair(_key, pair, path) {
      const key = isInlineScalar(pair.key) ? String(pair.key.value) : '';
      if (ctx.language.images.arg.test(key) && isVariables(path))
        return void variableEdit(text, pair.value, key, ctx, edits);
      if (key !== 'image') return;
      const holder = path[path.length - 1];
      if (isInlineScalar(pair.value)) move(pair.value, holder);
      else if (isMap(pair.value)) {
        const name = pair.value.get('name', true);
        if (isInlineScalar(name)) move(name, holder);
      }
    },
  });
  if (toAl2023.size > 0) edits.push(...al2023Edits(text, doc, toAl2023, ctx));
  return edits;
}

/** Whether a pair sits in a `variables:` map (the pipeline's or a job's). */
function isVariables(path: readonly unknown[]): boolean {
  const parent = path[path.length - 2];
  return isPair(parent) && isScalar(parent.key) && parent.key.value === 'variables';
}

/** `PYTHON_VERSION: "3.9"` in `variables:`, which an `image: python:$PYTHON_VERSION` reads. */
function variableEdit(text: string, value: unknown, key: string, ctx: SurfaceContext, edits: Edit[]): void {
  if (!isInlineScalar(value)) return;
  const { inner, start } = scalarSource(text, value);
  const token = ctx.language.token(inner);
  if (!token || !ctx.shouldUpgrade(token.version, start, `${key} ${inner}`)) return;
  const next = token.render(ctx.target);
  if (next !== undefined) edits.push({ start, end: start + inner.length, text: next });
}

/** In the scripts of the jobs that run in those images (the pipeline's reaches every job without its own): yum → dnf. */
function al2023Edits(text: string, doc: Document, moved: Set<unknown>, ctx: SurfaceContext): Edit[] {
  const root = doc.contents;
  if (!isMap(root)) return [];
  const maps = new Set(moved);
  const defaults = root.get('default', true);
  if (moved.has(root) || (isMap(defaults) && moved.has(defaults))) {
    for (const pair of root.items) if (isMap(pair.value) && !pair.value.has('image')) maps.add(pair.value);
  }
  const edits: Edit[] = [];
  for (const map of maps) {
    if (!isMap(map)) continue;
    for (const key of scriptKeys) {
      const node = map.get(key, true);
      for (const line of isSeq(node) ? node.items : [node]) {
        if (!isScalar(line) || !line.range) continue;
        const [start, end] = line.range;
        const source = text.slice(start, end);
        for (const m of source.matchAll(/\b(amazon-linux-extras|yum-config-manager)\b/g))
          ctx.report(
            start + m.index,
            'al2023',
            `${m[1]} does not exist on Amazon Linux 2023; rewrite this by hand`,
            'manual',
          );
        for (const m of source.matchAll(/(?<![\w./-])yum(?![\w./-])/g))
          edits.push({ start: start + m.index, end: start + m.index + 3, text: 'dnf' });
      }
    }
  }
  return edits;
}

export const gitlabCi: Surface = {
  name: 'gitlab-ci',
  matches: (path, text, language) => /(^|\/)\.gitlab-ci\.ya?ml$/i.test(path) && language.images.mention.test(text),
  apply(text, ctx) {
    const doc = parseYaml(text);
    if (!doc) {
      ctx.report(0, 'parse-error', 'not valid YAML; left alone', 'warning');
      return text;
    }
    return applyEdits(text, imageEdits(text, doc, ctx));
  },
};
