// One read of a field whose v3 shape differs (see shapes.ts), rewritten to give what v2 gave:
//   stream (S3 Body):  x.toString(enc) -> await x.transformToString(enc)
//                      any other value use -> Buffer.from(await x.transformToByteArray())
//   bytes (Uint8Array): x.toString()   -> new TextDecoder().decode(x)
//                      x.toString(enc) -> Buffer.from(x).toString(enc); other value uses -> Buffer.from(x)
// Presence tests (`if (!x)`, `x == null`) and writes mean the same in v3 and are left alone; type
// assertions around the read (`(x as Buffer)`, `<Buffer>x`) go, since the value is now a Buffer
// or a string again.
import { ts } from '../../util/typescript.cjs';
import { isAsync } from './awaiting.js';
import { report, type FileContext } from './context.js';

type Use = 'check' | 'write' | 'pipe' | 'toString' | 'json' | 'buffer' | 'value';

export interface FieldRead {
  /** The read itself: `x.Body` or the destructured `Body`. */
  node: ts.Expression;
  /** The read with its parentheses, type assertions and `!` around it. */
  outer: ts.Expression;
  field: string;
  kind: 'stream' | 'bytes' | 'plain';
  use: Use;
  consumes: boolean;
}

const wrappers = (n: ts.Node) =>
  ts.isParenthesizedExpression(n) ||
  ts.isAsExpression(n) ||
  ts.isTypeAssertionExpression(n) ||
  ts.isNonNullExpression(n) ||
  ts.isSatisfiesExpression(n);

function isNullish(e: ts.Expression): boolean {
  return e.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(e) && e.text === 'undefined');
}

function useOf(outer: ts.Expression): Use {
  const p = outer.parent;
  if (ts.isPrefixUnaryExpression(p) && p.operator === ts.SyntaxKind.ExclamationToken) return 'check';
  if (ts.isTypeOfExpression(p) || ts.isDeleteExpression(p)) return 'check';
  if ((ts.isIfStatement(p) || ts.isWhileStatement(p)) && p.expression === outer) return 'check';
  if (ts.isConditionalExpression(p) && p.condition === outer) return 'check';
  if (ts.isBinaryExpression(p)) {
    const op = p.operatorToken.kind;
    const other = p.left === outer ? p.right : p.left;
    if (
      [
        ts.SyntaxKind.EqualsEqualsToken,
        ts.SyntaxKind.EqualsEqualsEqualsToken,
        ts.SyntaxKind.ExclamationEqualsToken,
        ts.SyntaxKind.ExclamationEqualsEqualsToken,
      ].includes(op) &&
      isNullish(other)
    )
      return 'check';
    if (op === ts.SyntaxKind.AmpersandAmpersandToken && p.left === outer) return 'check';
    if (op >= ts.SyntaxKind.FirstAssignment && op <= ts.SyntaxKind.LastAssignment && p.left === outer) return 'write';
  }
  const method =
    ts.isPropertyAccessExpression(p) &&
    p.expression === outer &&
    ts.isCallExpression(p.parent) &&
    p.parent.expression === p;
  if (method) {
    if (p.name.text === 'pipe') return 'pipe';
    if (p.name.text === 'toString') return 'toString';
  }
  if (ts.isCallExpression(p) && p.arguments[0] === outer && p.expression.getText() === 'JSON.parse') return 'json';
  const only = ts.isCallExpression(p) && p.arguments.length === 1 && p.arguments[0] === outer;
  if (only && p.expression.getText() === 'Buffer.from') return 'buffer';
  return 'value';
}

export function classify(ctx: FileContext, node: ts.Expression, field: string, kind: FieldRead['kind']): FieldRead {
  let outer = node;
  while (wrappers(outer.parent)) outer = outer.parent as ts.Expression;
  const use = useOf(outer);
  return { node, outer, field, kind, use, consumes: use !== 'check' && use !== 'write' };
}

const isTs = (ctx: FileContext) => /\.[cm]?tsx?$/.test(ctx.path);

/** `!` after the read where `!` or a type assertion (both dropped) hid that the field may be undefined. */
function bang(ctx: FileContext, r: FieldRead): string {
  return isTs(ctx) && r.outer !== r.node ? '!' : '';
}

/** Replace what surrounds the read (never the read itself: converted calls may sit inside it). */
function wrap(ctx: FileContext, r: FieldRead, whole: ts.Node, before: string, after: string): void {
  ctx.edits.replace(whole.getStart(ctx.sf), r.node.getStart(ctx.sf), before);
  ctx.edits.replace(r.node.getEnd(), whole.getEnd(), after);
}

function argsOf(ctx: FileContext, call: ts.CallExpression): string {
  return call.arguments.map((a) => a.getText(ctx.sf)).join(', ');
}

/** `name: value` where the read stood as a shorthand property `{ Body }`. */
function named(r: FieldRead, text: string): string {
  return ts.isShorthandPropertyAssignment(r.outer.parent) ? `${(r.node as ts.Identifier).text}: ${text}` : text;
}

export function adaptRead(ctx: FileContext, r: FieldRead): void {
  if (r.use === 'check' || r.use === 'write') return;
  if ((r.use === 'pipe' && r.kind === 'stream') || (r.use === 'buffer' && r.kind === 'bytes')) return;
  if (r.kind === 'bytes') return adaptBytes(ctx, r);
  if (!canAwait(ctx, r)) return;
  const b = bang(ctx, r);
  if (r.use === 'toString') {
    const call = r.outer.parent.parent as ts.CallExpression;
    const p = call.parent;
    const parens =
      ((ts.isPropertyAccessExpression(p) || ts.isElementAccessExpression(p)) && p.expression === call) ||
      (ts.isCallExpression(p) && p.expression === call);
    const read = `${b}.transformToString(${argsOf(ctx, call)})`;
    wrap(ctx, r, call, parens ? '(await ' : 'await ', parens ? `${read})` : read);
  } else if (r.use === 'json') {
    wrap(ctx, r, r.outer, 'await ', `${b}.transformToString()`);
  } else if (r.use === 'buffer') {
    wrap(ctx, r, r.outer, 'await ', `${b}.transformToByteArray()`);
  } else {
    wrap(ctx, r, r.outer, named(r, 'Buffer.from(await '), `${b}.transformToByteArray())`);
  }
}

function adaptBytes(ctx: FileContext, r: FieldRead): void {
  const b = bang(ctx, r);
  if (r.use === 'toString') {
    const call = r.outer.parent.parent as ts.CallExpression;
    const args = argsOf(ctx, call);
    if (args) wrap(ctx, r, call, 'Buffer.from(', `${b}).toString(${args})`);
    else wrap(ctx, r, call, 'new TextDecoder().decode(', ')');
  } else if (r.use === 'json') {
    wrap(ctx, r, r.outer, 'new TextDecoder().decode(', ')');
  } else {
    wrap(ctx, r, r.outer, named(r, 'Buffer.from('), `${b})`);
  }
}

const madeAsync = new WeakSet<ts.Node>();
/** Callbacks whose bodies now run in their async function after an `await` (callback-await.ts). */
export const awaitedCallbacks = new WeakSet<ts.Node>();

/** The read sits in (or can be put in) an async function; otherwise it is reported. */
function canAwait(ctx: FileContext, r: FieldRead): boolean {
  const fn = enclosingFunction(r.node);
  const awaited = !!fn && awaitedCallbacks.has(fn);
  if (fn && (awaited || isAsync(fn) || madeAsync.has(fn))) return true;
  if (fn && isThenCallback(fn)) {
    madeAsync.add(fn);
    ctx.edits.insert(fn.getStart(ctx.sf), 'async ');
    return true;
  }
  report(
    ctx,
    r.node,
    'body-stream',
    `${r.field} is read outside an async function: in v3 it is a stream; ` +
      `read it with \`await ${r.field}.transformToString()\` by hand`,
  );
  return false;
}

function enclosingFunction(node: ts.Node): ts.FunctionLikeDeclaration | undefined {
  for (let cur = node.parent; cur; cur = cur.parent) {
    if (
      ts.isFunctionDeclaration(cur) ||
      ts.isFunctionExpression(cur) ||
      ts.isArrowFunction(cur) ||
      ts.isMethodDeclaration(cur)
    )
      return cur;
  }
  return undefined;
}

/** A function passed to `.then(...)`: making it async is safe, the chain awaits what it returns. */
function isThenCallback(fn: ts.FunctionLikeDeclaration): boolean {
  const call = fn.parent;
  return (
    ts.isCallExpression(call) &&
    call.arguments[0] === fn &&
    ts.isPropertyAccessExpression(call.expression) &&
    call.expression.name.text === 'then'
  );
}
