// Where a function's callback and context go: the calls that settle the invocation, and the
// functions of the same module they are handed to (`respond(callback, 200, body)`,
// `sendResponse(event, context, 'SUCCESS')`), followed into those functions. A handler converts
// when every path through them settles it; a helper used only by converted handlers then returns
// or throws what it passed to the callback, any other stays as it is and gets a real callback.
import { Node } from 'ts-morph';
import { cfnResponseNames, endsThroughContext } from './cfn-response.js';
import { contextUses } from './context-uses.js';
import { everyExitSettles, handsOn, isOneOf, provablyTruthy } from './exits.js';
import { localFunctions, moduleReferences } from './local-functions.js';
import { declaresVar, isCallee, isWrite, parameterReferences, refersToModuleScope, unwrapExpression, usesArguments, valueReturns, } from './scope.js';
import { directSites } from './sites.js';
export function flowEnv(sf) {
    let locals;
    let cfnResponse;
    return {
        locals: () => (locals ??= sf ? localFunctions(sf) : new Map()),
        cfnResponse: () => (cfnResponse ??= sf ? cfnResponseNames(sf) : new Set()),
        facts: new Map(),
        following: new Set(),
    };
}
export function collectFlow(fn, callbackName, contextName, env) {
    const flow = { sites: [], members: [], callbackValues: [], helpers: [], waits: [], external: [] };
    const handed = new Map();
    let twice = false;
    const handTo = (ref, which) => {
        const target = localCallee(ref, env);
        if (!target)
            return false;
        const entry = handed.get(target.call) ?? { helper: target.helper };
        if (entry[which] !== undefined) {
            // Handed twice to one call: the callback stays a callback; a second context could not be given methods.
            if (which === 'contextIndex')
                twice = true;
            return false;
        }
        entry[which] = target.index;
        if (which === 'callbackIndex')
            entry.callbackRef = ref;
        handed.set(target.call, entry);
        return true;
    };
    if (callbackName) {
        const refs = parameterReferences(fn, callbackName);
        if (refs.some(isWrite) || bodyRedeclares(fn, callbackName))
            return { ...flow, refuse: 'it reassigns its callback parameter' };
        for (const ref of refs) {
            if (isCallee(ref))
                flow.sites.push({ kind: 'callback', call: ref.getParentOrThrow() });
            else if (!handTo(ref, 'callbackIndex'))
                flow.callbackValues.push(ref);
        }
    }
    if (contextName) {
        const refuse = contextUses(fn, contextName, flow, (ref) => {
            if (handTo(ref, 'contextIndex'))
                return;
            const external = endsThroughContext(ref, env.cfnResponse);
            if (external)
                flow.external.push(external);
        });
        if (refuse)
            return { ...flow, refuse };
        if (twice)
            return { ...flow, refuse: 'it hands its context to one function twice, which the codemod does not follow' };
    }
    for (const [call, entry] of handed) {
        const facts = followHelper(entry.helper, entry.callbackIndex, entry.contextIndex, env);
        const use = { call, helper: entry.helper, ...indexes(entry), facts };
        flow.helpers.push(use);
        if (facts.opaque || !facts.settles) {
            // A callback handed to code that is not followed stays a callback (Promise wrapper).
            if (entry.callbackRef)
                flow.callbackValues.push(entry.callbackRef);
            if (entry.contextIndex === undefined || !facts.reachesContext)
                continue;
        }
        flow.sites.push({ kind: 'helper', call, use });
    }
    return flow;
}
function indexes(entry) {
    return {
        ...(entry.callbackIndex !== undefined ? { callbackIndex: entry.callbackIndex } : {}),
        ...(entry.contextIndex !== undefined ? { contextIndex: entry.contextIndex } : {}),
    };
}
/** `helper(…, ref, …)` where helper is a function of this module: the call and the argument's index. */
function localCallee(ref, env) {
    const call = ref.getParent();
    if (!Node.isCallExpression(call))
        return undefined;
    const callee = call.getExpression();
    if (!Node.isIdentifier(callee) || callee === ref)
        return undefined;
    const helper = env.locals().get(callee.getText());
    if (!helper || !refersToModuleScope(callee))
        return undefined;
    const args = call.getArguments();
    const index = args.indexOf(ref);
    if (index < 0 || args.slice(0, index + 1).some((a) => Node.isSpreadElement(a)))
        return undefined;
    return { call, helper, index };
}
/** `var callback` anywhere in the function, or `let`/`const`/function at its top: the same name as the parameter. */
function bodyRedeclares(fn, name) {
    const body = fn.getBody();
    if (declaresVar(fn, name))
        return true;
    return (Node.isBlock(body) &&
        body
            .getStatements()
            .some((s) => (Node.isFunctionDeclaration(s) || Node.isClassDeclaration(s)) && s.getName() === name));
}
const OPAQUE_SETTLES = /\b(succeed|fail|done)\b/;
/** What the helper does with the callback (parameter `callbackIndex`) and context (`contextIndex`) it is handed. */
export function followHelper(helper, callbackIndex, contextIndex, env) {
    const key = `${helper.name}:${callbackIndex ?? ''}:${contextIndex ?? ''}`;
    const known = env.facts.get(key);
    if (known)
        return known;
    if (env.following.has(helper))
        return opaque('it calls itself with the callback', helper, contextIndex);
    const params = helper.fn.getParameters();
    const nameAt = (index) => {
        if (index === undefined)
            return { ok: true, name: undefined };
        const param = params[index];
        return param && !param.isRestParameter() && Node.isIdentifier(param.getNameNode())
            ? { ok: true, name: param.getName() }
            : { ok: false };
    };
    const callback = nameAt(callbackIndex);
    const context = nameAt(contextIndex);
    let facts;
    if (!callback.ok || !context.ok || params[0]?.getName() === 'this')
        facts = opaque('its parameter is missing, a rest parameter or destructured', helper, contextIndex);
    else if (Node.isFunctionDeclaration(helper.fn) && helper.fn.isGenerator())
        facts = opaque('it is a generator', helper, contextIndex);
    else if (usesArguments(helper.fn))
        facts = opaque('it reads `arguments`', helper, contextIndex);
    else if (moduleReferences(helper.fn.getSourceFile(), helper).some(isWrite))
        facts = opaque('its name is assigned another function', helper, contextIndex);
    else {
        env.following.add(helper);
        const flow = collectFlow(helper.fn, callback.name, context.name, env);
        env.following.delete(helper);
        facts = flow.refuse
            ? opaque(flow.refuse, helper, contextIndex)
            : helperFacts(helper, callbackIndex, contextIndex, flow);
    }
    env.facts.set(key, facts);
    return facts;
}
function opaque(reason, helper, contextIndex) {
    // Unfollowed code handed the context may still call its methods; the wrapper then gives it ones that work.
    const reachesContext = contextIndex !== undefined && OPAQUE_SETTLES.test(helper.fn.getText());
    return {
        opaque: reason,
        settles: reachesContext,
        reachesContext,
        alwaysSettles: false,
        settlesEventually: false,
        settlesWhenFalsy: false,
        returnsOnlySettles: false,
    };
}
function helperFacts(helper, callbackIndex, contextIndex, flow) {
    const fn = helper.fn;
    const settles = flow.sites.length > 0 || flow.callbackValues.length > 0 || flow.members.length > 0;
    const reachesContext = flow.members.length > 0 || flow.helpers.some((h) => h.contextIndex !== undefined && h.facts.reachesContext);
    const siteOf = new Map(flow.sites.map((s) => [s.call, s]));
    const synchronous = new Set([...siteOf].filter(([, s]) => s.kind !== 'helper' || s.use.facts.alwaysSettles).map(([call]) => call));
    const eventually = new Set([...siteOf].filter(([, s]) => s.kind !== 'helper' || s.use.facts.settlesEventually).map(([call]) => call));
    const handedOn = [...eventually, ...flow.callbackValues, ...flow.members];
    const returned = valueReturns(fn).map((r) => unwrapExpression(r.getExpressionOrThrow()));
    const body = fn.getBody();
    if (body && !Node.isBlock(body))
        returned.push(unwrapExpression(body));
    const returnsOnlySettles = !fn.isAsync() &&
        returned.every((e) => {
            const site = siteOf.get(e);
            return site !== undefined && (site.kind !== 'helper' || site.use.facts.returnsOnlySettles);
        });
    const facts = {
        settles,
        reachesContext,
        alwaysSettles: everyExitSettles(fn, isOneOf(synchronous), () => false),
        settlesEventually: everyExitSettles(fn, handsOn(eventually, handedOn), () => false),
        settlesWhenFalsy: everyExitSettles(fn, isOneOf(synchronous), provablyTruthy),
        returnsOnlySettles,
    };
    const conversion = settles ? helperConversion(helper, callbackIndex, contextIndex, flow) : undefined;
    return conversion ? { ...facts, conversion } : facts;
}
function helperConversion(helper, callbackIndex, contextIndex, flow) {
    if (helper.exported || helper.fn.isAsync())
        return undefined;
    if (flow.callbackValues.length > 0 || !flow.members.every(isCallee))
        return undefined;
    // Whole or not at all: a callbackWaitsForEmptyEventLoop use that cannot simply go keeps the helper as it is.
    if (flow.waits.some((w) => !w.statement || w.value !== 'false'))
        return undefined;
    const sites = directSites(helper.fn, flow.sites, (use) => use.facts.conversion !== undefined);
    if (!sites)
        return undefined;
    const nestedConversion = (s) => s.site.use?.facts.conversion;
    const throwsOf = (s) => s.outcome.type === 'throw' ? true : s.outcome.type === 'helper' ? nestedConversion(s).throws : false;
    const throwsOnly = sites.every((s) => s.outcome.type === 'helper' ? nestedConversion(s).throwsOnly : s.outcome.type === 'throw');
    return {
        helper,
        ...indexes({ callbackIndex, contextIndex }),
        sites,
        waits: flow.waits,
        throws: sites.some(throwsOf),
        throwsOnly,
    };
}
/** The helper's conversion applies when neither it nor a helper it calls must stay as it is. */
export function convertible(use, kept) {
    const conversion = use.facts.conversion;
    if (!conversion || kept.has(conversion.helper))
        return false;
    return conversion.sites.every((s) => !s.site.use || convertible(s.site.use, kept));
}
