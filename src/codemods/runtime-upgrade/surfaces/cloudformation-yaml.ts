// Lambda runtime upgrade in SAM / CloudFormation YAML templates
// (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html).
import { applyEdits } from '../edits.js';
import { lambdaRuntimeEdits } from '../runtime-yaml.js';
import type { Surface } from '../surface.js';
import { parseYaml } from '../yaml-doc.js';

export const cloudFormationYaml: Surface = {
  name: 'cloudformation-yaml',
  matches: (path, text, language) =>
    (/\.ya?ml$/i.test(path) || (/\.template$/i.test(path) && !text.trimStart().startsWith('{'))) &&
    /AWSTemplateFormatVersion|AWS::(Serverless|Lambda)::/.test(text) &&
    language.mention.test(text),
  apply(text, ctx) {
    const doc = parseYaml(text);
    if (!doc) {
      ctx.report(0, 'parse-error', 'not valid YAML; left alone', 'warning');
      return text;
    }
    return applyEdits(text, lambdaRuntimeEdits(text, doc, ctx));
  },
};
