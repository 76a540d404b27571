// Whether every way out of a function's own synchronous flow passes a call that settles the
// invocation (or a throw) first. Conservative: loops, switch and try/finally that may return
// count as leaving unsettled.
import { ts } from '../../util/typescript.cjs';
import {
  descendants,
  enclosingFunction,
  identifiersNamed,
  isWrite,
  unwrapExpression,
  type FunctionNode,
} from './scope.js';

type State = 'settled' | 'open' | 'leaks';

interface Walk {
  fn: FunctionNode;
  /** The expression of a statement (or a declaration's initializer) settles the invocation. */
  settles: (expr: ts.Node) => boolean;
  okReturn: (expr: ts.Node, truthy: ReadonlySet<string>) => boolean;
}

/**
 * True when every return of `fn`, and its end, comes after a statement `settles` accepts (or a
 * throw), or returns an expression `okReturn` accepts. `okReturn` sees the names known truthy
 * there (after `if (!name) { …settles… }`).
 */
export function everyExitSettles(fn: FunctionNode, settles: Walk['settles'], okReturn: Walk['okReturn']): boolean {
  const body = fn.body;
  if (!body) return false;
  const walk: Walk = { fn, settles, okReturn };
  if (!ts.isBlock(body)) return settlesExpr(body, walk) || okReturn(unwrapExpression(body), new Set());
  return list(body.statements, walk, new Set()) === 'settled';
}

function list(statements: readonly ts.Statement[], walk: Walk, known: ReadonlySet<string>): State {
  const truthy = new Set(known);
  for (const s of statements) {
    const state = statement(s, walk, truthy);
    if (state !== 'open') return state;
    if (ts.isIfStatement(s) && !s.elseStatement && statement(s.thenStatement, walk, truthy) === 'settled') {
      for (const name of negated(s.expression)) if (stable(walk.fn, name)) truthy.add(name);
    }
  }
  return 'open';
}

function statement(s: ts.Node, walk: Walk, truthy: ReadonlySet<string>): State {
  if (ts.isExpressionStatement(s)) return settlesExpr(s.expression, walk) ? 'settled' : 'open';
  if (ts.isVariableStatement(s)) {
    return s.declarationList.declarations.some((d) => d.initializer !== undefined && settlesExpr(d.initializer, walk))
      ? 'settled'
      : 'open';
  }
  if (ts.isReturnStatement(s)) {
    const expr = s.expression;
    return expr && (settlesExpr(expr, walk) || walk.okReturn(unwrapExpression(expr), truthy)) ? 'settled' : 'leaks';
  }
  if (ts.isThrowStatement(s)) return 'settled';
  if (ts.isBlock(s)) return list(s.statements, walk, truthy);
  if (ts.isIfStatement(s)) {
    const other = s.elseStatement;
    return both(statement(s.thenStatement, walk, truthy), other ? statement(other, walk, truthy) : 'open');
  }
  if (ts.isTryStatement(s) && !s.finallyBlock) {
    const clause = s.catchClause;
    return both(
      list(s.tryBlock.statements, walk, truthy),
      clause ? list(clause.block.statements, walk, truthy) : 'open',
    );
  }
  if (ts.isFunctionDeclaration(s) || ts.isEmptyStatement(s)) return 'open';
  const returns = descendants(s, ts.isReturnStatement).some((r) => enclosingFunction(r) === walk.fn);
  return returns ? 'leaks' : 'open';
}

function both(a: State, b: State): State {
  if (a === 'leaks' || b === 'leaks') return 'leaks';
  return a === 'settled' && b === 'settled' ? 'settled' : 'open';
}

function settlesExpr(expr: ts.Node, walk: Walk): boolean {
  let e = unwrapExpression(expr);
  if (ts.isVoidExpression(e)) e = unwrapExpression(e.expression);
  return walk.settles(e);
}

/** `expr` is one of `calls`. */
export function isOneOf(calls: ReadonlySet<ts.Node>): (expr: ts.Node) => boolean {
  return (expr) => calls.has(expr);
}

/**
 * `expr` is one of `calls`, or hands one of `uses` to a call as (part of) an argument:
 * `db.get(key, callback)`, `https.request(options, (res) => context.done())`.
 */
export function handsOn(calls: ReadonlySet<ts.Node>, uses: readonly ts.Node[]): (expr: ts.Node) => boolean {
  return (expr) => {
    if (calls.has(expr)) return true;
    const [from, to] = [expr.getStart(), expr.end];
    return uses.some((use) => {
      if (use.getStart() < from || use.end > to) return false;
      for (
        let child: ts.Node = use, node: ts.Node | undefined = use.parent;
        node && child !== expr;
        child = node, node = node.parent
      ) {
        if (
          (ts.isCallExpression(node) || ts.isNewExpression(node)) &&
          ((node.arguments ?? []) as readonly ts.Node[]).includes(child)
        )
          return true;
      }
      return false;
    });
  };
}

/** Names known truthy when the condition is false: `!a` → a, `!a || !b.c` → a (and what it holds for b). */
function negated(condition: ts.Node): string[] {
  const e = unwrapExpression(condition);
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.BarBarToken) {
    return [...negated(e.left), ...negated(e.right)];
  }
  if (!ts.isPrefixUnaryExpression(e) || e.operator !== ts.SyntaxKind.ExclamationToken) return [];
  const operand = unwrapExpression(e.operand);
  return ts.isIdentifier(operand) ? [operand.getText()] : [];
}

/** Nothing in the function assigns the name after its declaration. */
function stable(fn: FunctionNode, name: string): boolean {
  return !identifiersNamed(fn, name).some(isWrite);
}

/** A value no JavaScript engine treats as falsy. */
export function provablyTruthy(expr: ts.Node, truthy: ReadonlySet<string>): boolean {
  if (ts.isIdentifier(expr)) return truthy.has(expr.getText());
  if (ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr)) return expr.text.length > 0;
  if (ts.isTemplateExpression(expr)) return expr.head.text.length > 0;
  if (ts.isNumericLiteral(expr)) return Number(expr.text) !== 0;
  return (
    ts.isObjectLiteralExpression(expr) ||
    ts.isArrayLiteralExpression(expr) ||
    ts.isNewExpression(expr) ||
    expr.kind === ts.SyntaxKind.TrueKeyword ||
    ts.isArrowFunction(expr) ||
    ts.isFunctionExpression(expr) ||
    ts.isClassExpression(expr) ||
    ts.isRegularExpressionLiteral(expr)
  );
}
