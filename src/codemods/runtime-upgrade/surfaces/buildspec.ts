// AWS CodeBuild buildspec `phases.install.runtime-versions.<language>` (`nodejs`, `python`)
// (https://docs.aws.amazon.com/codebuild/latest/userguide/runtime-versions.html).
import { applyEdits } from '../edits.js';
import type { Surface } from '../surface.js';
import { baseName } from '../scope.js';
import { getIn, isInlineScalar, parseYaml, scalarEdit, scalarSource } from '../yaml-doc.js';

export const buildspec: Surface = {
  name: 'buildspec',
  matches: (path, text, language) =>
    /^buildspec[\w.-]*\.ya?ml$/i.test(baseName(path)) && new RegExp(`${language.ci.codebuild}\\s*:`).test(text),
  apply(text, ctx) {
    const doc = parseYaml(text);
    if (!doc) {
      ctx.report(0, 'parse-error', 'not valid YAML; left alone', 'warning');
      return text;
    }
    const key = ctx.language.ci.codebuild;
    const node = getIn(doc, ['phases', 'install', 'runtime-versions', key]);
    if (!isInlineScalar(node)) return text;
    const { inner, start } = scalarSource(text, node);
    const token = ctx.language.token(inner);
    if (!token || !ctx.shouldUpgrade(token.version, start, `runtime-versions ${key} ${inner}`)) return text;
    const missing = ctx.language.ci.codebuildMissing(ctx.target);
    const next = token.render(ctx.target);
    if (missing || next === undefined) {
      ctx.report(
        start,
        'unsupported-target',
        `${missing ?? `${inner} cannot name ${ctx.name(ctx.target)}`}; not changed`,
        'manual',
      );
      return text;
    }
    return applyEdits(text, [scalarEdit(text, node, next)]);
  },
};
