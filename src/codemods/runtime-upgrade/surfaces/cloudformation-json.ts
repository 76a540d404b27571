// Lambda runtime upgrade in CloudFormation / SAM JSON templates; edits keep the
// template's own indentation because only the runtime strings are spliced.
import { ts } from '../../../util/typescript.cjs';
import { applyEdits, type Edit } from '../edits.js';
import { parseJson, propertyName, stringEdit, stringStart, type JsonFile } from '../json-doc.js';
import { listEdits, type ListItem } from '../dedupe.js';
import { layerListEdits, layerListKeys, type RuntimeItem } from '../layer-list.js';
import type { Surface, SurfaceContext } from '../surface.js';
import { baseName } from '../scope.js';

/** A parameter's allowed runtimes: upgraded like any runtime, without naming one twice. */
const setLikeKeys = new Set(['AllowedValues']);

interface Walk {
  edits: Edit[];
  /** Majors the file's runtime declarations move away from; its layer lists follow them. */
  leaving: Set<number>;
  layers: ts.ArrayLiteralExpression[];
}

function upgrade(file: JsonFile, node: ts.Node, ctx: SurfaceContext, walk: Walk): Edit | undefined {
  if (!ts.isStringLiteral(node)) return undefined;
  const major = ctx.language.lambda.parse(node.text);
  if (major === undefined) ctx.unmovable(node.text, stringStart(file, node));
  if (major === undefined || !ctx.shouldUpgrade(major, stringStart(file, node), `Runtime ${node.text}`, true))
    return undefined;
  walk.leaving.add(major);
  return stringEdit(file, node, ctx.language.lambda.id(ctx.target));
}

/** A set-like array: upgrade the items and drop the ones that became duplicates. */
function upgradeSet(file: JsonFile, array: ts.ArrayLiteralExpression, ctx: SurfaceContext, walk: Walk): Edit[] {
  const items: ListItem[] = array.elements.map((element, index) => {
    const edit = upgrade(file, element, ctx, walk);
    const value = edit ? edit.text : ts.isStringLiteral(element) ? element.text : `#${index}`;
    return { start: element.getStart(file), end: element.end, value, edit };
  });
  return listEdits(file.text, items, false);
}

function runtimeItem(file: JsonFile, element: ts.Expression, ctx: SurfaceContext): RuntimeItem {
  const { lambda } = ctx.language;
  const major = ts.isStringLiteral(element) ? lambda.parse(element.text) : undefined;
  const retarget =
    major === undefined ? undefined : (next: number) => stringEdit(file, element as ts.StringLiteral, lambda.id(next));
  return { start: element.getStart(file), end: element.end, major, retarget };
}

function collect(file: JsonFile, node: ts.Node, ctx: SurfaceContext, walk: Walk): void {
  if (ts.isPropertyAssignment(node) && ts.isArrayLiteralExpression(node.initializer)) {
    const name = propertyName(node) ?? '';
    if (layerListKeys.has(name)) return void walk.layers.push(node.initializer);
    if (setLikeKeys.has(name)) return void walk.edits.push(...upgradeSet(file, node.initializer, ctx, walk));
  }
  if (ts.isPropertyAssignment(node)) {
    const edit = upgrade(file, node.initializer, ctx, walk);
    if (edit) return void walk.edits.push(edit);
  }
  if (ts.isArrayLiteralExpression(node)) {
    for (const element of node.elements) {
      const edit = upgrade(file, element, ctx, walk);
      if (edit) walk.edits.push(edit);
    }
  }
  ts.forEachChild(node, (child) => collect(file, child, ctx, walk));
}

export const cloudFormationJson: Surface = {
  name: 'cloudformation-json',
  matches: (path, text, language) =>
    /\.(json|template)$/i.test(path) &&
    !/^(package|tsconfig.*|jsconfig)\.json$/i.test(baseName(path)) &&
    /AWSTemplateFormatVersion|"AWS::(Serverless|Lambda)::/.test(text) &&
    language.mention.test(text),
  apply(text, ctx) {
    const file = parseJson(ctx.file, text);
    if (!file) {
      ctx.report(0, 'parse-error', 'not valid JSON; left alone', 'warning');
      return text;
    }
    const walk: Walk = { edits: [], leaving: new Set(), layers: [] };
    collect(file, file, ctx, walk);
    for (const array of walk.layers)
      walk.edits.push(
        ...layerListEdits(
          text,
          array.elements.map((element) => runtimeItem(file, element, ctx)),
          ctx,
          walk.leaving,
          'inline',
        ),
      );
    return applyEdits(text, walk.edits);
  },
};
