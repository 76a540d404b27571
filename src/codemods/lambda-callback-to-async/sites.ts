// The calls that end a Node.js 22 invocation (`callback(err, result)`, `context.succeed/fail/done`,
// a module-local helper handed the callback or context) and the proof that one may become a plain
// `return`/`throw`: it runs in the function's own synchronous flow, it is the last thing the
// function does, and no enclosing try/catch/finally would see the thrown error differently.
import { ts } from '../../util/typescript.cjs';
import type { HelperUse } from './flow.js';
import {
  adjacentStatement,
  enclosingFunction,
  firstAncestor,
  nameText,
  unwrapExpression,
  type FunctionNode,
} from './scope.js';

export type SiteKind = 'callback' | 'succeed' | 'fail' | 'done' | 'helper';

export interface Site {
  kind: SiteKind;
  call: ts.CallExpression;
  /** For a helper call: what following the helper found. */
  use?: HelperUse;
}

/** What the call makes the invocation do; a converted helper's call returns its answer (and may throw). */
export type Outcome =
  { type: 'return'; value?: ts.Node } | { type: 'throw'; error?: ts.Node } | { type: 'helper'; throws: boolean };

export interface DirectSite {
  site: Site;
  outcome: Outcome;
  /** The statement holding the call; undefined when the call is an arrow's expression body. */
  statement?: ts.ExpressionStatement | ts.ReturnStatement;
  /** The call with any parentheses around it. */
  expression: ts.Node;
  /** A bare `return;` right after the call, folded into the new `return`/`throw`. */
  trailingReturn?: ts.ReturnStatement;
  /**
   * `const x = helper(…, callback); if (!x) return;` where the helper only ever answers with an
   * error: the call stays where it is (the converted helper throws), only the callback goes.
   */
  guard?: ts.IfStatement;
}

/** Every site as a plain return/throw, or undefined when one of them needs the Promise wrapper. */
export function directSites(
  fn: FunctionNode,
  sites: readonly Site[],
  convertible: (use: HelperUse) => boolean,
): DirectSite[] | undefined {
  const byCall = new Map(sites.map((s) => [s.call as ts.Node, s]));
  const out: DirectSite[] = [];
  for (const site of sites) {
    if (site.use && !convertible(site.use)) return undefined;
    const direct = directSite(fn, site, byCall);
    if (!direct) return undefined;
    out.push(direct);
  }
  return out;
}

function directSite(fn: FunctionNode, site: Site, byCall: ReadonlyMap<ts.Node, Site>): DirectSite | undefined {
  if (enclosingFunction(site.call) !== fn) return undefined;
  let expression: ts.Node = site.call;
  while (expression.parent !== undefined && ts.isParenthesizedExpression(expression.parent)) {
    expression = expression.parent;
  }
  const holder = expression.parent;
  const outcome = outcomeOf(site);
  if (!outcome) return undefined;
  // After conversion a helper's call in tail position gives the answer: it must return nothing else.
  const tailOk = site.use === undefined || site.use.facts.returnsOnlySettles;
  if (holder === fn) return tailOk ? { site, outcome, expression } : undefined;
  if (ts.isVariableDeclaration(holder)) {
    const guard = guardAfter(holder, expression);
    const throwsOnly = site.use?.facts.conversion?.throwsOnly === true;
    return guard && throwsOnly && tryBlocksAgree(fn, site, outcome, byCall)
      ? { site, outcome, expression, guard }
      : undefined;
  }
  if ((!ts.isExpressionStatement(holder) && !ts.isReturnStatement(holder)) || !tailOk) return undefined;
  if (!tryBlocksAgree(fn, site, outcome, byCall)) return undefined;
  if (ts.isReturnStatement(holder)) return { site, outcome, statement: holder, expression };
  const next = adjacentStatement(holder, 1);
  if (next !== undefined && ts.isReturnStatement(next) && !next.expression && ts.isBlock(holder.parent)) {
    return { site, outcome, statement: holder, expression, trailingReturn: next };
  }
  return isTail(holder, fn) ? { site, outcome, statement: holder, expression } : undefined;
}

/** What the call makes the invocation do, or undefined when that depends on run-time values. */
export function outcomeOf(site: Site): Outcome | undefined {
  if (site.kind === 'helper') {
    const conversion = site.use?.facts.conversion;
    return conversion ? { type: 'helper', throws: conversion.throws } : undefined;
  }
  const args = site.call.arguments;
  if (args.some((a) => ts.isSpreadElement(a))) return undefined;
  if (site.kind === 'succeed' || site.kind === 'fail') {
    if (!args.slice(1).every(isPure)) return undefined;
    return site.kind === 'succeed' ? { type: 'return', value: args[0] } : { type: 'throw', error: args[0] };
  }
  const [error, value, ...rest] = args;
  if (!rest.every(isPure)) return undefined;
  if (isNullish(error)) return { type: 'return', value };
  // `callback(err, data)` evaluates `data` too; dropping it is only safe when that has no effect.
  if (error && isNonNull(error) && (!value || isPure(value))) return { type: 'throw', error };
  return undefined;
}

function isNullish(node: ts.Node | undefined): boolean {
  if (!node) return true;
  if (node.kind === ts.SyntaxKind.NullKeyword || ts.isVoidExpression(node)) return true;
  return ts.isIdentifier(node) && node.getText() === 'undefined';
}

function isPure(node: ts.Node): boolean {
  return (
    ts.isIdentifier(node) ||
    isLiteralExpression(node) ||
    node.kind === ts.SyntaxKind.NullKeyword ||
    node.kind === ts.SyntaxKind.TrueKeyword ||
    node.kind === ts.SyntaxKind.FalseKeyword ||
    ts.isNoSubstitutionTemplateLiteral(node) ||
    node.kind === ts.SyntaxKind.ThisKeyword
  );
}

/** A string, number, bigint, regular expression or plain template literal (JSX text is not one here). */
function isLiteralExpression(node: ts.Node): boolean {
  switch (node.kind) {
    case ts.SyntaxKind.BigIntLiteral:
    case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
    case ts.SyntaxKind.NumericLiteral:
    case ts.SyntaxKind.RegularExpressionLiteral:
    case ts.SyntaxKind.StringLiteral:
      return true;
    default:
      return false;
  }
}

/** Provably neither null nor undefined, so Node.js 22 treated it as a failure. */
function isNonNull(node: ts.Node): boolean {
  if (
    ts.isStringLiteral(node) ||
    ts.isNumericLiteral(node) ||
    ts.isBigIntLiteral(node) ||
    ts.isNoSubstitutionTemplateLiteral(node) ||
    ts.isTemplateExpression(node) ||
    node.kind === ts.SyntaxKind.TrueKeyword ||
    node.kind === ts.SyntaxKind.FalseKeyword ||
    ts.isRegularExpressionLiteral(node) ||
    ts.isObjectLiteralExpression(node) ||
    ts.isArrayLiteralExpression(node) ||
    ts.isNewExpression(node) ||
    ts.isArrowFunction(node) ||
    ts.isFunctionExpression(node) ||
    ts.isClassExpression(node)
  ) {
    return true;
  }
  if (ts.isCallExpression(node)) return /^(\w*Error)$/.test(node.expression.getText());
  if (!ts.isIdentifier(node)) return false;
  return isCatchVariable(node) || isGuardedNonNull(node);
}

// A catch binding holds a thrown value. Code that throws `null` or `undefined` on purpose is the
// one case this accepts as a failure although Node.js 22 would have reported success.
function isCatchVariable(id: ts.Node): boolean {
  const name = id.getText();
  const clause = firstAncestor(
    id,
    (a) => ts.isCatchClause(a) && a.variableDeclaration !== undefined && nameText(a.variableDeclaration) === name,
  );
  return clause !== undefined;
}

/** Inside `if (err) { … }`, `if (err != null) …`, or the else branch of `if (!err)`. */
function isGuardedNonNull(id: ts.Node): boolean {
  const name = id.getText();
  let child: ts.Node = id;
  for (let node: ts.Node | undefined = id.parent; node && !ts.isSourceFile(node); child = node, node = node.parent) {
    if (!ts.isIfStatement(node)) continue;
    const condition = node.expression.getText().replace(/\s+/g, ' ');
    if (
      child === node.thenStatement &&
      (condition === name || condition === `${name} != null` || condition === `null != ${name}`)
    )
      return true;
    if (child === node.elseStatement && (condition === `!${name}` || condition === `${name} == null`)) return true;
  }
  return false;
}

/** A throw inside `try` must reach the caller as the same value: no finally, and a catch that only rethrows. */
function tryBlocksAgree(fn: FunctionNode, site: Site, outcome: Outcome, byCall: ReadonlyMap<ts.Node, Site>): boolean {
  let child: ts.Node = site.call;
  for (let node: ts.Node | undefined = site.call.parent; node && node !== fn; child = node, node = node.parent) {
    if (!ts.isTryStatement(node)) continue;
    if (node.finallyBlock) return false;
    const clause = node.catchClause;
    const throws = outcome.type === 'throw' || (outcome.type === 'helper' && outcome.throws);
    if (throws && child === node.tryBlock && clause && !catchRethrows(clause, byCall)) return false;
  }
  return true;
}

function catchRethrows(clause: ts.CatchClause, byCall: ReadonlyMap<ts.Node, Site>): boolean {
  const variable = clause.variableDeclaration === undefined ? undefined : nameText(clause.variableDeclaration);
  const statements = clause.block.statements;
  if (!variable || statements.length !== 1) return false;
  const only = statements[0]!;
  const expr = ts.isExpressionStatement(only) || ts.isReturnStatement(only) ? only.expression : undefined;
  const site = expr && byCall.get(expr);
  const outcome = site && outcomeOf(site);
  return outcome?.type === 'throw' && outcome.error?.getText() === variable && site!.call.arguments.length === 1;
}

/** Nothing of the handler runs after this statement. */
function isTail(statement: ts.Node, fn: FunctionNode): boolean {
  const parent = statement.parent;
  if (ts.isIfStatement(parent)) return isTail(parent, fn);
  if (!ts.isBlock(parent)) return false;
  const statements: readonly ts.Node[] = parent.statements;
  const rest = statements.slice(statements.indexOf(statement) + 1);
  if (rest.some((s) => !ts.isFunctionDeclaration(s) && !ts.isEmptyStatement(s))) return false;
  const owner = parent.parent;
  if (owner === fn) return true;
  if (ts.isIfStatement(owner) || ts.isBlock(owner)) return isTail(ts.isBlock(owner) ? parent : owner, fn);
  if (ts.isTryStatement(owner)) return owner.finallyBlock === undefined && isTail(owner, fn);
  if (ts.isCatchClause(owner)) {
    const tryStatement = owner.parent;
    return ts.isTryStatement(tryStatement) && tryStatement.finallyBlock === undefined && isTail(tryStatement, fn);
  }
  return false;
}

/**
 * `const x = call;` (its only declaration) directly followed by `if (!x) return;` (or `x == null`,
 * `x === undefined`, `typeof x === 'undefined'`): the guard that ends the function when the call
 * answered nothing. Returns that `if`.
 */
export function guardAfter(declaration: ts.Node, expression: ts.Node): ts.IfStatement | undefined {
  if (!ts.isVariableDeclaration(declaration) || declaration.initializer !== expression) return undefined;
  const name = declaration.name;
  const list = declaration.parent;
  const statement = list.parent;
  if (
    !ts.isIdentifier(name) ||
    !ts.isVariableDeclarationList(list) ||
    list.declarations.length !== 1 ||
    statement === undefined ||
    !ts.isVariableStatement(statement)
  )
    return undefined;
  const next = adjacentStatement(statement, 1);
  if (
    next === undefined ||
    !ts.isIfStatement(next) ||
    next.elseStatement ||
    !testsEmpty(next.expression, name.getText())
  )
    return undefined;
  const then = next.thenStatement;
  const only: readonly ts.Statement[] = ts.isBlock(then) ? then.statements : [then];
  return only.length === 1 && ts.isReturnStatement(only[0]) && !only[0].expression ? next : undefined;
}

/** The condition holds when `name` is undefined (and it reads nothing else). */
function testsEmpty(condition: ts.Node, name: string): boolean {
  const e = unwrapExpression(condition);
  if (ts.isPrefixUnaryExpression(e)) {
    return e.operator === ts.SyntaxKind.ExclamationToken && unwrapExpression(e.operand).getText() === name;
  }
  if (!ts.isBinaryExpression(e)) return false;
  const op = e.operatorToken.kind;
  const [left, right] = [unwrapExpression(e.left).getText(), unwrapExpression(e.right).getText()];
  const sides = (a: string, b: string) => (left === a && right === b) || (left === b && right === a);
  if (op === ts.SyntaxKind.EqualsEqualsToken) return sides(name, 'null') || sides(name, 'undefined');
  if (op === ts.SyntaxKind.EqualsEqualsEqualsToken)
    return sides(name, 'undefined') || sides(`typeof ${name}`, "'undefined'") || sides(`typeof ${name}`, '"undefined"');
  return false;
}
