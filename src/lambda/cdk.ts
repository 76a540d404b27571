// Functions of CDK apps written in TypeScript or JavaScript: `new lambda.Function(this, 'Id', { runtime,
// handler, code: Code.fromAsset(dir) | Code.fromInline(text) })` and `new NodejsFunction(this, 'Id',
// { entry, handler, bundling })` (https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_lambda-readme.html).
import { posix } from 'node:path';
import { ts } from '../util/typescript.cjs';
import { cdkTriggers, heldUnder } from './cdk-triggers.js';
import { resolveHandler, SOURCE_EXTENSIONS } from './handler-files.js';
import type { RepoView } from '../codemods/types.js';
import {
  declaredMemorySize,
  insideRepo,
  isIgnoredPath,
  lineAt,
  type Architecture,
  type InlineCode,
  type LambdaFunction,
} from './functions.js';

const constructName = /(?:^|\.)(Function|NodejsFunction|SingletonFunction)$/;
const testFile = /\.(test|spec)\.[cm]?[jt]sx?$|(^|\/)(test|tests|__tests__)\//;

function isCandidatePath(path: string): boolean {
  return /\.[mc]?[jt]s$/.test(path) && !path.endsWith('.d.ts') && !isIgnoredPath(path) && !testFile.test(path);
}

function isCandidate(text: string): boolean {
  return /aws-lambda|aws_lambda|NodejsFunction/.test(text) && /new\s+[\w$.]*Function\s*\(/.test(text);
}

interface Context {
  path: string;
  text: string;
  sf: ts.SourceFile;
  files: ReadonlySet<string>;
  read(path: string): string;
  /** The folder `cdk` runs in (holding cdk.json): relative asset paths are read from there. */
  root: string;
}

export function cdkFunctions(repo: RepoView): LambdaFunction[] {
  const files = new Set(repo.files);
  const out: LambdaFunction[] = [];
  for (const path of repo.files) {
    if (!isCandidatePath(path)) continue;
    const text = repo.read(path);
    if (!isCandidate(text)) continue;
    let sf: ts.SourceFile;
    try {
      sf = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
    } catch {
      continue;
    }
    const cx: Context = { path, text, sf, files, read: (p) => repo.read(p), root: appRoot(files, path) };
    const held: [LambdaFunction, string][] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isNewExpression(node) && constructName.test(node.expression.getText(sf))) {
        const fn = functionOf(cx, node);
        if (fn) out.push(fn);
        const name = fn && heldUnder(node, sf);
        if (fn && name) held.push([fn, name]);
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
    const triggers = held.length ? cdkTriggers(sf) : undefined;
    for (const [fn, name] of held) {
      const found = triggers?.get(name);
      if (found?.length) fn.triggers = found;
    }
  }
  return out;
}

function functionOf(cx: Context, node: ts.NewExpression): LambdaFunction | undefined {
  const [, id, propsArg] = node.arguments ?? [];
  const nodejs = /NodejsFunction$/.test(node.expression.getText(cx.sf));
  // a NodejsFunction may have no props at all: everything has a default
  const props = propsArg ? objectOf(cx, propsArg) : nodejs ? ts.factory.createObjectLiteralExpression() : undefined;
  if (!id || !props) return undefined;
  const values = propsOf(cx, props);
  const prop = (name: string) => values.get(name);
  if (!nodejs && !prop('handler') && !prop('code')) return undefined;
  const name = ts.isStringLiteralLike(id) ? id.text : id.getText(cx.sf);
  const fn: LambdaFunction = {
    name,
    source: 'cdk',
    file: cx.path,
    line: lineAt(cx.text, node.getStart(cx.sf)),
    layers: [],
  };
  const runtimeNode = prop('runtime');
  const runtime = runtimeNode ? runtimeOf(runtimeNode.getText(cx.sf)) : nodejs ? 'nodejs' : undefined;
  if (runtime) fn.runtime = runtime;
  const architectureNode = prop('architecture');
  const architecture = architectureNode && architectureOf(architectureNode.getText(cx.sf));
  if (architecture) fn.architecture = architecture;
  const memoryNode = prop('memorySize');
  const memorySize =
    memoryNode && ts.isNumericLiteral(memoryNode) ? declaredMemorySize(Number(memoryNode.text)) : undefined;
  if (memorySize) fn.memorySize = memorySize;
  const handlerNode = prop('handler');
  if (handlerNode && ts.isStringLiteralLike(handlerNode)) fn.handler = handlerNode.text;
  const layers = prop('layers');
  if (layers)
    fn.layers = (ts.isArrayLiteralExpression(layers) ? [...layers.elements] : [layers]).map((e) => ({
      name: e.getText(cx.sf),
    }));
  if (nodejs) nodejsCode(cx, fn, prop('entry'), prop('bundling'), name);
  else code(cx, fn, prop('code'));
  return fn;
}

/** Property name → value, with `...shared` spreads of this file's object literals read in place (a later one wins). */
function propsOf(cx: Context, obj: ts.ObjectLiteralExpression, depth = 0): Map<string, ts.Expression> {
  const out = new Map<string, ts.Expression>();
  for (const p of obj.properties) {
    if (ts.isPropertyAssignment(p)) out.set(p.name.getText(cx.sf), p.initializer);
    else if (ts.isSpreadAssignment(p) && depth < 5) {
      const spread = objectOf(cx, p.expression);
      if (spread) for (const [name, value] of propsOf(cx, spread, depth + 1)) out.set(name, value);
    }
  }
  return out;
}

/** The props object: a literal, or a `const` of this file holding one. */
function objectOf(cx: Context, node: ts.Expression): ts.ObjectLiteralExpression | undefined {
  if (ts.isObjectLiteralExpression(node)) return node;
  if (!ts.isIdentifier(node)) return undefined;
  let found: ts.ObjectLiteralExpression | undefined;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (
      ts.isVariableDeclaration(n) &&
      ts.isIdentifier(n.name) &&
      n.name.text === node.text &&
      n.initializer &&
      ts.isObjectLiteralExpression(n.initializer)
    )
      found = n.initializer;
    else ts.forEachChild(n, visit);
  };
  visit(cx.sf);
  return found;
}

/** `lambda.Runtime.NODEJS_14_X` → nodejs14.x; `NODEJS_LATEST` → nodejs; `new Runtime('nodejs24.x', …)` → nodejs24.x. */
function runtimeOf(text: string): string | undefined {
  const named = /\bNODEJS_(\d+)_X\b/.exec(text);
  if (named) return `nodejs${named[1]}.x`;
  if (/\bNODEJS_LATEST\b/.test(text)) return 'nodejs';
  const literal = /\bRuntime\s*\(\s*['"`]([\w.]+)['"`]/.exec(text);
  if (literal) return literal[1];
  const other = /\b(?:PYTHON|JAVA|DOTNET|GO|RUBY|PROVIDED)\w*/.exec(text);
  return other ? lambdaIdOf(other[0]) : undefined;
}

/**
 * CDK's constant → Lambda's identifier: `PYTHON_3_12` → python3.12, `GO_1_X` → go1.x,
 * `DOTNET_CORE_3_1` → dotnetcore3.1, `JAVA_8_CORRETTO` → java8.al2, `PROVIDED_AL2023` → provided.al2023.
 * A constant of another shape (`PYTHON_3_LATEST`) is kept lower-cased: no schedule knows it.
 */
function lambdaIdOf(constant: string): string {
  if (constant === 'JAVA_8_CORRETTO') return 'java8.al2';
  const provided = /^PROVIDED(?:_(AL2(?:023)?))?$/.exec(constant);
  if (provided) return provided[1] ? `provided.${provided[1].toLowerCase()}` : 'provided';
  const versioned = /^(PYTHON|JAVA|DOTNET_CORE|DOTNET|GO|RUBY)_(\d+)(?:_(\d+|X))?$/.exec(constant);
  if (!versioned) return constant.toLowerCase();
  const family = versioned[1]!.replace('_', '').toLowerCase();
  const minor = versioned[3] === undefined ? '' : `.${versioned[3].toLowerCase()}`;
  // Java and .NET (5 and later) name only the major: java21, dotnet8.
  return `${family}${versioned[2]}${family === 'java' || family === 'dotnet' ? '' : minor}`;
}

/** `lambda.Architecture.ARM_64` (the class under any import name) → arm64; a variable or a condition is not read. */
function architectureOf(text: string): Architecture | undefined {
  const named = /^(?:[\w$]+\s*\.\s*)*(ARM_64|X86_64)$/.exec(text);
  return named ? (named[1] === 'ARM_64' ? 'arm64' : 'x86_64') : undefined;
}

function code(cx: Context, fn: LambdaFunction, node: ts.Expression | undefined): void {
  if (!node || !(ts.isCallExpression(node) || ts.isNewExpression(node))) return;
  const callee = node.expression.getText(cx.sf);
  const arg = node.arguments?.[0];
  if (!arg) return;
  if (/(fromAsset|\.asset|AssetCode)$/.test(callee)) {
    fn.codeRoot = pathValue(cx, arg);
    const target = fn.codeRoot && fn.handler ? resolveHandler(cx.files, fn.codeRoot, fn.handler) : undefined;
    if (target) [fn.handlerFile, fn.exportName] = [target.file, target.exportName];
  } else if (/(fromInline|\.inline|InlineCode)$/.test(callee)) {
    const inline = inlineOf(cx, arg);
    if (inline) fn.inline = inline;
  }
}

/** A NodejsFunction bundles `entry` (default: `<stack file>.<id>.ts` beside the stack) with esbuild. */
function nodejsCode(
  cx: Context,
  fn: LambdaFunction,
  entry: ts.Expression | undefined,
  bundling: ts.Expression | undefined,
  id: string,
): void {
  let file = entry ? pathValue(cx, entry) : undefined;
  if (!entry) {
    const stem = cx.path.replace(/\.[mc]?[jt]s$/, '');
    file = SOURCE_EXTENSIONS.map((ext) => `${stem}.${id}${ext}`).find((f) => cx.files.has(f));
  }
  const target =
    file && cx.files.has(file)
      ? resolveHandler(
          cx.files,
          posix.dirname(file),
          `${posix.basename(file).replace(/\.[mc]?[jt]sx?$/, '')}.${fn.handler ?? 'handler'}`,
        )
      : undefined;
  if (target) [fn.handlerFile, fn.exportName, fn.codeRoot] = [file!, target.exportName, posix.dirname(file!)];
  const externals =
    bundling && ts.isObjectLiteralExpression(bundling)
      ? bundling.properties.find(
          (p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText(cx.sf) === 'externalModules',
        )?.initializer
      : undefined;
  fn.bundler =
    externals && ts.isArrayLiteralExpression(externals)
      ? { externals: externals.elements.filter(ts.isStringLiteralLike).map((e) => e.text) }
      : {};
}

function inlineOf(cx: Context, arg: ts.Expression): InlineCode | undefined {
  const line = lineAt(cx.text, arg.getStart(cx.sf));
  if (ts.isNoSubstitutionTemplateLiteral(arg)) return { text: arg.text, file: cx.path, line, exact: true };
  if (ts.isStringLiteral(arg)) return { text: arg.text, file: cx.path, line, exact: !arg.text.includes('\n') };
  if (ts.isTemplateExpression(arg)) {
    const text =
      arg.head.text + arg.templateSpans.map((s) => `\${${s.expression.getText(cx.sf)}}${s.literal.text}`).join('');
    return { text, file: cx.path, line, exact: false };
  }
  // `fs.readFileSync(path.join(__dirname, 'handler.js'), 'utf8')`: the code is that file.
  if (ts.isCallExpression(arg) && /readFileSync$/.test(arg.expression.getText(cx.sf)) && arg.arguments[0]) {
    const file = pathValue(cx, arg.arguments[0]);
    if (file && cx.files.has(file)) return { text: cx.read(file), file, line: 1, exact: true };
  }
  return undefined;
}

/** A path the app names: a string (read from the app folder), `path.join(__dirname, …)`, or `${__dirname}/…`. */
function pathValue(cx: Context, node: ts.Node): string | undefined {
  const here = posix.dirname(cx.path);
  if (ts.isStringLiteralLike(node)) return insideRepo(cx.root, node.text);
  if (
    ts.isTemplateExpression(node) &&
    node.head.text === '' &&
    node.templateSpans.length === 1 &&
    node.templateSpans[0].expression.getText(cx.sf) === '__dirname'
  ) {
    return insideRepo(here, node.templateSpans[0].literal.text);
  }
  if (!ts.isCallExpression(node) || !/(^|\.)(join|resolve)$/.test(node.expression.getText(cx.sf))) return undefined;
  const [first, ...rest] = node.arguments;
  const fromHere = first?.getText(cx.sf) === '__dirname';
  const parts: string[] = [];
  for (const arg of fromHere ? rest : node.arguments) {
    if (!ts.isStringLiteralLike(arg)) return undefined;
    parts.push(arg.text);
  }
  return insideRepo(fromHere ? here : cx.root, parts.join('/') || '.');
}

/** The folder holding cdk.json above the file (the app folder `cdk` runs in), else the repository root. */
function appRoot(files: ReadonlySet<string>, file: string): string {
  for (let dir = posix.dirname(file); ; dir = posix.dirname(dir)) {
    if (files.has(dir === '.' ? 'cdk.json' : `${dir}/cdk.json`)) return dir;
    if (dir === '.' || dir === '') return '.';
  }
}
