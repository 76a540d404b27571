// What an argument is known to hold from the file's own text: a literal written in place, or a
// `const` declared once in the file with a literal, and numbers the file computes from literals.
// Used where a conversion is only the same program for some values (an object without `Expires`,
// a real array), so anything less certain answers "unknown".
import { ts } from '../../util/typescript.cjs';
import type { FileContext } from './context.js';

function declarations(ctx: FileContext, name: string): ts.VariableDeclaration[] {
  const out: ts.VariableDeclaration[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.name.text === name) out.push(node);
    ts.forEachChild(node, visit);
  };
  visit(ctx.sf);
  return out;
}

/** The initializer of the one `const name = …` in the file, or undefined. */
function constInit(ctx: FileContext, name: string): ts.Expression | undefined {
  const decls = declarations(ctx, name);
  const decl = decls.length === 1 ? decls[0] : undefined;
  if (!decl?.initializer || !(ts.getCombinedNodeFlags(decl) & ts.NodeFlags.Const)) return undefined;
  return decl.initializer;
}

/** Identifiers in the file that read or write the variable `name` (not property names). */
export function references(ctx: FileContext, name: string): ts.Identifier[] {
  const out: ts.Identifier[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && node.text === name && isReference(node)) out.push(node);
    ts.forEachChild(node, visit);
  };
  visit(ctx.sf);
  return out;
}

function isReference(id: ts.Identifier): boolean {
  const p = id.parent;
  if (ts.isPropertyAccessExpression(p) && p.name === id) return false;
  if (ts.isQualifiedName(p) && p.right === id) return false;
  const member =
    ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p) || ts.isMethodDeclaration(p) || ts.isPropertySignature(p);
  if (member && p.name === id) return false;
  if (ts.isVariableDeclaration(p) && p.name === id) return false;
  return !(ts.isBindingElement(p) && p.propertyName === id);
}

/** `name.x = …`, `name[x] = …`, `delete name.x`, `Object.assign(name, …)`: the object changes. */
function isWrite(id: ts.Identifier): boolean {
  const p = id.parent;
  if (ts.isCallExpression(p) && p.arguments[0] === id && p.expression.getText() === 'Object.assign') return true;
  if (!(ts.isPropertyAccessExpression(p) || ts.isElementAccessExpression(p)) || p.expression !== id) return false;
  const use = p.parent;
  if (ts.isDeleteExpression(use)) return true;
  return (
    ts.isBinaryExpression(use) &&
    use.left === p &&
    use.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
    use.operatorToken.kind <= ts.SyntaxKind.LastAssignment
  );
}

/**
 * The object or array literal an argument holds: the literal itself, or the literal of a `const`
 * declared once in the file whose properties no statement of the file sets or deletes.
 */
export function literalOf<T extends ts.Expression>(
  ctx: FileContext,
  expr: ts.Expression | undefined,
  is: (e: ts.Node) => e is T,
): T | undefined {
  if (!expr) return undefined;
  if (is(expr)) return expr;
  if (!ts.isIdentifier(expr)) return undefined;
  const init = constInit(ctx, expr.text);
  if (!init || !is(init)) return undefined;
  return references(ctx, expr.text).some(isWrite) ? undefined : init;
}

/** The number an expression always evaluates to, from literals, arithmetic and numeric consts. */
export function constNumber(ctx: FileContext, expr: ts.Expression, depth = 0): number | undefined {
  if (depth > 8) return undefined;
  if (ts.isNumericLiteral(expr)) return Number(expr.text);
  if (ts.isParenthesizedExpression(expr)) return constNumber(ctx, expr.expression, depth + 1);
  if (ts.isPrefixUnaryExpression(expr) && expr.operator === ts.SyntaxKind.MinusToken) {
    const v = constNumber(ctx, expr.operand, depth + 1);
    return v === undefined ? undefined : -v;
  }
  if (ts.isIdentifier(expr)) {
    const init = constInit(ctx, expr.text);
    return init ? constNumber(ctx, init, depth + 1) : undefined;
  }
  if (!ts.isBinaryExpression(expr)) return undefined;
  const a = constNumber(ctx, expr.left, depth + 1);
  const b = constNumber(ctx, expr.right, depth + 1);
  if (a === undefined || b === undefined) return undefined;
  switch (expr.operatorToken.kind) {
    case ts.SyntaxKind.PlusToken:
      return a + b;
    case ts.SyntaxKind.MinusToken:
      return a - b;
    case ts.SyntaxKind.AsteriskToken:
      return a * b;
    case ts.SyntaxKind.SlashToken:
      return a / b;
    default:
      return undefined;
  }
}
