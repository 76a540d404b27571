// AWS CDK and serverless.ts code: `Runtime.NODEJS_20_X`, `new Runtime('nodejs20.x')`, and
// NodejsFunction `bundling.target: 'node20'` (https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_lambda.Runtime.html).
import { ts } from 'ts-morph';
import { applyEdits, type Edit } from '../edits.js';
import type { Surface, SurfaceContext } from '../surface.js';
import { baseName } from '../scope.js';
import { lambdaRuntimeId, lambdaRuntimeMajor } from '../versions.js';

function scriptKind(path: string): ts.ScriptKind {
  if (/\.tsx$/i.test(path)) return ts.ScriptKind.TSX;
  if (/\.[cm]?ts$/i.test(path)) return ts.ScriptKind.TS;
  return /\.jsx$/i.test(path) ? ts.ScriptKind.JSX : ts.ScriptKind.JS;
}

/** `Runtime.NODEJS_20_X` (also `lambda.Runtime.…`): the member name carries the version. */
function runtimeMember(node: ts.Node, file: ts.SourceFile, ctx: SurfaceContext): Edit | undefined {
  if (!ts.isPropertyAccessExpression(node) || !/(^|\.)Runtime$/.test(node.expression.getText(file))) return undefined;
  const match = /^NODEJS_(\d+)_X$/.exec(node.name.text);
  const start = node.name.getStart(file);
  if (!match || !ctx.shouldUpgrade(Number(match[1]), start, node.getText(file), true)) return undefined;
  return { start, end: node.name.end, text: `NODEJS_${ctx.target}_X` };
}

/** A string literal that is exactly a Lambda runtime id, or a `target: 'node20'` esbuild option. */
function runtimeString(node: ts.Node, file: ts.SourceFile, ctx: SurfaceContext): Edit | undefined {
  if (!ts.isStringLiteral(node) && !ts.isNoSubstitutionTemplateLiteral(node)) return undefined;
  const start = node.getStart(file) + 1;
  const major = lambdaRuntimeMajor(node.text);
  if (major !== undefined) {
    if (!ctx.shouldUpgrade(major, start, node.text, true)) return undefined;
    return { start, end: node.end - 1, text: lambdaRuntimeId(ctx.target) };
  }
  const esbuild = /^node(\d+)$/.exec(node.text);
  const parent = node.parent;
  const isTarget = ts.isPropertyAssignment(parent) && parent.initializer === node && parent.name.getText(file).replace(/['"]/g, '') === 'target';
  if (!esbuild || !isTarget || !ctx.shouldUpgrade(Number(esbuild[1]), start, `esbuild target ${node.text}`)) return undefined;
  return { start, end: node.end - 1, text: `node${ctx.target}` };
}

function cdkEdits(text: string, ctx: SurfaceContext): Edit[] {
  const file = ts.createSourceFile(ctx.file, text, ts.ScriptTarget.Latest, true, scriptKind(ctx.file));
  const edits: Edit[] = [];
  const walk = (node: ts.Node): void => {
    const edit = runtimeMember(node, file, ctx) ?? runtimeString(node, file, ctx);
    if (edit) edits.push(edit);
    ts.forEachChild(node, walk);
  };
  walk(file);
  return edits;
}

export const cdkCode: Surface = {
  name: 'cdk',
  matches: (path, text) =>
    /\.(m|c)?(t|j)sx?$/i.test(path) &&
    !/\.d\.[cm]?ts$/i.test(path) &&
    (/aws-cdk|@aws-cdk|constructs/.test(text) || /^serverless\.[cm]?[tj]s$/i.test(baseName(path))) &&
    /NODEJS_\d|nodejs\d|['"`]node\d/.test(text),
  apply: (text, ctx) => applyEdits(text, cdkEdits(text, ctx)),
};
