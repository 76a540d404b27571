// GitLab CI: the `image:` of the pipeline (`default:`) and of each job, written as a string or as
// `{ name: … }`, when it is the language's image or a Lambda base image
// (https://docs.gitlab.com/ci/yaml/#image).
import { isMap, visit } from 'yaml';
import { applyEdits, type Edit } from '../edits.js';
import type { Surface, SurfaceContext } from '../surface.js';
import { isInlineScalar, parseYaml, scalarSource } from '../yaml-doc.js';
import type { Document, Scalar } from 'yaml';
import { imageEdit } from './dockerfile.js';

function imageEdits(text: string, doc: Document, ctx: SurfaceContext): Edit[] {
  const edits: Edit[] = [];
  const move = (node: Scalar) => {
    const { inner, start } = scalarSource(text, node);
    const moved = imageEdit(inner, start, ctx);
    if (moved) edits.push(moved.edit);
  };
  visit(doc, {
    Pair(_key, pair) {
      const key = isInlineScalar(pair.key) ? String(pair.key.value) : '';
      if (key !== 'image') return;
      if (isInlineScalar(pair.value)) move(pair.value);
      else if (isMap(pair.value)) {
        const name = pair.value.get('name', true);
        if (isInlineScalar(name)) move(name);
      }
    },
  });
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
