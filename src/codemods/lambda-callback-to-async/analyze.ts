// Decides how one handler converts: plain return/throw (direct), the Promise wrapper, dropping an
// unused callback parameter, nothing, or not at all (with the reason a person should read).
import { Node, SyntaxKind, type Identifier, type PropertyAccessExpression } from 'ts-morph';
import { bindingNames, declaresVar, enclosingFunction, identifiersNamed, isFunctionScope, parameterReferences, unwrapExpression, type FunctionNode } from './scope.js';
import { directSites, type DirectSite, type Site, type SiteKind } from './sites.js';
import { startsPromise } from './unawaited.js';

export type Plan =
  | { kind: 'none' }
  | { kind: 'drop-param' }
  | { kind: 'direct'; sites: DirectSite[] }
  | { kind: 'wrapper'; members: PropertyAccessExpression[] }
  | { kind: 'unconvertible'; reason: string };

export interface WaitsUse {
  node: Node;
  /** The `context.callbackWaitsForEmptyEventLoop = value;` statement, when it can simply go. */
  statement?: Node;
  value?: string;
}

export interface Analysis {
  plan: Plan;
  callbackName?: string;
  contextName?: string;
  waits: WaitsUse[];
}

const METHODS = new Set(['succeed', 'fail', 'done']);

export function analyzeHandler(fn: FunctionNode, asyncNames: ReadonlySet<string> = new Set()): Analysis {
  const params = fn.getParameters();
  const contextParam = params[1];
  const callbackParam = params[2];
  const contextName = contextParam && Node.isIdentifier(contextParam.getNameNode()) ? contextParam.getName() : undefined;
  const callbackName = callbackParam && Node.isIdentifier(callbackParam.getNameNode()) ? callbackParam.getName() : undefined;
  const waits: WaitsUse[] = [];
  const result = (plan: Plan): Analysis => ({ plan, callbackName, contextName, waits });
  const refuse = (reason: string) => result({ kind: 'unconvertible', reason });

  if (params.length > 3 || (!Node.isArrowFunction(fn) && fn.isGenerator())) return result({ kind: 'none' });
  if (callbackParam && !callbackName) return refuse('its callback parameter is destructured');
  if (contextParam && !contextName && bindingNames(contextParam.getNameNode()).some((n) => METHODS.has(n))) {
    return refuse('it destructures succeed/fail/done from the context');
  }
  const context = contextUses(fn, contextName, waits);
  if (context === 'refuse') return refuse('it reaches context.succeed/fail/done in a way that cannot be followed (computed access or reassigned context)');
  const callbackRefs = callbackName ? parameterReferences(fn, callbackName) : [];
  if (callbackRefs.some(isWrite) || (callbackName && bodyRedeclares(fn, callbackName))) return refuse('it reassigns its callback parameter');

  if (callbackRefs.length === 0 && context.length === 0) {
    if (!callbackName) return result({ kind: 'none' });
    if (fn.isAsync()) return result({ kind: 'drop-param' });
    // Node.js 22 used a returned promise but ignored any other return value; Node.js 24 uses both.
    const returned = valueReturns(fn).map((r) => unwrapExpression(r.getExpressionOrThrow()));
    const body = fn.getBody();
    if (body && !Node.isBlock(body)) returned.push(unwrapExpression(body));
    if (returned.some((e) => !startsPromise(e, asyncNames))) {
      return refuse('it returns a value but never calls its callback; Node.js 22 ignored that value unless it was a promise');
    }
    return result({ kind: 'drop-param' });
  }
  if (fn.isAsync()) return refuse('it is async and also settles through its callback or context; which one wins depends on timing');
  if (usesArguments(fn)) return refuse('it reads `arguments`, whose length and contents change');

  const sites: Site[] = [
    ...callbackRefs.flatMap((id) => siteAt(id, 'callback')),
    ...context.flatMap((member) => siteAt(member, member.getName() as SiteKind)),
  ];
  const siteCalls = new Set<Node>(sites.map((s) => s.call));
  const body = fn.getBody();
  if (!body) return result({ kind: 'none' });
  if (!Node.isBlock(body) && !siteCalls.has(unwrapExpression(body))) {
    return refuse('its expression body returns a value as well as handing on the callback; on Node.js 22 a returned promise raced the callback');
  }
  if (valueReturns(fn).some((r) => !siteCalls.has(unwrapExpression(r.getExpressionOrThrow())))) {
    return refuse('it returns a value as well as calling its callback; on Node.js 22 a returned promise raced the callback');
  }
  const allCalled = callbackRefs.every(isCallee) && context.every(isCallee);
  const direct = allCalled ? directSites(fn, sites) : undefined;
  if (direct) return result({ kind: 'direct', sites: direct });
  if (returnsUnsettled(fn, siteCalls)) {
    return refuse('it returns on some path without calling its callback; Node.js 22 then answered null once the event loop emptied, which a promise cannot tell');
  }
  return result({ kind: 'wrapper', members: context });
}

/** A bare `return;` of the handler itself that does not directly follow a callback call. */
function returnsUnsettled(fn: FunctionNode, siteCalls: ReadonlySet<Node>): boolean {
  return fn.getDescendantsOfKind(SyntaxKind.ReturnStatement).some((r) => {
    if (r.getExpression() || enclosingFunction(r) !== fn) return false;
    const previous = r.getPreviousSibling();
    return !(Node.isExpressionStatement(previous) && siteCalls.has(unwrapExpression(previous.getExpression())));
  });
}

/** `context.succeed/fail/done` accesses; records callbackWaitsForEmptyEventLoop uses in `waits`. */
function contextUses(fn: FunctionNode, name: string | undefined, waits: WaitsUse[]): PropertyAccessExpression[] | 'refuse' {
  if (!name) return [];
  const members: PropertyAccessExpression[] = [];
  let reassigned = false;
  let dynamic = false;
  let computedMethod = false;
  for (const ref of parameterReferences(fn, name)) {
    const parent = ref.getParentOrThrow();
    if (Node.isPropertyAccessExpression(parent) && parent.getExpression() === ref) {
      if (METHODS.has(parent.getName())) members.push(parent);
      else if (parent.getName() === 'callbackWaitsForEmptyEventLoop') waits.push(waitsUse(parent));
    } else if (Node.isElementAccessExpression(parent) && parent.getExpression() === ref) {
      const arg = parent.getArgumentExpression();
      if (Node.isStringLiteral(arg)) computedMethod ||= METHODS.has(arg.getLiteralText());
      else dynamic = true;
    } else if (isWrite(ref)) {
      reassigned = true;
    }
  }
  return computedMethod || ((reassigned || dynamic) && members.length > 0) ? 'refuse' : members;
}

function waitsUse(access: PropertyAccessExpression): WaitsUse {
  const assignment = access.getParentOrThrow();
  if (!Node.isBinaryExpression(assignment) || assignment.getLeft() !== access || assignment.getOperatorToken().getKind() !== SyntaxKind.EqualsToken) {
    return { node: access };
  }
  const statement = assignment.getParentOrThrow();
  const list = statement.getParent();
  const removable = Node.isExpressionStatement(statement) && (Node.isBlock(list) || Node.isSourceFile(list) || Node.isCaseClause(list) || Node.isDefaultClause(list));
  return removable ? { node: access, statement, value: assignment.getRight().getText() } : { node: access };
}

function siteAt(callee: Node, kind: SiteKind): Site[] {
  const call = callee.getParent();
  return Node.isCallExpression(call) && call.getExpression() === callee ? [{ kind, call }] : [];
}

function isCallee(node: Node): boolean {
  const parent = node.getParent();
  return Node.isCallExpression(parent) && parent.getExpression() === node;
}

function isWrite(id: Identifier): boolean {
  const parent = id.getParentOrThrow();
  if (Node.isBinaryExpression(parent) && parent.getLeft() === id) {
    const kind = parent.getOperatorToken().getKind();
    return kind >= SyntaxKind.FirstAssignment && kind <= SyntaxKind.LastAssignment;
  }
  if (Node.isPrefixUnaryExpression(parent) || Node.isPostfixUnaryExpression(parent)) {
    const op = parent.getOperatorToken();
    return op === SyntaxKind.PlusPlusToken || op === SyntaxKind.MinusMinusToken;
  }
  return false;
}

/** `var callback` anywhere in the handler, or `let`/`const`/function at its top: the same name as the parameter. */
function bodyRedeclares(fn: FunctionNode, name: string): boolean {
  const body = fn.getBody();
  if (declaresVar(fn, name)) return true;
  return Node.isBlock(body) && body.getStatements().some((s) => (Node.isFunctionDeclaration(s) || Node.isClassDeclaration(s)) && s.getName() === name);
}

/** `return <expr>` statements of the handler itself (not of nested functions). */
export function valueReturns(fn: FunctionNode) {
  return fn
    .getDescendantsOfKind(SyntaxKind.ReturnStatement)
    .filter((r) => r.getExpression() !== undefined && enclosingFunction(r) === fn);
}

/** `arguments` of the handler itself: arrows see their parent's, so only ordinary functions count. */
function usesArguments(fn: FunctionNode): boolean {
  if (Node.isArrowFunction(fn)) return false;
  return identifiersNamed(fn, 'arguments').some((id) => {
    const owner = id.getFirstAncestor((a) => !Node.isArrowFunction(a) && isFunctionScope(a));
    return owner === fn;
  });
}
