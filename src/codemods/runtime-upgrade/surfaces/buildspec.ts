// AWS CodeBuild buildspec `phases.install.runtime-versions.nodejs`
// (https://docs.aws.amazon.com/codebuild/latest/userguide/runtime-versions.html).
import { applyEdits } from '../edits.js';
import type { Surface } from '../surface.js';
import { baseName } from '../scope.js';
import { parseVersionToken } from '../../nodejs-runtime/versions.js';
import { getIn, isInlineScalar, parseYaml, scalarEdit, scalarSource } from '../yaml-doc.js';

export const buildspec: Surface = {
  name: 'buildspec',
  matches: (path, text) => /^buildspec[\w.-]*\.ya?ml$/i.test(baseName(path)) && /nodejs\s*:/.test(text),
  apply(text, ctx) {
    const doc = parseYaml(text);
    if (!doc) {
      ctx.report(0, 'parse-error', 'not valid YAML; left alone', 'warning');
      return text;
    }
    const node = getIn(doc, ['phases', 'install', 'runtime-versions', 'nodejs']);
    if (!isInlineScalar(node)) return text;
    const { inner, start } = scalarSource(text, node);
    const token = parseVersionToken(inner);
    if (!token || !ctx.shouldUpgrade(token.major, start, `runtime-versions nodejs ${inner}`)) return text;
    // CodeBuild images only ship even (LTS) Node.js majors.
    if (ctx.target % 2 !== 0) {
      ctx.report(
        start,
        'unsupported-target',
        `CodeBuild has no Node.js ${ctx.target} runtime (only LTS majors); not changed`,
        'manual',
      );
      return text;
    }
    return applyEdits(text, [scalarEdit(text, node, token.render(ctx.target, 'major'))]);
  },
};
