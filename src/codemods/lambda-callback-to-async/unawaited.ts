// Node.js 24 no longer waits for work a handler leaves running after it returns. Promises a
// handler starts without awaiting or returning them are reported, as a person must decide
// whether the response depends on them.
import { ts } from '../../util/typescript.cjs';
import { descendants, enclosingFunction, isAsync, nameText, unwrapExpression, type FunctionNode } from './scope.js';

const PROMISE_METHODS = new Set(['then', 'catch', 'finally', 'promise']);
const PROMISE_STATICS = /^Promise\.(all|allSettled|any|race)$/;

/** Names of functions declared `async` at the top of the file: calling one starts a promise. */
export function asyncFunctionNames(sf: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  for (const st of sf.statements) {
    if (ts.isFunctionDeclaration(st) && isAsync(st) && nameText(st)) names.add(nameText(st)!);
    if (!ts.isVariableStatement(st)) continue;
    for (const d of st.declarationList.declarations) {
      const init = d.initializer;
      const fn = init && unwrapExpression(init);
      if (fn !== undefined && (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && isAsync(fn))
        names.add(nameText(d)!);
    }
  }
  return names;
}

/**
 * Expression statements of the handler's own flow that start a promise nobody awaits.
 * Statements that hand the result to the callback or context settle the invocation and are fine.
 */
export function unawaitedPromises(
  fn: FunctionNode,
  asyncNames: ReadonlySet<string>,
  settlers: readonly string[],
): ts.Node[] {
  const body = fn.body;
  if (!body || !ts.isBlock(body)) return [];
  return descendants(body, ts.isExpressionStatement).filter((statement) => {
    if (enclosingFunction(statement) !== fn) return false;
    let expr = unwrapExpression(statement.expression);
    if (ts.isVoidExpression(expr)) expr = unwrapExpression(expr.expression);
    if (!startsPromise(expr, asyncNames)) return false;
    const text = expr.getText();
    return !settlers.some((name) => new RegExp(`\\b${name.replace(/[.$]/g, '\\$&')}\\b`).test(text));
  });
}

/** The expression evidently evaluates to a promise (without a type checker). */
export function startsPromise(expr: ts.Node, asyncNames: ReadonlySet<string>): boolean {
  if (ts.isNewExpression(expr)) return expr.expression.getText() === 'Promise';
  if (!ts.isCallExpression(expr)) return false;
  const callee = expr.expression;
  if (ts.isIdentifier(callee)) return callee.getText() === 'fetch' || asyncNames.has(callee.getText());
  if (!ts.isPropertyAccessExpression(callee)) return false;
  if (PROMISE_METHODS.has(callee.name.text) || PROMISE_STATICS.test(callee.getText())) return true;
  // AWS SDK v3: `client.send(command)` returns a promise.
  const first = expr.arguments[0];
  return callee.name.text === 'send' && first !== undefined && ts.isNewExpression(first);
}
