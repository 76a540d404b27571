// On Node.js 24 Lambda no longer waits for promises still pending when an async handler
// returns (streaming and non-streaming alike), so work started and not awaited may never finish.
import { ts } from '../../../util/typescript.cjs';
import type { Finding } from '../../types.js';
import { findHandlers, type FunctionLike } from './handlers.js';

const promiseStatics = /^Promise\.(all|allSettled|any|race)$/;

/** Names of functions declared `async` at the top level of the file. */
function asyncFunctionNames(file: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  const isAsync = (node: ts.Node | undefined) =>
    !!node &&
    (ts.isArrowFunction(node) || ts.isFunctionExpression(node) || ts.isFunctionDeclaration(node)) &&
    !!ts.getModifiers(node as ts.FunctionLikeDeclaration)?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword);
  for (const statement of file.statements) {
    if (ts.isFunctionDeclaration(statement) && statement.name && isAsync(statement)) names.add(statement.name.text);
    if (ts.isVariableStatement(statement)) {
      for (const decl of statement.declarationList.declarations) {
        if (ts.isIdentifier(decl.name) && isAsync(decl.initializer)) names.add(decl.name.text);
      }
    }
  }
  return names;
}

/** Why an expression statement leaves a promise (or timer) running, or undefined if it does not. */
function pendingWork(expr: ts.Expression, file: ts.SourceFile, asyncNames: Set<string>): string | undefined {
  while (ts.isParenthesizedExpression(expr) || ts.isVoidExpression(expr)) expr = expr.expression;
  if (ts.isNewExpression(expr) && expr.expression.getText(file) === 'Promise') return 'new Promise(…)';
  if (!ts.isCallExpression(expr)) return undefined;
  const callee = expr.expression;
  const text = callee.getText(file);
  const shown = `${text.length > 40 ? `…${text.slice(-40)}` : text}(…)`;
  if (ts.isIdentifier(callee)) {
    if (callee.text === 'fetch' || /Async$/.test(callee.text) || asyncNames.has(callee.text)) return shown;
    if (callee.text === 'setTimeout' || callee.text === 'setInterval') return `${callee.text}(…) timer`;
    return undefined;
  }
  if (ts.isPropertyAccessExpression(callee)) {
    const name = callee.name.text;
    if (
      ['then', 'catch', 'finally', 'send', 'promise'].includes(name) ||
      /Async$/.test(name) ||
      promiseStatics.test(text)
    )
      return shown;
  }
  return undefined;
}

function isAsyncFunction(fn: FunctionLike): boolean {
  return !!ts.getModifiers(fn)?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword);
}

/** Expression statements in the handler's own body, not in functions nested inside it. */
function ownStatements(fn: FunctionLike): ts.ExpressionStatement[] {
  const out: ts.ExpressionStatement[] = [];
  const walk = (node: ts.Node): void => {
    if (node !== fn && ts.isFunctionLike(node)) return;
    if (ts.isExpressionStatement(node)) out.push(node);
    ts.forEachChild(node, walk);
  };
  if (fn.body) walk(fn.body);
  return out;
}

export function unawaitedFindings(path: string, text: string, handlerNames: ReadonlySet<string>): Finding[] {
  const kind = /\.tsx?$|\.[cm]ts$/i.test(path) ? ts.ScriptKind.TS : ts.ScriptKind.JS;
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, kind);
  const isHandlerName = (name: string) => name === 'handler' || /Handler$/.test(name) || handlerNames.has(name);
  const asyncNames = asyncFunctionNames(file);
  const findings: Finding[] = [];
  for (const handler of findHandlers(file, isHandlerName)) {
    if (!isAsyncFunction(handler)) continue;
    for (const statement of ownStatements(handler)) {
      const what = pendingWork(statement.expression, file, asyncNames);
      if (!what) continue;
      const line = file.getLineAndCharacterOfPosition(statement.getStart(file)).line + 1;
      findings.push({
        file: path,
        line,
        rule: 'nodejs24/unawaited-promise',
        message: `${what} is started but neither awaited nor returned; on Node.js 24 Lambda does not wait for it after the handler returns, so it may never finish. Await it (or return it)`,
        severity: 'warning',
      });
    }
  }
  return findings;
}
