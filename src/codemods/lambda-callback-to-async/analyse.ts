// Decides how one handler converts: plain return/throw (direct), the Promise wrapper, dropping an
// unused callback parameter, nothing, or not at all (with the reason a person should read).
// A handler converts whole or not at all: its parameters, every context.succeed/fail/done (its
// own and those of the module's functions it hands the context to) and callbackWaitsForEmptyEventLoop.
import { ts } from '../../util/typescript.cjs';
import { METHODS } from './context-uses.js';
import { collectFlow, convertible, flowEnv, type Flow, type FlowEnv, type HelperUse, type WaitsUse } from './flow.js';
import {
  adjacentStatement,
  bindingNames,
  descendants,
  enclosingFunction,
  identifierTexts,
  isAsync,
  statementsOf,
  unwrapExpression,
  usesArguments,
  valueReturns,
  type FunctionNode,
} from './scope.js';
import { directSites, guardAfter, type DirectSite } from './sites.js';
import { startsPromise } from './unawaited.js';
import type { LocalFunction } from './local-functions.js';

export type { WaitsUse } from './flow.js';

export type Plan =
  | { kind: 'none' }
  | { kind: 'drop-param' }
  | { kind: 'direct'; sites: DirectSite[] }
  /** `shims`: context arguments handed to helpers that call context.succeed/fail/done. */
  | { kind: 'wrapper'; members: ts.PropertyAccessExpression[]; shims: ts.Node[] }
  | { kind: 'unconvertible'; reason: string };

export interface Analysis {
  plan: Plan;
  callbackName?: string;
  contextName?: string;
  waits: WaitsUse[];
}

export interface AnalyseOptions {
  asyncNames?: ReadonlySet<string>;
  /** The file's local functions, as far as they have been followed. */
  env?: FlowEnv;
  /** Helpers that must stay as they are (other code uses them): handlers that use them keep a callback. */
  kept?: ReadonlySet<LocalFunction>;
}

const NO_ENV: FlowEnv = flowEnv(undefined);

export function analyseHandler(fn: FunctionNode, options: AnalyseOptions = {}): Analysis {
  const { asyncNames = new Set<string>(), env = NO_ENV, kept = new Set<LocalFunction>() } = options;
  const params = fn.parameters;
  const contextParam = params[1];
  const callbackParam = params[2];
  const contextName = contextParam && ts.isIdentifier(contextParam.name) ? contextParam.name.text : undefined;
  const callbackName = callbackParam && ts.isIdentifier(callbackParam.name) ? callbackParam.name.text : undefined;
  let waits: WaitsUse[] = [];
  const result = (plan: Plan): Analysis => ({ plan, callbackName, contextName, waits });
  const refuse = (reason: string) => result({ kind: 'unconvertible', reason });

  if (params.length > 3 || (!ts.isArrowFunction(fn) && fn.asteriskToken !== undefined)) return result({ kind: 'none' });
  if (callbackParam && !callbackName) return refuse('its callback parameter is destructured');
  if (contextParam && !contextName && bindingNames(contextParam.name).some((n) => METHODS.has(n))) {
    return refuse('it destructures succeed/fail/done from the context');
  }
  const flow = collectFlow(fn, callbackName, contextName, env);
  waits = flow.waits;
  if (flow.refuse) return refuse(flow.refuse);
  if (flow.external.length > 0) {
    return refuse(
      "it hands its context to cfn-response's send(), which ends the invocation with context.done(), gone in Node.js 24; send the response with a request the handler awaits",
    );
  }
  const changes = (plan: Plan): Analysis => {
    // The handler changes: a callbackWaitsForEmptyEventLoop use that cannot simply go would be left half done.
    if (waits.some((w) => !w.statement)) {
      return refuse(
        'it reads or sets context.callbackWaitsForEmptyEventLoop where the codemod cannot remove it (Node.js 24 has no such property)',
      );
    }
    return result(plan);
  };

  if (flow.sites.length === 0 && flow.callbackValues.length === 0 && flow.members.length === 0) {
    if (!callbackName) return result({ kind: 'none' });
    if (isAsync(fn)) return changes({ kind: 'drop-param' });
    // Node.js 22 used a returned promise but ignored any other return value; Node.js 24 uses both.
    const returned = valueReturns(fn).map((r) => unwrapExpression(r.expression));
    const body = fn.body;
    if (body && !ts.isBlock(body)) returned.push(unwrapExpression(body));
    if (returned.some((e) => !startsPromise(e, asyncNames))) {
      return refuse(
        'it returns a value but never calls its callback; Node.js 22 ignored that value unless it was a promise',
      );
    }
    return changes({ kind: 'drop-param' });
  }
  if (isAsync(fn))
    return refuse('it is async and also settles through its callback or context; which one wins depends on timing');
  if (usesArguments(fn)) return refuse('it reads `arguments`, whose length and contents change');

  const siteOf = new Map<ts.Node, (typeof flow.sites)[number]>(flow.sites.map((s) => [s.call, s]));
  // Node.js 22 ignored a value the handler returned unless it was a promise, which raced the callback.
  const returnsSettle = (e: ts.Node) => {
    const site = siteOf.get(unwrapExpression(e));
    return site !== undefined && (!site.use || site.use.facts.returnsOnlySettles);
  };
  const body = fn.body;
  if (!body) return result({ kind: 'none' });
  if (!ts.isBlock(body) && !returnsSettle(body)) {
    return refuse(
      'its expression body returns a value as well as handing on the callback; on Node.js 22 a returned promise raced the callback',
    );
  }
  if (valueReturns(fn).some((r) => !returnsSettle(r.expression))) {
    return refuse(
      'it returns a value as well as calling its callback; on Node.js 22 a returned promise raced the callback',
    );
  }
  const allCalled = flow.callbackValues.length === 0 && flow.members.every(isCalled);
  const direct = allCalled ? directSites(fn, flow.sites, (use) => convertible(use, kept)) : undefined;
  if (direct) return changes({ kind: 'direct', sites: direct });
  if (returnsUnsettled(fn, flow)) {
    return refuse(
      'it returns on some path without calling its callback; Node.js 22 then answered null once the event loop emptied, which a promise cannot tell',
    );
  }
  if (!reachesSettling(ts.isBlock(body) ? body.statements : [body], [callbackName, contextName])) {
    return refuse(
      'it can reach its end on some path without calling its callback or handing it on; Node.js 22 then answered null once the event loop emptied, which a promise cannot tell',
    );
  }
  const shims = flow.helpers
    .filter((h) => h.contextIndex !== undefined && h.facts.reachesContext)
    .map((h) => h.call.arguments[h.contextIndex!]!);
  return changes({ kind: 'wrapper', members: flow.members, shims });
}

function isCalled(member: ts.Node): boolean {
  const parent = member.parent;
  return parent !== undefined && ts.isCallExpression(parent) && parent.expression === member;
}

/**
 * A bare `return;` of the handler itself that may leave the invocation unsettled: no statement
 * before it in its block calls the callback or a helper that settles (or hands the callback on)
 * on every path, and it does not guard `const x = helper(…)` where the helper answers whenever x
 * is falsy.
 */
function returnsUnsettled(fn: FunctionNode, flow: Flow): boolean {
  const siteOf = new Map<ts.Node, HelperUse | undefined>(flow.sites.map((s) => [s.call, s.use]));
  const settledBy = (expr: ts.Node | undefined) => {
    if (!expr || !siteOf.has(unwrapExpression(expr))) return false;
    const use = siteOf.get(unwrapExpression(expr));
    return !use || use.facts.settlesEventually;
  };
  return descendants(fn, ts.isReturnStatement).some((r) => {
    if (r.expression || enclosingFunction(r) !== fn) return false;
    for (const previous of statementsBefore(r)) {
      if (ts.isExpressionStatement(previous) && settledBy(previous.expression)) return false;
    }
    return !guardedAfterAnswer(r, siteOf);
  });
}

/**
 * Every statement before `statement` in its statement list, nearest first; a comment between two
 * statements does not end the walk. A statement that is no list's member has none, but for the
 * `else` of an `if`, which has the `then` branch before it.
 */
function statementsBefore(statement: ts.Statement): ts.Statement[] {
  const list = statementsOf(statement.parent);
  if (list) return list.slice(0, list.indexOf(statement)).reverse();
  const parent = statement.parent;
  return ts.isIfStatement(parent) && parent.elseStatement === statement ? [parent.thenStatement] : [];
}

/** `const x = helper(…); if (!x) return;` where the helper settles whenever it returns a falsy value. */
function guardedAfterAnswer(r: ts.Node, siteOf: ReadonlyMap<ts.Node, HelperUse | undefined>): boolean {
  const guard = r.parent && ts.isBlock(r.parent) ? r.parent.parent : r.parent;
  if (guard === undefined || !ts.isIfStatement(guard)) return false;
  const declaration = adjacentStatement(guard, -1);
  if (declaration === undefined || !ts.isVariableStatement(declaration)) return false;
  const [only] = declaration.declarationList.declarations;
  const init = only?.initializer;
  if (!only || !init || guardAfter(only, init) !== guard) return false;
  const use = siteOf.get(unwrapExpression(init));
  return use !== undefined && use.facts.settlesWhenFalsy;
}

/**
 * Whether every way through `statements` to their end passes a statement that names the callback
 * or the context (calls it, hands it on, or closes over it): after the Promise wrapper, a path that
 * names neither never settles. Loose on purpose: any mention counts, in loops and closures too, so
 * only the paths that plainly forget the callback (an `if` without `else`, an empty branch) fail.
 */
function reachesSettling(statements: readonly ts.Node[], names: ReadonlyArray<string | undefined>): boolean {
  const mentions = (node: ts.Node) => {
    const texts = identifierTexts(node);
    return names.some((name) => name !== undefined && texts.has(name));
  };
  const covers = (s: ts.Node): boolean => {
    if (ts.isBlock(s)) return reachesSettling(s.statements, names);
    if (ts.isIfStatement(s)) {
      const other = s.elseStatement;
      return mentions(s.expression) || (covers(s.thenStatement) && other !== undefined && covers(other));
    }
    if (ts.isTryStatement(s)) {
      const clause = s.catchClause;
      const finallyBlock = s.finallyBlock;
      return (
        (finallyBlock !== undefined && covers(finallyBlock)) ||
        (covers(s.tryBlock) && (!clause || covers(clause.block)))
      );
    }
    if (ts.isReturnStatement(s) || ts.isThrowStatement(s)) return true; // returns are judged by returnsUnsettled
    return mentions(s);
  };
  return statements.some(covers);
}
