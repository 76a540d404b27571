// AWS CDK and serverless.ts code in TypeScript or JavaScript: `Runtime.NODEJS_20_X`,
// `new Runtime('nodejs20.x')` (`Runtime.PYTHON_3_9` for Python functions), and NodejsFunction
// `bundling.target: 'node20'`
// (https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_lambda.Runtime.html).
// A member the project's CDK lacks is written as the constructor instead (cdk-runtime-writer.ts).
// CDK apps written in Python are read by cdk-python.ts; Java, Go and C# ones are not read.
import { ts } from '../../../util/typescript.cjs';
import { syntaxError } from '../../syntax.js';
import { CdkRuntimeWriter } from '../cdk-runtime-writer.js';
import { applyEdits, type Edit } from '../edits.js';
import { layerListEdits, layerListKeys, type RuntimeItem } from '../layer-list.js';
import type { Surface, SurfaceContext } from '../surface.js';
import { baseName } from '../scope.js';
import {
  SERVERLESS_TYPESCRIPT_NODEJS,
  serverlessTypesLack,
  serverlessTypesPackage,
  typedServerless,
} from '../serverless-typescript.js';

function scriptKind(path: string): ts.ScriptKind {
  if (/\.tsx$/i.test(path)) return ts.ScriptKind.TSX;
  if (/\.[cm]?ts$/i.test(path)) return ts.ScriptKind.TS;
  return /\.jsx$/i.test(path) ? ts.ScriptKind.JSX : ts.ScriptKind.JS;
}

/** `Runtime.NODEJS_20_X` (also `lambda.Runtime.…`): the member name carries the version. */
function runtimeMember(
  node: ts.Node,
  file: ts.SourceFile,
  ctx: SurfaceContext,
  writer: CdkRuntimeWriter,
): Edit | undefined {
  if (!ts.isPropertyAccessExpression(node) || !writer.isRuntimeClass(node.expression)) return undefined;
  const major = ctx.language.cdk.parseMember(node.name.text);
  const start = node.name.getStart(file);
  if (major === undefined || !ctx.shouldUpgrade(major, start, node.getText(file), true)) return undefined;
  return writer.retarget(node, ctx.target);
}

/** A string literal that is exactly a Lambda runtime id, or a `target: 'node20'` esbuild option. */
function runtimeString(node: ts.Node, file: ts.SourceFile, ctx: SurfaceContext): Edit | undefined {
  if (!ts.isStringLiteral(node) && !ts.isNoSubstitutionTemplateLiteral(node)) return undefined;
  const start = node.getStart(file) + 1;
  const { lambda, bundlerTarget } = ctx.language;
  const major = lambda.parse(node.text);
  if (major !== undefined) {
    if (!ctx.shouldUpgrade(major, start, node.text, true)) return undefined;
    return { start, end: node.end - 1, text: lambda.id(ctx.target) };
  }
  const esbuild = bundlerTarget?.parse(node.text);
  const parent = node.parent;
  const isTarget =
    ts.isPropertyAssignment(parent) &&
    parent.initializer === node &&
    parent.name.getText(file).replace(/['"]/g, '') === 'target';
  if (esbuild === undefined || !isTarget || !ctx.shouldUpgrade(esbuild, start, `esbuild target ${node.text}`))
    return undefined;
  return { start, end: node.end - 1, text: bundlerTarget!.write(ctx.target) };
}

/** The version of `Runtime.NODEJS_20_X`, `'nodejs20.x'` or `new Runtime('nodejs20.x')`, with the edit that changes it. */
function runtimeItem(node: ts.Node, file: ts.SourceFile, writer: CdkRuntimeWriter, ctx: SurfaceContext): RuntimeItem {
  const start = node.getStart(file);
  const { cdk, lambda } = ctx.language;
  if (ts.isPropertyAccessExpression(node) && writer.isRuntimeClass(node.expression)) {
    const major = cdk.parseMember(node.name.text);
    // An item the writer cannot rewrite gets no edit: the list keeps it, and the writer reports it.
    if (major !== undefined) return { start, end: node.end, major, retarget: (next) => writer.retarget(node, next) };
  }
  const literal =
    ts.isNewExpression(node) && /(^|\.)Runtime$/.test(node.expression.getText(file)) ? node.arguments?.[0] : node;
  if (literal && (ts.isStringLiteral(literal) || ts.isNoSubstitutionTemplateLiteral(literal))) {
    const major = lambda.parse(literal.text);
    const inner = literal.getStart(file) + 1;
    if (major !== undefined)
      return {
        start,
        end: node.end,
        major,
        retarget: (next) => ({ start: inner, end: literal.end - 1, text: lambda.id(next) }),
      };
  }
  return { start, end: node.end };
}

/** `compatibleRuntimes: [...]` of a LayerVersion (or a serverless.ts layer). */
function layerList(node: ts.Node, file: ts.SourceFile): ts.ArrayLiteralExpression | undefined {
  if (!ts.isPropertyAssignment(node) || !ts.isArrayLiteralExpression(node.initializer)) return undefined;
  return layerListKeys.has(node.name.getText(file).replace(/['"]/g, '')) ? node.initializer : undefined;
}

function cdkEdits(text: string, ctx: SurfaceContext): Edit[] {
  const file = ts.createSourceFile(ctx.file, text, ts.ScriptTarget.Latest, true, scriptKind(ctx.file));
  const error = syntaxError(file);
  if (error) throw new Error(`it does not parse (line ${error.line}: ${error.message})`);
  const writer = new CdkRuntimeWriter(file, text, ctx);
  const edits: Edit[] = [];
  /** Majors the file's runtime declarations move away from; its layer lists follow them. */
  const leaving = new Set<number>();
  const layers: ts.ArrayLiteralExpression[] = [];
  const walk = (node: ts.Node): void => {
    const layer = layerList(node, file);
    if (layer) return void layers.push(layer);
    const edit = runtimeMember(node, file, ctx, writer) ?? runtimeString(node, file, ctx);
    if (edit) {
      edits.push(edit);
      const major = runtimeItem(node, file, writer, ctx).major;
      if (major !== undefined) leaving.add(major);
    }
    ts.forEachChild(node, walk);
  };
  walk(file);
  for (const array of layers)
    edits.push(
      ...layerListEdits(
        text,
        array.elements.map((element) => runtimeItem(element, file, writer, ctx)),
        ctx,
        leaving,
        'lines',
      ),
    );
  return [...edits, ...writer.finish()];
}

export const cdkCode: Surface = {
  name: 'cdk',
  matches: (path, text, language) =>
    /\.(m|c)?(t|j)sx?$/i.test(path) &&
    !/\.d\.[cm]?ts$/i.test(path) &&
    (/aws-cdk|@aws-cdk|constructs/.test(text) || /^serverless\.[cm]?[tj]s$/i.test(baseName(path))) &&
    language.mention.test(text),
  apply: (text, ctx) => {
    const edits = cdkEdits(text, ctx);
    if (ctx.language.id === 'nodejs' && typedServerless(ctx.file, text)) serverlessTypes(edits, ctx);
    return applyEdits(text, edits);
  },
};

/** A serverless.ts now naming a runtime its installed @serverless/typescript lacks fails to type-check: said at the first one. */
function serverlessTypes(edits: readonly Edit[], ctx: SurfaceContext): void {
  const written = edits.find((edit) => edit.text === ctx.language.lambda.id(ctx.target));
  const lacks = written && ctx.project && serverlessTypesLack(ctx.project, ctx.file, ctx.target);
  if (!written || !lacks) return;
  ctx.report(
    written.start,
    'serverless-types-lack-runtime',
    `${lacks}, so this file fails to type-check (TS2322) after the runtime moves to ${ctx.language.lambda.id(ctx.target)}: ` +
      `raise ${serverlessTypesPackage} to ${SERVERLESS_TYPESCRIPT_NODEJS[ctx.target]} or later (the typescript-upgrade step does when the definition runs it)`,
    'manual',
  );
}
