// v3 errors carry the service's error code in `name` and the HTTP status and request ids in
// `$metadata` (https://docs.aws.amazon.com/sdk-for-javascript/v3/developer-guide/migrating.html),
// so the handlers that catch errors of converted calls read those instead of `code` and
// `statusCode`. v2 fields with no v3 equivalent are reported, not guessed.
import { ts } from '../../util/typescript.cjs';
import { report, type FileContext } from './context.js';

const renamed: Record<string, string> = {
  code: 'name',
  statusCode: '$metadata?.httpStatusCode',
  requestId: '$metadata?.requestId',
  extendedRequestId: '$metadata?.extendedRequestId',
  cfId: '$metadata?.cfId',
};

// v2 set `retryable` (a boolean) on throttling, 5xx, timeout and network errors; v3's `$retryable`
// is an object set only on errors the service model marks retryable, so it is not the same test.
const unmatched: Record<string, string> = {
  retryable:
    'v3 has no boolean `retryable`: `$retryable` is set only on errors the service models as retryable ' +
    '(not on 5xx or network errors); decide the retry test by hand',
  retryDelay: 'v3 errors carry no `retryDelay`; the retry strategy owns the delays',
  time: 'v3 errors carry no `time`; record the time where the error is caught',
  region: 'v3 errors carry no `region`; read it from the client configuration',
  hostname: 'v3 errors carry no `hostname`',
  originalError: 'v3 errors carry no `originalError`; the error itself (or its `cause`) is what v2 wrapped',
};

const done = new WeakSet<ts.Node>();

/** `err`, `(err as AWSError)`, `<any>err`, `err!`: the caught error under TypeScript's wrappers. */
function isErr(expr: ts.Expression, names: Set<string>): boolean {
  if (ts.isIdentifier(expr)) return names.has(expr.text);
  if (
    ts.isParenthesizedExpression(expr) ||
    ts.isAsExpression(expr) ||
    ts.isTypeAssertionExpression(expr) ||
    ts.isNonNullExpression(expr)
  ) {
    return isErr(expr.expression, names);
  }
  return false;
}

/** `const e = err as AWSError;` inside the handler: `e` is the same error. */
function aliases(body: ts.Node, errName: string): Set<string> {
  const names = new Set([errName]);
  const visit = (node: ts.Node): void => {
    const alias = ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer;
    if (alias && isErr(node.initializer!, names)) names.add((node.name as ts.Identifier).text);
    if (!ts.isFunctionLike(node)) ts.forEachChild(node, visit);
  };
  visit(body);
  return names;
}

/** `err.code`, `err?.code`, `err['code']` -> the field name, or undefined. */
function fieldRead(node: ts.Node, names: Set<string>): { field: string; nameNode: ts.Node } | undefined {
  if (ts.isPropertyAccessExpression(node) && isErr(node.expression, names)) {
    return { field: node.name.text, nameNode: node.name };
  }
  if (
    ts.isElementAccessExpression(node) &&
    isErr(node.expression, names) &&
    ts.isStringLiteral(node.argumentExpression)
  ) {
    return { field: node.argumentExpression.text, nameNode: node.argumentExpression };
  }
  return undefined;
}

type FieldAccess = ts.PropertyAccessExpression | ts.ElementAccessExpression;

function renameRead(ctx: FileContext, node: FieldAccess, field: string, nameNode: ts.Node): void {
  if (field === 'code' && comparesWithErrno(node)) {
    const what = node.getText(ctx.sf);
    const why = 'is compared with a Node.js error code too; check which errors reach here';
    return report(ctx, node, 'error-code', `\`${what}\` ${why}`, 'warning');
  }
  const to = renamed[field];
  if (ts.isPropertyAccessExpression(node)) return ctx.edits.replaceNode(nameNode, to, ctx.sf);
  // err['statusCode'] -> err.$metadata?.httpStatusCode; err['code'] -> err['name']
  if (to.includes('.')) {
    ctx.edits.replace(node.expression.getEnd(), node.getEnd(), `${node.questionDotToken ? '?' : ''}.${to}`);
  } else ctx.edits.replaceNode(nameNode, `${nameNode.getText(ctx.sf)[0]}${to}${nameNode.getText(ctx.sf)[0]}`, ctx.sf);
}

/** `{ code, message }` bound from the error: `code` -> `name: code`; others reported. */
function renamePattern(ctx: FileContext, pattern: ts.ObjectBindingPattern): void {
  for (const el of pattern.elements) {
    const key = el.propertyName ?? el.name;
    if (!ts.isIdentifier(key) || el.dotDotDotToken) continue;
    if (key.text === 'code') ctx.edits.replaceNode(key, el.propertyName ? 'name' : `name: ${key.text}`, ctx.sf);
    else if (Object.hasOwn(renamed, key.text) || Object.hasOwn(unmatched, key.text)) {
      const where = renamed[key.text] ?? 'nothing';
      report(
        ctx,
        el,
        'error-field',
        `\`${key.text}\` destructured from an SDK error: v3 keeps it under \`${where}\`; ` + 'rewrite it by hand',
      );
    }
  }
}

/** Rewrite `err.code` etc. inside `body`, where `err` is the caught error of an SDK call. */
export function renameErrorFields(ctx: FileContext, errName: string, body: ts.Node): void {
  if (done.has(body)) return;
  done.add(body);
  const names = aliases(body, errName);
  const visit = (node: ts.Node): void => {
    const read = fieldRead(node, names);
    if (read && Object.hasOwn(renamed, read.field)) renameRead(ctx, node as FieldAccess, read.field, read.nameNode);
    else if (read && Object.hasOwn(unmatched, read.field)) {
      report(ctx, node, 'error-field', `\`${node.getText(ctx.sf)}\`: ${unmatched[read.field]}`);
    }
    const destructures = ts.isVariableDeclaration(node) && ts.isObjectBindingPattern(node.name) && node.initializer;
    if (destructures && isErr(node.initializer!, names)) {
      renamePattern(ctx, node.name);
    }
    ts.forEachChild(node, visit);
  };
  visit(body);
}

function comparesWithErrno(node: ts.Node): boolean {
  const parent = node.parent;
  if (!ts.isBinaryExpression(parent)) return false;
  const other = parent.left === node ? parent.right : parent.left;
  return ts.isStringLiteralLike(other) && /^E[A-Z]{2,}$/.test(other.text);
}

/** The error parameter of a handler function: its name, or its destructuring pattern. */
interface ErrorParam {
  name?: string;
  pattern?: ts.ObjectBindingPattern;
  body: ts.Node;
}

function errorParam(fn: ts.Node | undefined, index: number): ErrorParam | undefined {
  if (!fn || !(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn))) return undefined;
  const param = fn.parameters[index];
  if (param && ts.isIdentifier(param.name)) return { name: param.name.text, body: fn.body };
  if (param && ts.isObjectBindingPattern(param.name)) return { pattern: param.name, body: fn.body };
  return undefined;
}

function renameIn(ctx: FileContext, handler: ReturnType<typeof errorParam>): void {
  if (handler?.name) renameErrorFields(ctx, handler.name, handler.body);
  else if (handler?.pattern && !done.has(handler.pattern)) {
    done.add(handler.pattern);
    renamePattern(ctx, handler.pattern);
  }
}

/** The callback of a converted callback-style call (its error may be null: no destructuring there). */
export function renameInCallback(ctx: FileContext, callback: ts.Expression): void {
  const err = errorParam(callback, 0);
  if (err?.name) renameErrorFields(ctx, err.name, err.body);
}

/** Handlers that see the rejection of a converted promise: `.catch`, `.then(_, h)`, and try/catch. */
export function renameInHandlers(ctx: FileContext, promise: ts.Expression): void {
  let node: ts.Node = promise;
  // promise chains: x.then(a, b).catch(c)
  while (ts.isPropertyAccessExpression(node.parent) && ts.isCallExpression(node.parent.parent)) {
    const method = node.parent.name.text;
    const call = node.parent.parent;
    if (method === 'catch') renameIn(ctx, errorParam(call.arguments[0], 0));
    else if (method === 'then') renameIn(ctx, errorParam(call.arguments[1], 0));
    if (method !== 'then' && method !== 'catch' && method !== 'finally') break;
    node = call;
  }
  for (let cur: ts.Node = node; cur.parent && !ts.isFunctionLike(cur); cur = cur.parent) {
    const parent = cur.parent;
    if (ts.isTryStatement(parent) && parent.tryBlock === cur && parent.catchClause) {
      const decl = parent.catchClause.variableDeclaration;
      if (decl && ts.isIdentifier(decl.name)) renameErrorFields(ctx, decl.name.text, parent.catchClause.block);
      else if (decl && ts.isObjectBindingPattern(decl.name) && !done.has(decl.name)) {
        done.add(decl.name);
        renamePattern(ctx, decl.name);
      }
      return;
    }
  }
}
