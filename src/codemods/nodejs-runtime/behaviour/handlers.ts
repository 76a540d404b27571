// Finds Lambda handler functions in a parsed file: exported `handler`, names that templates
// give in `Handler: app.lambdaHandler`, and functions wrapped by streamifyResponse or middy.
import { ts } from '../../../util/typescript.cjs';

export type FunctionLike = ts.ArrowFunction | ts.FunctionExpression | ts.FunctionDeclaration;

/** Handler function names named by templates (`Handler: src/app.lambdaHandler`). */
export function handlerNamesIn(text: string): string[] {
  const names: string[] = [];
  for (const m of text.matchAll(/\bhandler["']?\s*[:=]\s*["']?[\w./@-]*?\.([A-Za-z_$][\w$]*)["']?\s*(?:[,}\n]|$)/gi))
    names.push(m[1]);
  return names;
}

function isFunctionLike(node: ts.Node): node is FunctionLike {
  return ts.isArrowFunction(node) || ts.isFunctionExpression(node) || ts.isFunctionDeclaration(node);
}

/** The function an initializer denotes: itself, or the function wrapped by a call. */
function unwrap(node: ts.Expression | undefined): FunctionLike | undefined {
  while (node && ts.isParenthesizedExpression(node)) node = node.expression;
  if (!node) return undefined;
  if (isFunctionLike(node)) return node;
  if (ts.isCallExpression(node)) {
    for (const arg of node.arguments) {
      const inner = unwrap(arg);
      if (inner) return inner;
    }
    return unwrap(ts.isPropertyAccessExpression(node.expression) ? node.expression.expression : undefined);
  }
  return undefined;
}

function exportTarget(left: ts.Expression): string | undefined {
  if (!ts.isPropertyAccessExpression(left)) return undefined;
  const object = left.expression.getText();
  return object === 'exports' || object === 'module.exports' ? left.name.text : undefined;
}

/** Top-level functions whose name marks them as a handler. */
export function findHandlers(file: ts.SourceFile, isHandlerName: (name: string) => boolean): FunctionLike[] {
  const found: FunctionLike[] = [];
  for (const statement of file.statements) {
    if (ts.isFunctionDeclaration(statement) && statement.name && isHandlerName(statement.name.text))
      found.push(statement);
    if (ts.isVariableStatement(statement)) {
      for (const decl of statement.declarationList.declarations) {
        const fn = ts.isIdentifier(decl.name) && isHandlerName(decl.name.text) ? unwrap(decl.initializer) : undefined;
        if (fn) found.push(fn);
      }
    }
    if (ts.isExpressionStatement(statement) && ts.isBinaryExpression(statement.expression)) {
      const { left, right, operatorToken } = statement.expression;
      const name = operatorToken.kind === ts.SyntaxKind.EqualsToken ? exportTarget(left) : undefined;
      const fn = name && isHandlerName(name) ? unwrap(right) : undefined;
      if (fn) found.push(fn);
    }
  }
  return found;
}
