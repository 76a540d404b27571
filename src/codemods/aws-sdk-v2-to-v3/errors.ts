// v3 errors carry the service's error code in `name` and the HTTP status in `$metadata`, so the
// handlers that catch errors of converted calls read those instead of `code` and `statusCode`.
import { ts } from 'ts-morph';
import { report, type FileContext } from './context.js';

const renamed: Record<string, string> = {
  code: 'name',
  statusCode: '$metadata?.httpStatusCode',
  requestId: '$metadata?.requestId',
  retryable: '$retryable',
};

const done = new WeakSet<ts.Node>();

/** Rewrite `err.code` etc. inside `body`, where `err` is the caught error of an SDK call. */
export function renameErrorFields(ctx: FileContext, errName: string, body: ts.Node): void {
  if (done.has(body)) return;
  done.add(body);
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === errName
      && Object.hasOwn(renamed, node.name.text)) {
      if (node.name.text === 'code' && comparesWithErrno(node)) {
        report(ctx, node, 'error-code', `\`${errName}.code\` is compared with a Node.js error code too; check which errors reach here`, 'warning');
      } else {
        ctx.edits.replaceNode(node.name, renamed[node.name.text], ctx.sf);
      }
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

function errorParam(fn: ts.Node | undefined, index: number): { name: string; body: ts.Node } | undefined {
  if (!fn || !(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn))) return undefined;
  const param = fn.parameters[index];
  return param && ts.isIdentifier(param.name) ? { name: param.name.text, body: fn.body } : undefined;
}

/** The callback of a converted callback-style call. */
export function renameInCallback(ctx: FileContext, callback: ts.Expression): void {
  const err = errorParam(callback, 0);
  if (err) renameErrorFields(ctx, err.name, err.body);
}

/** Handlers that see the rejection of a converted promise: `.catch`, `.then(_, h)`, and try/catch. */
export function renameInHandlers(ctx: FileContext, promise: ts.Expression): void {
  let node: ts.Node = promise;
  // promise chains: x.then(a, b).catch(c)
  while (ts.isPropertyAccessExpression(node.parent) && ts.isCallExpression(node.parent.parent)) {
    const method = node.parent.name.text;
    const call = node.parent.parent;
    const handler = method === 'catch' ? errorParam(call.arguments[0], 0) : method === 'then' ? errorParam(call.arguments[1], 0) : undefined;
    if (handler) renameErrorFields(ctx, handler.name, handler.body);
    if (method !== 'then' && method !== 'catch' && method !== 'finally') break;
    node = call;
  }
  for (let cur: ts.Node = node; cur.parent && !ts.isFunctionLike(cur); cur = cur.parent) {
    const parent = cur.parent;
    if (ts.isTryStatement(parent) && parent.tryBlock === cur && parent.catchClause) {
      const decl = parent.catchClause.variableDeclaration;
      if (decl && ts.isIdentifier(decl.name)) renameErrorFields(ctx, decl.name.text, parent.catchClause.block);
      return;
    }
  }
}
