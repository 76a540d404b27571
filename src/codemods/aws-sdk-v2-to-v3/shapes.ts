// v3 output shapes that differ from v2: S3 GetObject's Body is a stream (read it with
// `transformToString()`), Lambda Invoke's Payload is a Uint8Array (decode it before JSON.parse).
import { ts } from 'ts-morph';
import { report, type FileContext } from './context.js';

type Field = 'Body' | 'Payload';

const madeAsync = new WeakSet<ts.Node>();
/** Callbacks whose bodies now run in their async function after an `await` (callback-await.ts). */
export const awaitedCallbacks = new WeakSet<ts.Node>();

export function fieldOf(service: string, op: string): Field | undefined {
  if (service === 'S3' && op === 'getObject') return 'Body';
  if (service === 'Lambda' && (op === 'invoke' || op === 'invokeAsync')) return 'Payload';
  return undefined;
}

/** Names the result of a promise is bound to: `const r = await p`, `p.then((r) => …)`. */
function resultBindings(promise: ts.Expression): { name: string; scope: ts.Node; destructured: boolean }[] {
  const parent = promise.parent;
  const out: { name: string; scope: ts.Node; destructured: boolean }[] = [];
  const fromName = (name: ts.BindingName, scope: ts.Node) => {
    if (ts.isIdentifier(name)) out.push({ name: name.text, scope, destructured: false });
    else if (ts.isObjectBindingPattern(name)) {
      for (const el of name.elements) {
        if (ts.isIdentifier(el.name) && !el.propertyName) out.push({ name: el.name.text, scope, destructured: true });
      }
    }
  };
  if (ts.isAwaitExpression(parent) && ts.isVariableDeclaration(parent.parent)) fromName(parent.parent.name, scopeOf(parent));
  if (ts.isPropertyAccessExpression(parent) && parent.name.text === 'then' && ts.isCallExpression(parent.parent)) {
    const fn = parent.parent.arguments[0];
    if (fn && (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && fn.parameters[0]) fromName(fn.parameters[0].name, fn);
  }
  return out;
}

function scopeOf(node: ts.Node): ts.Node {
  let cur = node.parent;
  while (cur.parent && !ts.isFunctionLike(cur) && !ts.isSourceFile(cur)) cur = cur.parent;
  return cur;
}

/** Convert reads of the changed field on the results of one converted call. */
export function adaptResult(ctx: FileContext, field: Field, promise: ts.Expression, callback?: ts.Expression): void {
  const direct = promise.parent;
  if (ts.isAwaitExpression(direct) && ts.isParenthesizedExpression(direct.parent)
    && ts.isPropertyAccessExpression(direct.parent.parent) && direct.parent.parent.name.text === field) {
    adaptAccess(ctx, field, direct.parent.parent);
  }
  const bindings = resultBindings(promise);
  if (callback && (ts.isArrowFunction(callback) || ts.isFunctionExpression(callback)) && callback.parameters[1]) {
    const p = callback.parameters[1].name;
    if (ts.isIdentifier(p)) bindings.push({ name: p.text, scope: callback, destructured: false });
  }
  for (const b of bindings) {
    if (b.destructured && b.name !== field) continue;
    const visit = (node: ts.Node): void => {
      if (b.destructured && ts.isIdentifier(node) && node.text === field && !ts.isBindingElement(node.parent)
        && !(ts.isPropertyAccessExpression(node.parent) && node.parent.name === node)) adaptAccess(ctx, field, node);
      if (!b.destructured && ts.isPropertyAccessExpression(node) && node.name.text === field
        && ts.isIdentifier(node.expression) && node.expression.text === b.name) adaptAccess(ctx, field, node);
      ts.forEachChild(node, visit);
    };
    visit(b.scope);
  }
}

/** One read of `x.Body` / `x.Payload` (or the destructured name). */
function adaptAccess(ctx: FileContext, field: Field, node: ts.Expression): void {
  let access = node;
  while (ts.isNonNullExpression(access.parent)) access = access.parent;
  const parent = access.parent;
  const toString = ts.isPropertyAccessExpression(parent) && parent.name.text === 'toString'
    && ts.isCallExpression(parent.parent) && parent.parent.expression === parent ? parent.parent : undefined;
  if (field === 'Payload') return adaptPayload(ctx, access, toString);
  if (!toString) {
    if (ts.isPropertyAccessExpression(parent) && parent.name.text === 'pipe') return; // a Readable in Node.js
    return report(ctx, access, 'body-stream', 'S3 GetObject Body is a stream in v3: read it with `await Body.transformToString()` or `transformToByteArray()`', 'manual');
  }
  const fn = enclosingFunction(access);
  const awaited = !!fn && awaitedCallbacks.has(fn);
  const asyncable = fn && (awaited || isAsync(fn) || isThenCallback(fn));
  if (!asyncable) {
    return report(ctx, access, 'body-stream', 'Body.toString() outside an async function: read the stream with `await Body.transformToString()` by hand', 'manual');
  }
  if (!awaited && !isAsync(fn) && !madeAsync.has(fn)) {
    madeAsync.add(fn);
    ctx.edits.insert(fn.getStart(ctx.sf), 'async ');
  }
  ctx.edits.replaceNode((parent as ts.PropertyAccessExpression).name, 'transformToString', ctx.sf);
  const needsParens = ts.isPropertyAccessExpression(toString.parent) || ts.isElementAccessExpression(toString.parent)
    || (ts.isCallExpression(toString.parent) && toString.parent.expression === toString);
  ctx.edits.insert(toString.getStart(ctx.sf), needsParens ? '(await ' : 'await ');
  if (needsParens) ctx.edits.insert(toString.getEnd(), ')');
}

function adaptPayload(ctx: FileContext, access: ts.Expression, toString: ts.CallExpression | undefined): void {
  const start = access.getStart(ctx.sf);
  if (toString) {
    ctx.edits.insert(start, 'new TextDecoder().decode(');
    ctx.edits.replace(access.getEnd(), toString.getEnd(), ')');
    return;
  }
  const parent = access.parent;
  if (ts.isCallExpression(parent) && parent.arguments[0] === access && parent.expression.getText(ctx.sf) === 'JSON.parse') {
    ctx.edits.insert(start, 'new TextDecoder().decode(');
    ctx.edits.insert(access.getEnd(), ')');
    return;
  }
  report(ctx, access, 'lambda-payload', 'Lambda Invoke Payload is a Uint8Array in v3: decode it with `new TextDecoder().decode(...)` where a string is expected', 'warning');
}

function enclosingFunction(node: ts.Node): ts.FunctionLikeDeclaration | undefined {
  for (let cur = node.parent; cur; cur = cur.parent) {
    if (ts.isFunctionDeclaration(cur) || ts.isFunctionExpression(cur) || ts.isArrowFunction(cur) || ts.isMethodDeclaration(cur)) return cur;
  }
  return undefined;
}

function isAsync(fn: ts.FunctionLikeDeclaration): boolean {
  return !!ts.getModifiers(fn as ts.HasModifiers)?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword);
}

/** A function passed to `.then(...)`: making it async is safe, the chain awaits what it returns. */
function isThenCallback(fn: ts.FunctionLikeDeclaration): boolean {
  const call = fn.parent;
  return ts.isCallExpression(call) && call.arguments[0] === fn && ts.isPropertyAccessExpression(call.expression)
    && call.expression.name.text === 'then';
}
