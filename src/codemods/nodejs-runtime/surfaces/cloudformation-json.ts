// Lambda Node.js runtime upgrade in CloudFormation / SAM JSON templates; edits keep the
// template's own indentation because only the runtime strings are spliced.
import { ts } from 'ts-morph';
import { applyEdits, type Edit } from '../edits.js';
import { parseJson, propertyName, stringEdit, stringStart, type JsonFile } from '../json-doc.js';
import { listEdits, type ListItem } from '../dedupe.js';
import type { Surface, SurfaceContext } from '../surface.js';
import { baseName } from '../scope.js';
import { lambdaRuntimeId, lambdaRuntimeMajor } from '../versions.js';

const setLikeKeys = new Set(['CompatibleRuntimes', 'AllowedValues']);

function upgrade(file: JsonFile, node: ts.Node, ctx: SurfaceContext): Edit | undefined {
  if (!ts.isStringLiteral(node)) return undefined;
  const major = lambdaRuntimeMajor(node.text);
  if (major === undefined || !ctx.shouldUpgrade(major, stringStart(file, node), `Runtime ${node.text}`, true)) return undefined;
  return stringEdit(file, node, lambdaRuntimeId(ctx.target));
}

/** A set-like array: upgrade the items and drop the ones that became duplicates. */
function upgradeSet(file: JsonFile, array: ts.ArrayLiteralExpression, ctx: SurfaceContext): Edit[] {
  const items: ListItem[] = array.elements.map((element, index) => {
    const edit = upgrade(file, element, ctx);
    const value = edit ? edit.text : ts.isStringLiteral(element) ? element.text : `#${index}`;
    return { start: element.getStart(file), end: element.end, value, edit };
  });
  return listEdits(file.text, items, false);
}

function collect(file: JsonFile, node: ts.Node, ctx: SurfaceContext, edits: Edit[]): void {
  if (ts.isPropertyAssignment(node) && setLikeKeys.has(propertyName(node) ?? '') && ts.isArrayLiteralExpression(node.initializer)) {
    edits.push(...upgradeSet(file, node.initializer, ctx));
    return;
  }
  if (ts.isPropertyAssignment(node)) {
    const edit = upgrade(file, node.initializer, ctx);
    if (edit) return void edits.push(edit);
  }
  if (ts.isArrayLiteralExpression(node)) {
    for (const element of node.elements) {
      const edit = upgrade(file, element, ctx);
      if (edit) edits.push(edit);
    }
  }
  ts.forEachChild(node, (child) => collect(file, child, ctx, edits));
}

export const cloudFormationJson: Surface = {
  name: 'cloudformation-json',
  matches: (path, text) =>
    /\.(json|template)$/i.test(path) &&
    !/^(package|tsconfig.*|jsconfig)\.json$/i.test(baseName(path)) &&
    /AWSTemplateFormatVersion|"AWS::(Serverless|Lambda)::/.test(text) &&
    /nodejs\d/.test(text),
  apply(text, ctx) {
    const file = parseJson(ctx.file, text);
    if (!file) {
      ctx.report(0, 'parse-error', 'not valid JSON; left alone', 'warning');
      return text;
    }
    const edits: Edit[] = [];
    collect(file, file, ctx, edits);
    return applyEdits(text, edits);
  },
};
