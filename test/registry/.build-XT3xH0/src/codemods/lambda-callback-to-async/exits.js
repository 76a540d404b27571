// Whether every way out of a function's own synchronous flow passes a call that settles the
// invocation (or a throw) first. Conservative: loops, switch and try/finally that may return
// count as leaving unsettled.
import { Node, SyntaxKind } from 'ts-morph';
import { descendantsOfKind, enclosingFunction, identifiersNamed, isWrite, unwrapExpression, } from './scope.js';
/**
 * True when every return of `fn`, and its end, comes after a statement `settles` accepts (or a
 * throw), or returns an expression `okReturn` accepts. `okReturn` sees the names known truthy
 * there (after `if (!name) { …settles… }`).
 */
export function everyExitSettles(fn, settles, okReturn) {
    const body = fn.getBody();
    if (!body)
        return false;
    const walk = { fn, settles, okReturn };
    if (!Node.isBlock(body))
        return settlesExpr(body, walk) || okReturn(unwrapExpression(body), new Set());
    return list(body.getStatements(), walk, new Set()) === 'settled';
}
function list(statements, walk, known) {
    const truthy = new Set(known);
    for (const s of statements) {
        const state = statement(s, walk, truthy);
        if (state !== 'open')
            return state;
        if (Node.isIfStatement(s) && !s.getElseStatement() && statement(s.getThenStatement(), walk, truthy) === 'settled') {
            for (const name of negated(s.getExpression()))
                if (stable(walk.fn, name))
                    truthy.add(name);
        }
    }
    return 'open';
}
function statement(s, walk, truthy) {
    if (Node.isExpressionStatement(s))
        return settlesExpr(s.getExpression(), walk) ? 'settled' : 'open';
    if (Node.isVariableStatement(s)) {
        return s
            .getDeclarations()
            .some((d) => d.getInitializer() !== undefined && settlesExpr(d.getInitializerOrThrow(), walk))
            ? 'settled'
            : 'open';
    }
    if (Node.isReturnStatement(s)) {
        const expr = s.getExpression();
        return expr && (settlesExpr(expr, walk) || walk.okReturn(unwrapExpression(expr), truthy)) ? 'settled' : 'leaks';
    }
    if (Node.isThrowStatement(s))
        return 'settled';
    if (Node.isBlock(s))
        return list(s.getStatements(), walk, truthy);
    if (Node.isIfStatement(s)) {
        const other = s.getElseStatement();
        return both(statement(s.getThenStatement(), walk, truthy), other ? statement(other, walk, truthy) : 'open');
    }
    if (Node.isTryStatement(s) && !s.getFinallyBlock()) {
        const clause = s.getCatchClause();
        return both(list(s.getTryBlock().getStatements(), walk, truthy), clause ? list(clause.getBlock().getStatements(), walk, truthy) : 'open');
    }
    if (Node.isFunctionDeclaration(s) || Node.isEmptyStatement(s))
        return 'open';
    const returns = descendantsOfKind(s, SyntaxKind.ReturnStatement).some((r) => enclosingFunction(r) === walk.fn);
    return returns ? 'leaks' : 'open';
}
function both(a, b) {
    if (a === 'leaks' || b === 'leaks')
        return 'leaks';
    return a === 'settled' && b === 'settled' ? 'settled' : 'open';
}
function settlesExpr(expr, walk) {
    let e = unwrapExpression(expr);
    if (Node.isVoidExpression(e))
        e = unwrapExpression(e.getExpression());
    return walk.settles(e);
}
/** `expr` is one of `calls`. */
export function isOneOf(calls) {
    return (expr) => calls.has(expr);
}
/**
 * `expr` is one of `calls`, or hands one of `uses` to a call as (part of) an argument:
 * `db.get(key, callback)`, `https.request(options, (res) => context.done())`.
 */
export function handsOn(calls, uses) {
    return (expr) => {
        if (calls.has(expr))
            return true;
        const [from, to] = [expr.getStart(), expr.getEnd()];
        return uses.some((use) => {
            if (use.getStart() < from || use.getEnd() > to)
                return false;
            for (let child = use, node = use.getParent(); node && child !== expr; child = node, node = node.getParent()) {
                if ((Node.isCallExpression(node) || Node.isNewExpression(node)) &&
                    node.getArguments().includes(child))
                    return true;
            }
            return false;
        });
    };
}
/** Names known truthy when the condition is false: `!a` → a, `!a || !b.c` → a (and what it holds for b). */
function negated(condition) {
    const e = unwrapExpression(condition);
    if (Node.isBinaryExpression(e) && e.getOperatorToken().getKind() === SyntaxKind.BarBarToken) {
        return [...negated(e.getLeft()), ...negated(e.getRight())];
    }
    if (!Node.isPrefixUnaryExpression(e) || e.getOperatorToken() !== SyntaxKind.ExclamationToken)
        return [];
    const operand = unwrapExpression(e.getOperand());
    return Node.isIdentifier(operand) ? [operand.getText()] : [];
}
/** Nothing in the function assigns the name after its declaration. */
function stable(fn, name) {
    return !identifiersNamed(fn, name).some(isWrite);
}
/** A value no JavaScript engine treats as falsy. */
export function provablyTruthy(expr, truthy) {
    if (Node.isIdentifier(expr))
        return truthy.has(expr.getText());
    if (Node.isStringLiteral(expr) || Node.isNoSubstitutionTemplateLiteral(expr))
        return expr.getLiteralText().length > 0;
    if (Node.isTemplateExpression(expr))
        return expr.getHead().getLiteralText().length > 0;
    if (Node.isNumericLiteral(expr))
        return expr.getLiteralValue() !== 0;
    return (Node.isObjectLiteralExpression(expr) ||
        Node.isArrayLiteralExpression(expr) ||
        Node.isNewExpression(expr) ||
        Node.isTrueLiteral(expr) ||
        Node.isArrowFunction(expr) ||
        Node.isFunctionExpression(expr) ||
        Node.isClassExpression(expr) ||
        Node.isRegularExpressionLiteral(expr));
}
