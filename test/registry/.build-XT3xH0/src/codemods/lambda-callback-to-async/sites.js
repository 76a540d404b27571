// The calls that end a Node.js 22 invocation (`callback(err, result)`, `context.succeed/fail/done`,
// a module-local helper handed the callback or context) and the proof that one may become a plain
// `return`/`throw`: it runs in the function's own synchronous flow, it is the last thing the
// function does, and no enclosing try/catch/finally would see the thrown error differently.
import { Node, SyntaxKind, } from 'ts-morph';
import { adjacentStatement, enclosingFunction, unwrapExpression } from './scope.js';
/** Every site as a plain return/throw, or undefined when one of them needs the Promise wrapper. */
export function directSites(fn, sites, convertible) {
    const byCall = new Map(sites.map((s) => [s.call, s]));
    const out = [];
    for (const site of sites) {
        if (site.use && !convertible(site.use))
            return undefined;
        const direct = directSite(fn, site, byCall);
        if (!direct)
            return undefined;
        out.push(direct);
    }
    return out;
}
function directSite(fn, site, byCall) {
    if (enclosingFunction(site.call) !== fn)
        return undefined;
    let expression = site.call;
    while (Node.isParenthesizedExpression(expression.getParent()))
        expression = expression.getParentOrThrow();
    const holder = expression.getParentOrThrow();
    const outcome = outcomeOf(site);
    if (!outcome)
        return undefined;
    // After conversion a helper's call in tail position gives the answer: it must return nothing else.
    const tailOk = site.use === undefined || site.use.facts.returnsOnlySettles;
    if (holder === fn)
        return tailOk ? { site, outcome, expression } : undefined;
    if (Node.isVariableDeclaration(holder)) {
        const guard = guardAfter(holder, expression);
        const throwsOnly = site.use?.facts.conversion?.throwsOnly === true;
        return guard && throwsOnly && tryBlocksAgree(fn, site, outcome, byCall)
            ? { site, outcome, expression, guard }
            : undefined;
    }
    if ((!Node.isExpressionStatement(holder) && !Node.isReturnStatement(holder)) || !tailOk)
        return undefined;
    if (!tryBlocksAgree(fn, site, outcome, byCall))
        return undefined;
    if (Node.isReturnStatement(holder))
        return { site, outcome, statement: holder, expression };
    const next = adjacentStatement(holder, 1);
    if (Node.isReturnStatement(next) && !next.getExpression() && Node.isBlock(holder.getParent())) {
        return { site, outcome, statement: holder, expression, trailingReturn: next };
    }
    return isTail(holder, fn) ? { site, outcome, statement: holder, expression } : undefined;
}
/** What the call makes the invocation do, or undefined when that depends on run-time values. */
export function outcomeOf(site) {
    if (site.kind === 'helper') {
        const conversion = site.use?.facts.conversion;
        return conversion ? { type: 'helper', throws: conversion.throws } : undefined;
    }
    const args = site.call.getArguments();
    if (args.some((a) => Node.isSpreadElement(a)))
        return undefined;
    if (site.kind === 'succeed' || site.kind === 'fail') {
        if (!args.slice(1).every(isPure))
            return undefined;
        return site.kind === 'succeed' ? { type: 'return', value: args[0] } : { type: 'throw', error: args[0] };
    }
    const [error, value, ...rest] = args;
    if (!rest.every(isPure))
        return undefined;
    if (isNullish(error))
        return { type: 'return', value };
    // `callback(err, data)` evaluates `data` too; dropping it is only safe when that has no effect.
    if (error && isNonNull(error) && (!value || isPure(value)))
        return { type: 'throw', error };
    return undefined;
}
function isNullish(node) {
    if (!node)
        return true;
    if (Node.isNullLiteral(node) || Node.isVoidExpression(node))
        return true;
    return Node.isIdentifier(node) && node.getText() === 'undefined';
}
function isPure(node) {
    return (Node.isIdentifier(node) ||
        Node.isLiteralExpression(node) ||
        Node.isNullLiteral(node) ||
        Node.isTrueLiteral(node) ||
        Node.isFalseLiteral(node) ||
        Node.isNoSubstitutionTemplateLiteral(node) ||
        Node.isThisExpression(node));
}
/** Provably neither null nor undefined, so Node.js 22 treated it as a failure. */
function isNonNull(node) {
    if (Node.isStringLiteral(node) ||
        Node.isNumericLiteral(node) ||
        Node.isBigIntLiteral(node) ||
        Node.isNoSubstitutionTemplateLiteral(node) ||
        Node.isTemplateExpression(node) ||
        Node.isTrueLiteral(node) ||
        Node.isFalseLiteral(node) ||
        Node.isRegularExpressionLiteral(node) ||
        Node.isObjectLiteralExpression(node) ||
        Node.isArrayLiteralExpression(node) ||
        Node.isNewExpression(node) ||
        Node.isArrowFunction(node) ||
        Node.isFunctionExpression(node) ||
        Node.isClassExpression(node)) {
        return true;
    }
    if (Node.isCallExpression(node))
        return /^(\w*Error)$/.test(node.getExpression().getText());
    if (!Node.isIdentifier(node))
        return false;
    return isCatchVariable(node) || isGuardedNonNull(node);
}
// A catch binding holds a thrown value. Code that throws `null` or `undefined` on purpose is the
// one case this accepts as a failure although Node.js 22 would have reported success.
function isCatchVariable(id) {
    const name = id.getText();
    const clause = id.getFirstAncestor((a) => Node.isCatchClause(a) && a.getVariableDeclaration()?.getName() === name);
    return clause !== undefined;
}
/** Inside `if (err) { … }`, `if (err != null) …`, or the else branch of `if (!err)`. */
function isGuardedNonNull(id) {
    const name = id.getText();
    let child = id;
    for (let node = id.getParent(); node && !Node.isSourceFile(node); child = node, node = node.getParent()) {
        if (!Node.isIfStatement(node))
            continue;
        const condition = node.getExpression().getText().replace(/\s+/g, ' ');
        if (child === node.getThenStatement() &&
            (condition === name || condition === `${name} != null` || condition === `null != ${name}`))
            return true;
        if (child === node.getElseStatement() && (condition === `!${name}` || condition === `${name} == null`))
            return true;
    }
    return false;
}
/** A throw inside `try` must reach the caller as the same value: no finally, and a catch that only rethrows. */
function tryBlocksAgree(fn, site, outcome, byCall) {
    let child = site.call;
    for (let node = site.call.getParent(); node && node !== fn; child = node, node = node.getParent()) {
        if (!Node.isTryStatement(node))
            continue;
        if (node.getFinallyBlock())
            return false;
        const clause = node.getCatchClause();
        const throws = outcome.type === 'throw' || (outcome.type === 'helper' && outcome.throws);
        if (throws && child === node.getTryBlock() && clause && !catchRethrows(clause, byCall))
            return false;
    }
    return true;
}
function catchRethrows(clause, byCall) {
    const variable = clause.getVariableDeclaration()?.getName();
    const statements = clause.getBlock().getStatements();
    if (!variable || statements.length !== 1)
        return false;
    const only = statements[0];
    const expr = Node.isExpressionStatement(only) || Node.isReturnStatement(only) ? only.getExpression() : undefined;
    const site = expr && byCall.get(expr);
    const outcome = site && outcomeOf(site);
    return outcome?.type === 'throw' && outcome.error?.getText() === variable && site.call.getArguments().length === 1;
}
/** Nothing of the handler runs after this statement. */
function isTail(statement, fn) {
    const parent = statement.getParentOrThrow();
    if (Node.isIfStatement(parent))
        return isTail(parent, fn);
    if (!Node.isBlock(parent))
        return false;
    const statements = parent.getStatements();
    const rest = statements.slice(statements.indexOf(statement) + 1);
    if (rest.some((s) => !Node.isFunctionDeclaration(s) && !Node.isEmptyStatement(s)))
        return false;
    const owner = parent.getParentOrThrow();
    if (owner === fn)
        return true;
    if (Node.isIfStatement(owner) || Node.isBlock(owner))
        return isTail(Node.isBlock(owner) ? parent : owner, fn);
    if (Node.isTryStatement(owner))
        return owner.getFinallyBlock() === undefined && isTail(owner, fn);
    if (Node.isCatchClause(owner)) {
        const tryStatement = owner.getParentOrThrow();
        return (Node.isTryStatement(tryStatement) && tryStatement.getFinallyBlock() === undefined && isTail(tryStatement, fn));
    }
    return false;
}
/**
 * `const x = call;` (its only declaration) directly followed by `if (!x) return;` (or `x == null`,
 * `x === undefined`, `typeof x === 'undefined'`): the guard that ends the function when the call
 * answered nothing. Returns that `if`.
 */
export function guardAfter(declaration, expression) {
    if (!Node.isVariableDeclaration(declaration) || declaration.getInitializer() !== expression)
        return undefined;
    const name = declaration.getNameNode();
    const list = declaration.getParent();
    const statement = list?.getParent();
    if (!Node.isIdentifier(name) ||
        !Node.isVariableDeclarationList(list) ||
        list.getDeclarations().length !== 1 ||
        !Node.isVariableStatement(statement))
        return undefined;
    const next = adjacentStatement(statement, 1);
    if (!Node.isIfStatement(next) || next.getElseStatement() || !testsEmpty(next.getExpression(), name.getText()))
        return undefined;
    const then = next.getThenStatement();
    const only = Node.isBlock(then) ? then.getStatements() : [then];
    return only.length === 1 && Node.isReturnStatement(only[0]) && !only[0].getExpression() ? next : undefined;
}
/** The condition holds when `name` is undefined (and it reads nothing else). */
function testsEmpty(condition, name) {
    const e = unwrapExpression(condition);
    if (Node.isPrefixUnaryExpression(e)) {
        return e.getOperatorToken() === SyntaxKind.ExclamationToken && unwrapExpression(e.getOperand()).getText() === name;
    }
    if (!Node.isBinaryExpression(e))
        return false;
    const op = e.getOperatorToken().getKind();
    const [left, right] = [unwrapExpression(e.getLeft()).getText(), unwrapExpression(e.getRight()).getText()];
    const sides = (a, b) => (left === a && right === b) || (left === b && right === a);
    if (op === SyntaxKind.EqualsEqualsToken)
        return sides(name, 'null') || sides(name, 'undefined');
    if (op === SyntaxKind.EqualsEqualsEqualsToken)
        return sides(name, 'undefined') || sides(`typeof ${name}`, "'undefined'") || sides(`typeof ${name}`, '"undefined"');
    return false;
}
