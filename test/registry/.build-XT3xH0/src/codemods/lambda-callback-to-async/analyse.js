// Decides how one handler converts: plain return/throw (direct), the Promise wrapper, dropping an
// unused callback parameter, nothing, or not at all (with the reason a person should read).
// A handler converts whole or not at all: its parameters, every context.succeed/fail/done (its
// own and those of the module's functions it hands the context to) and callbackWaitsForEmptyEventLoop.
import { Node, SyntaxKind } from 'ts-morph';
import { METHODS } from './context-uses.js';
import { collectFlow, convertible, flowEnv } from './flow.js';
import { adjacentStatement, bindingNames, descendantsOfKind, enclosingFunction, identifierTexts, unwrapExpression, usesArguments, valueReturns, } from './scope.js';
import { directSites, guardAfter } from './sites.js';
import { startsPromise } from './unawaited.js';
const NO_ENV = flowEnv(undefined);
export function analyseHandler(fn, options = {}) {
    const { asyncNames = new Set(), env = NO_ENV, kept = new Set() } = options;
    const params = fn.getParameters();
    const contextParam = params[1];
    const callbackParam = params[2];
    const contextName = contextParam && Node.isIdentifier(contextParam.getNameNode()) ? contextParam.getName() : undefined;
    const callbackName = callbackParam && Node.isIdentifier(callbackParam.getNameNode()) ? callbackParam.getName() : undefined;
    let waits = [];
    const result = (plan) => ({ plan, callbackName, contextName, waits });
    const refuse = (reason) => result({ kind: 'unconvertible', reason });
    if (params.length > 3 || (!Node.isArrowFunction(fn) && fn.isGenerator()))
        return result({ kind: 'none' });
    if (callbackParam && !callbackName)
        return refuse('its callback parameter is destructured');
    if (contextParam && !contextName && bindingNames(contextParam.getNameNode()).some((n) => METHODS.has(n))) {
        return refuse('it destructures succeed/fail/done from the context');
    }
    const flow = collectFlow(fn, callbackName, contextName, env);
    waits = flow.waits;
    if (flow.refuse)
        return refuse(flow.refuse);
    if (flow.external.length > 0) {
        return refuse("it hands its context to cfn-response's send(), which ends the invocation with context.done(), gone in Node.js 24; send the response with a request the handler awaits");
    }
    const changes = (plan) => {
        // The handler changes: a callbackWaitsForEmptyEventLoop use that cannot simply go would be left half done.
        if (waits.some((w) => !w.statement)) {
            return refuse('it reads or sets context.callbackWaitsForEmptyEventLoop where the codemod cannot remove it (Node.js 24 has no such property)');
        }
        return result(plan);
    };
    if (flow.sites.length === 0 && flow.callbackValues.length === 0 && flow.members.length === 0) {
        if (!callbackName)
            return result({ kind: 'none' });
        if (fn.isAsync())
            return changes({ kind: 'drop-param' });
        // Node.js 22 used a returned promise but ignored any other return value; Node.js 24 uses both.
        const returned = valueReturns(fn).map((r) => unwrapExpression(r.getExpressionOrThrow()));
        const body = fn.getBody();
        if (body && !Node.isBlock(body))
            returned.push(unwrapExpression(body));
        if (returned.some((e) => !startsPromise(e, asyncNames))) {
            return refuse('it returns a value but never calls its callback; Node.js 22 ignored that value unless it was a promise');
        }
        return changes({ kind: 'drop-param' });
    }
    if (fn.isAsync())
        return refuse('it is async and also settles through its callback or context; which one wins depends on timing');
    if (usesArguments(fn))
        return refuse('it reads `arguments`, whose length and contents change');
    const siteOf = new Map(flow.sites.map((s) => [s.call, s]));
    // Node.js 22 ignored a value the handler returned unless it was a promise, which raced the callback.
    const returnsSettle = (e) => {
        const site = siteOf.get(unwrapExpression(e));
        return site !== undefined && (!site.use || site.use.facts.returnsOnlySettles);
    };
    const body = fn.getBody();
    if (!body)
        return result({ kind: 'none' });
    if (!Node.isBlock(body) && !returnsSettle(body)) {
        return refuse('its expression body returns a value as well as handing on the callback; on Node.js 22 a returned promise raced the callback');
    }
    if (valueReturns(fn).some((r) => !returnsSettle(r.getExpressionOrThrow()))) {
        return refuse('it returns a value as well as calling its callback; on Node.js 22 a returned promise raced the callback');
    }
    const allCalled = flow.callbackValues.length === 0 && flow.members.every(isCalled);
    const direct = allCalled ? directSites(fn, flow.sites, (use) => convertible(use, kept)) : undefined;
    if (direct)
        return changes({ kind: 'direct', sites: direct });
    if (returnsUnsettled(fn, flow)) {
        return refuse('it returns on some path without calling its callback; Node.js 22 then answered null once the event loop emptied, which a promise cannot tell');
    }
    if (!reachesSettling(Node.isBlock(body) ? body.getStatements() : [body], [callbackName, contextName])) {
        return refuse('it can reach its end on some path without calling its callback or handing it on; Node.js 22 then answered null once the event loop emptied, which a promise cannot tell');
    }
    const shims = flow.helpers
        .filter((h) => h.contextIndex !== undefined && h.facts.reachesContext)
        .map((h) => h.call.getArguments()[h.contextIndex]);
    return changes({ kind: 'wrapper', members: flow.members, shims });
}
function isCalled(member) {
    const parent = member.getParent();
    return Node.isCallExpression(parent) && parent.getExpression() === member;
}
/**
 * A bare `return;` of the handler itself that may leave the invocation unsettled: no statement
 * before it in its block calls the callback or a helper that settles (or hands the callback on)
 * on every path, and it does not guard `const x = helper(…)` where the helper answers whenever x
 * is falsy.
 */
function returnsUnsettled(fn, flow) {
    const siteOf = new Map(flow.sites.map((s) => [s.call, s.use]));
    const settledBy = (expr) => {
        if (!expr || !siteOf.has(unwrapExpression(expr)))
            return false;
        const use = siteOf.get(unwrapExpression(expr));
        return !use || use.facts.settlesEventually;
    };
    return descendantsOfKind(fn, SyntaxKind.ReturnStatement).some((r) => {
        if (r.getExpression() || enclosingFunction(r) !== fn)
            return false;
        for (let previous = adjacentStatement(r, -1); previous; previous = adjacentStatement(previous, -1)) {
            if (Node.isExpressionStatement(previous) && settledBy(previous.getExpression()))
                return false;
        }
        return !guardedAfterAnswer(r, siteOf);
    });
}
/** `const x = helper(…); if (!x) return;` where the helper settles whenever it returns a falsy value. */
function guardedAfterAnswer(r, siteOf) {
    const guard = r.getParent() && Node.isBlock(r.getParent()) ? r.getParentOrThrow().getParent() : r.getParent();
    if (!Node.isIfStatement(guard))
        return false;
    const declaration = adjacentStatement(guard, -1);
    if (!Node.isVariableStatement(declaration))
        return false;
    const [only] = declaration.getDeclarations();
    const init = only?.getInitializer();
    if (!only || !init || guardAfter(only, init) !== guard)
        return false;
    const use = siteOf.get(unwrapExpression(init));
    return use !== undefined && use.facts.settlesWhenFalsy;
}
/**
 * Whether every way through `statements` to their end passes a statement that names the callback
 * or the context (calls it, hands it on, or closes over it): after the Promise wrapper, a path that
 * names neither never settles. Loose on purpose: any mention counts, in loops and closures too, so
 * only the paths that plainly forget the callback (an `if` without `else`, an empty branch) fail.
 */
function reachesSettling(statements, names) {
    const mentions = (node) => {
        const texts = identifierTexts(node);
        return names.some((name) => name !== undefined && texts.has(name));
    };
    const covers = (s) => {
        if (Node.isBlock(s))
            return reachesSettling(s.getStatements(), names);
        if (Node.isIfStatement(s)) {
            const other = s.getElseStatement();
            return mentions(s.getExpression()) || (covers(s.getThenStatement()) && other !== undefined && covers(other));
        }
        if (Node.isTryStatement(s)) {
            const clause = s.getCatchClause();
            const finallyBlock = s.getFinallyBlock();
            return ((finallyBlock !== undefined && covers(finallyBlock)) ||
                (covers(s.getTryBlock()) && (!clause || covers(clause.getBlock()))));
        }
        if (Node.isReturnStatement(s) || Node.isThrowStatement(s))
            return true; // returns are judged by returnsUnsettled
        return mentions(s);
    };
    return statements.some(covers);
}
