// Serverless Framework: `provider.runtime`, per-function `runtime`, CloudFormation under
// `resources`, and a bundler target such as serverless-esbuild's `target: node20`
// (https://www.serverless.com/framework/docs/providers/aws/guide/serverless.yml).
import { visit } from 'yaml';
import { yamlProvider } from '../../providers.js';
import { applyEdits, type Edit } from '../edits.js';
import { lambdaRuntimeEdits } from '../runtime-yaml.js';
import type { Surface, SurfaceContext } from '../surface.js';
import { baseName } from '../scope.js';
import { isInlineScalar, parentKey, parseYaml, scalarEdit } from '../yaml-doc.js';
import type { Document } from 'yaml';

/** esbuild `target: node20` in `custom.esbuild`: the bundle must target the new runtime too. */
function bundlerTargetEdits(text: string, doc: Document, ctx: SurfaceContext): Edit[] {
  const bundler = ctx.language.bundlerTarget;
  if (!bundler) return [];
  const edits: Edit[] = [];
  visit(doc, {
    Scalar(key, node, path) {
      if (key === 'key' || parentKey(path) !== 'target' || !isInlineScalar(node)) return;
      const found = bundler.parse(String(node.value));
      if (found !== undefined && ctx.shouldUpgrade(found, node.range![0], `esbuild target ${String(node.value)}`)) {
        edits.push(scalarEdit(text, node, bundler.write(ctx.target)));
      }
    },
  });
  return edits;
}

export const serverlessYaml: Surface = {
  name: 'serverless',
  matches: (path, text, language) =>
    /^serverless(\.[\w-]+)?\.ya?ml$/i.test(baseName(path)) && language.mention.test(text),
  apply(text, ctx) {
    const doc = parseYaml(text);
    if (!doc) {
      ctx.report(0, 'parse-error', 'not valid YAML; left alone', 'warning');
      return text;
    }
    // Another provider's `runtime: nodejs18` is not a Lambda runtime (a serverless.google.yml
    // beside an AWS serverless.yml; whole folders of other providers are never offered).
    const provider = yamlProvider(text, doc);
    if (provider && provider.name !== 'aws') {
      const which = provider.name ?? `written as ${provider.written}, which atx does not resolve`;
      ctx.report(
        provider.offset,
        'other-provider',
        `provider.name is ${which}: not an AWS Lambda service; its runtimes are left alone`,
        provider.name ? 'info' : 'manual',
      );
      return text;
    }
    return applyEdits(text, [...lambdaRuntimeEdits(text, doc, ctx), ...bundlerTargetEdits(text, doc, ctx)]);
  },
};
