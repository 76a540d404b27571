// `AWS.util` helpers -> plain JavaScript (v3 has no such namespace), where the replacement is the
// same program for the value at hand. v2's helpers walk objects with for-in, so they also see
// inherited enumerable keys and an array's extra own keys, pass null through, and stop
// `arrayEach` when the iterator returns `AWS.util.abort`. Hence the arguments must be literals
// (or consts the file fills with literals):
//   arrayEach(array, fn)  -> array.forEach(fn)          fn an inline function of (item, index)
//   arraySliceFn(array)   -> array.slice
//   copy(object)          -> Object.assign({}, object)
// Anything else (other helpers, other arguments) stays and is reported.
import { ts } from '../../util/typescript.cjs';
import { markConsumed, resolveRef } from './bindings.js';
import { report, textOf, type FileContext } from './context.js';
import { literalOf } from './values.js';

const isArray = (e: ts.Node): e is ts.ArrayLiteralExpression => ts.isArrayLiteralExpression(e);
const isObject = (e: ts.Node): e is ts.ObjectLiteralExpression => ts.isObjectLiteralExpression(e);
const notArray = { why: 'the argument is not an array literal or a const one' };

/** `AWS.util.abort` anywhere in the file: an iterator might return it to stop arrayEach. */
function usesAbort(ctx: FileContext): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    const abort = ts.isPropertyAccessExpression(node) && node.name.text === 'abort';
    if (abort && resolveRef(ctx, node.expression)?.kind === 'helper') found = true;
    if (ts.isBindingElement(node) && (node.propertyName ?? node.name).getText(ctx.sf) === 'abort') found = true;
    if (!found) ts.forEachChild(node, visit);
  };
  visit(ctx.sf);
  return found;
}

/** An iterator `forEach` calls as arrayEach did: it cannot see `this` or a third argument. */
function plainIterator(fn: ts.Expression | undefined): fn is ts.ArrowFunction | ts.FunctionExpression {
  if (!fn || !(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn))) return false;
  if (fn.parameters.length > 2 || fn.parameters.some((p) => p.dotDotDotToken)) return false;
  if (ts.isArrowFunction(fn)) return true;
  let ok = true;
  const visit = (node: ts.Node): void => {
    if (node.kind === ts.SyntaxKind.ThisKeyword || (ts.isIdentifier(node) && node.text === 'arguments')) ok = false;
    // nested ordinary functions have their own `this`; arrows share the iterator's
    if (ok && !ts.isFunctionDeclaration(node) && !ts.isFunctionExpression(node)) ts.forEachChild(node, visit);
  };
  ts.forEachChild(fn, visit);
  return ok;
}

/** `__proto__: x` in an object literal gives it inherited keys that for-in would copy. */
function ownKeysOnly(literal: ts.ObjectLiteralExpression): boolean {
  return !literal.properties.some(
    (p) => p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) && p.name.text === '__proto__',
  );
}

type Edit = [start: number, end: number, text: string];

/**
 * The edits that turn the call into plain JavaScript, or why there are none. Only the text around
 * the arguments changes, so rewrites inside them (an iterator calling a client) still apply.
 */
function plan(ctx: FileContext, call: ts.CallExpression, helper: string): Edit[] | { why: string } {
  const [arg, fn] = call.arguments;
  const count = call.arguments.length;
  const start = call.getStart(ctx.sf);
  if (helper === 'arrayEach') {
    if (count !== 2 || !literalOf(ctx, arg, isArray)) return notArray;
    if (!plainIterator(fn) || usesAbort(ctx)) {
      return {
        why:
          'the iterator is not an inline function of (item, index) free of this and arguments, ' +
          'in a file without AWS.util.abort',
      };
    }
    return [
      [start, arg.getStart(ctx.sf), ''],
      [arg.getEnd(), fn.getStart(ctx.sf), '.forEach('],
    ];
  }
  if (helper === 'arraySliceFn') {
    if (count !== 1 || !literalOf(ctx, arg, isArray)) return notArray;
    const parent = call.parent;
    const callee = (ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.expression === call;
    if (callee) return { why: 'called in place' };
    return [
      [start, arg.getStart(ctx.sf), ''],
      [arg.getEnd(), call.getEnd(), '.slice'],
    ];
  }
  if (helper === 'copy') {
    const literal = count === 1 ? literalOf(ctx, arg, isObject) : undefined;
    if (!literal || !ownKeysOnly(literal)) {
      return { why: 'not an object literal or a const one; v2 also copied inherited keys and passed null on' };
    }
    return [[start, arg.getStart(ctx.sf), 'Object.assign({}, ']];
  }
  return { why: `AWS.util.${helper} has no plain JavaScript equivalent here` };
}

/**
 * `;` when the call starts a statement that now begins with `[`, `(` or a backtick after a line
 * without a semicolon, which would otherwise continue that line; '' otherwise.
 */
function separator(ctx: FileContext, call: ts.CallExpression, first: string): string {
  let top: ts.Node = call;
  const start = call.getStart(ctx.sf);
  while (!ts.isExpressionStatement(top.parent) && top.parent.getStart(ctx.sf) === start) top = top.parent;
  if (!ts.isExpressionStatement(top.parent) || !/^[[(`]/.test(first)) return '';
  const stmt = top.parent;
  const list = 'statements' in stmt.parent ? (stmt.parent.statements as ts.NodeArray<ts.Statement>) : undefined;
  const prev = list?.[list.indexOf(stmt) - 1];
  // statements that always end with a block's `}`, never with an expression
  const closed =
    prev &&
    (ts.isFunctionDeclaration(prev) ||
      ts.isClassDeclaration(prev) ||
      ts.isBlock(prev) ||
      ts.isTryStatement(prev) ||
      ts.isSwitchStatement(prev) ||
      ts.isEnumDeclaration(prev) ||
      ts.isModuleDeclaration(prev) ||
      ts.isInterfaceDeclaration(prev));
  const safe = !!list && (!prev || closed || prev.getText(ctx.sf).endsWith(';'));
  return safe ? '' : ';';
}

/** Convert `AWS.util.<helper>(…)`; true when the call was one (converted or reported). */
export function convertUtil(ctx: FileContext, call: ts.CallExpression): boolean {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee)) return false;
  const ref = resolveRef(ctx, callee.expression);
  if (ref?.kind !== 'helper' || ref.name !== 'util') return false;
  const edits = plan(ctx, call, callee.name.text);
  if (!Array.isArray(edits)) {
    report(
      ctx,
      call,
      'util',
      `AWS.util.${callee.name.text} left as is (${edits.why}); ` + 'replace it with plain JavaScript by hand',
    );
    return true;
  }
  markConsumed(ctx, callee.expression);
  const [[start, end, text], ...rest] = edits;
  ctx.edits.replace(start, end, separator(ctx, call, text || textOf(ctx, call.arguments[0])) + text);
  for (const [s, e, t] of rest) ctx.edits.replace(s, e, t);
  return true;
}
