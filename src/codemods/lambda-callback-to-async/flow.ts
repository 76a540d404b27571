// Where a function's callback and context go: the calls that settle the invocation, and the
// functions of the same module they are handed to (`respond(callback, 200, body)`,
// `sendResponse(event, context, 'SUCCESS')`), followed into those functions. A handler converts
// when every path through them settles it; a helper used only by converted handlers then returns
// or throws what it passed to the callback, any other stays as it is and gets a real callback.
import { ts } from '../../util/typescript.cjs';
import { cfnResponseNames, endsThroughContext } from './cfn-response.js';
import { contextUses, type WaitsUse } from './context-uses.js';
import { everyExitSettles, handsOn, isOneOf, provablyTruthy } from './exits.js';
import { localFunctions, moduleReferences, type LocalFunction } from './local-functions.js';
import {
  declaresVar,
  isAsync,
  isCallee,
  isWrite,
  nameText,
  parameterReferences,
  refersToModuleScope,
  unwrapExpression,
  usesArguments,
  valueReturns,
  type FunctionNode,
} from './scope.js';
import { directSites, type DirectSite, type Site } from './sites.js';

export type { WaitsUse } from './context-uses.js';

/** A call of a module-local function that is handed the callback and/or the context. */
export interface HelperUse {
  call: ts.CallExpression;
  helper: LocalFunction;
  callbackIndex?: number;
  contextIndex?: number;
  facts: HelperFacts;
}

export interface HelperFacts {
  /** Set when the helper cannot be followed (it calls itself, reads `arguments`, reassigns the callback …). */
  opaque?: string;
  /** It calls the callback or context.succeed/fail/done, or hands them on, on some path. */
  settles: boolean;
  /** It reaches context.succeed/fail/done: in the Promise wrapper it needs a context that has them. */
  reachesContext: boolean;
  /** Every path of its own synchronous flow settles (or throws) before it returns. */
  alwaysSettles: boolean;
  /** Every path settles or hands the callback or context on (to a call) before it returns. */
  settlesEventually: boolean;
  /** Every path that may return a falsy value settles first: `if (!x) return;` after it answers nothing new. */
  settlesWhenFalsy: boolean;
  /** Its return value is only ever what a settle call returned (nothing a Node.js 22 caller could race). */
  returnsOnlySettles: boolean;
  /** How it becomes a function that returns or throws its answer, when it can. */
  conversion?: HelperConversion;
}

export interface HelperConversion {
  helper: LocalFunction;
  callbackIndex?: number;
  contextIndex?: number;
  sites: DirectSite[];
  waits: WaitsUse[];
  /** Every answer it gives is a throw, so `const x = helper(…); if (!x) return;` may stay as it is. */
  throwsOnly: boolean;
  throws: boolean;
}

export interface Flow {
  /** Calls that settle: callback(…), context.succeed/fail/done(…), and calls of helpers that settle. */
  sites: Site[];
  /** context.succeed/fail/done accesses, called or not. */
  members: ts.PropertyAccessExpression[];
  /** Other references of the callback: handed to code that is not followed, stored, passed on. */
  callbackValues: ts.Identifier[];
  helpers: HelperUse[];
  waits: WaitsUse[];
  /** Calls of other modules handed the context that are known to end the invocation with context.done(). */
  external: ts.CallExpression[];
  refuse?: string;
}

/** State for one file: its local functions and what following each of them found. */
export interface FlowEnv {
  /** Read only when a callback or context is handed to a call: most handlers never need them. */
  locals(): ReadonlyMap<string, LocalFunction>;
  /** Local names of cfn-response (`response.send(event, context, …)` calls context.done()). */
  cfnResponse(): ReadonlySet<string>;
  facts: Map<string, HelperFacts>;
  following: Set<LocalFunction>;
}

export function flowEnv(sf: ts.SourceFile | undefined): FlowEnv {
  let locals: ReadonlyMap<string, LocalFunction> | undefined;
  let cfnResponse: ReadonlySet<string> | undefined;
  return {
    locals: () => (locals ??= sf ? localFunctions(sf) : new Map()),
    cfnResponse: () => (cfnResponse ??= sf ? cfnResponseNames(sf) : new Set()),
    facts: new Map(),
    following: new Set(),
  };
}

export function collectFlow(
  fn: FunctionNode,
  callbackName: string | undefined,
  contextName: string | undefined,
  env: FlowEnv,
): Flow {
  const flow: Flow = { sites: [], members: [], callbackValues: [], helpers: [], waits: [], external: [] };
  const handed = new Map<
    ts.CallExpression,
    { helper: LocalFunction; callbackIndex?: number; contextIndex?: number; callbackRef?: ts.Identifier }
  >();
  let twice = false;
  const handTo = (ref: ts.Identifier, which: 'callbackIndex' | 'contextIndex'): boolean => {
    const target = localCallee(ref, env);
    if (!target) return false;
    const entry = handed.get(target.call) ?? { helper: target.helper };
    if (entry[which] !== undefined) {
      // Handed twice to one call: the callback stays a callback; a second context could not be given methods.
      if (which === 'contextIndex') twice = true;
      return false;
    }
    entry[which] = target.index;
    if (which === 'callbackIndex') entry.callbackRef = ref;
    handed.set(target.call, entry);
    return true;
  };

  if (callbackName) {
    const refs = parameterReferences(fn, callbackName);
    if (refs.some(isWrite) || bodyRedeclares(fn, callbackName))
      return { ...flow, refuse: 'it reassigns its callback parameter' };
    for (const ref of refs) {
      if (isCallee(ref)) flow.sites.push({ kind: 'callback', call: ref.parent as ts.CallExpression });
      else if (!handTo(ref, 'callbackIndex')) flow.callbackValues.push(ref);
    }
  }
  if (contextName) {
    const refuse = contextUses(fn, contextName, flow, (ref) => {
      if (handTo(ref, 'contextIndex')) return;
      const external = endsThroughContext(ref, env.cfnResponse);
      if (external) flow.external.push(external);
    });
    if (refuse) return { ...flow, refuse };
    if (twice)
      return { ...flow, refuse: 'it hands its context to one function twice, which the codemod does not follow' };
  }
  for (const [call, entry] of handed) {
    const facts = followHelper(entry.helper, entry.callbackIndex, entry.contextIndex, env);
    const use: HelperUse = { call, helper: entry.helper, ...indexes(entry), facts };
    flow.helpers.push(use);
    if (facts.opaque || !facts.settles) {
      // A callback handed to code that is not followed stays a callback (Promise wrapper).
      if (entry.callbackRef) flow.callbackValues.push(entry.callbackRef);
      if (entry.contextIndex === undefined || !facts.reachesContext) continue;
    }
    flow.sites.push({ kind: 'helper', call, use });
  }
  return flow;
}

function indexes(entry: { callbackIndex?: number; contextIndex?: number }) {
  return {
    ...(entry.callbackIndex !== undefined ? { callbackIndex: entry.callbackIndex } : {}),
    ...(entry.contextIndex !== undefined ? { contextIndex: entry.contextIndex } : {}),
  };
}

/** `helper(…, ref, …)` where helper is a function of this module: the call and the argument's index. */
function localCallee(
  ref: ts.Identifier,
  env: FlowEnv,
): { call: ts.CallExpression; helper: LocalFunction; index: number } | undefined {
  const call = ref.parent;
  if (call === undefined || !ts.isCallExpression(call)) return undefined;
  const callee = call.expression;
  if (!ts.isIdentifier(callee) || callee === ref) return undefined;
  const helper = env.locals().get(callee.getText());
  if (!helper || !refersToModuleScope(callee)) return undefined;
  const args = call.arguments;
  const index = args.indexOf(ref);
  if (index < 0 || args.slice(0, index + 1).some((a) => ts.isSpreadElement(a))) return undefined;
  return { call, helper, index };
}

/** `var callback` anywhere in the function, or `let`/`const`/function at its top: the same name as the parameter. */
function bodyRedeclares(fn: FunctionNode, name: string): boolean {
  const body = fn.body;
  if (declaresVar(fn, name)) return true;
  return (
    body !== undefined &&
    ts.isBlock(body) &&
    body.statements.some((s) => (ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s)) && nameText(s) === name)
  );
}

const OPAQUE_SETTLES = /\b(succeed|fail|done)\b/;

/** What the helper does with the callback (parameter `callbackIndex`) and context (`contextIndex`) it is handed. */
export function followHelper(
  helper: LocalFunction,
  callbackIndex: number | undefined,
  contextIndex: number | undefined,
  env: FlowEnv,
): HelperFacts {
  const key = `${helper.name}:${callbackIndex ?? ''}:${contextIndex ?? ''}`;
  const known = env.facts.get(key);
  if (known) return known;
  if (env.following.has(helper)) return opaque('it calls itself with the callback', helper, contextIndex);
  const params = helper.fn.parameters;
  const nameAt = (index: number | undefined) => {
    if (index === undefined) return { ok: true as const, name: undefined };
    const param = params[index];
    return param && param.dotDotDotToken === undefined && ts.isIdentifier(param.name)
      ? { ok: true as const, name: param.name.text }
      : { ok: false as const };
  };
  const callback = nameAt(callbackIndex);
  const context = nameAt(contextIndex);
  let facts: HelperFacts;
  if (!callback.ok || !context.ok || (params[0] && nameText(params[0])) === 'this')
    facts = opaque('its parameter is missing, a rest parameter or destructured', helper, contextIndex);
  else if (ts.isFunctionDeclaration(helper.fn) && helper.fn.asteriskToken !== undefined)
    facts = opaque('it is a generator', helper, contextIndex);
  else if (usesArguments(helper.fn)) facts = opaque('it reads `arguments`', helper, contextIndex);
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

function opaque(reason: string, helper: LocalFunction, contextIndex: number | undefined): HelperFacts {
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

function helperFacts(
  helper: LocalFunction,
  callbackIndex: number | undefined,
  contextIndex: number | undefined,
  flow: Flow,
): HelperFacts {
  const fn = helper.fn;
  const settles = flow.sites.length > 0 || flow.callbackValues.length > 0 || flow.members.length > 0;
  const reachesContext =
    flow.members.length > 0 || flow.helpers.some((h) => h.contextIndex !== undefined && h.facts.reachesContext);
  const siteOf = new Map(flow.sites.map((s) => [s.call as ts.Node, s]));
  const synchronous = new Set(
    [...siteOf].filter(([, s]) => s.kind !== 'helper' || s.use!.facts.alwaysSettles).map(([call]) => call),
  );
  const eventually = new Set(
    [...siteOf].filter(([, s]) => s.kind !== 'helper' || s.use!.facts.settlesEventually).map(([call]) => call),
  );
  const handedOn = [...eventually, ...flow.callbackValues, ...flow.members];
  const returned = valueReturns(fn).map((r) => unwrapExpression(r.expression));
  const body = fn.body;
  if (body && !ts.isBlock(body)) returned.push(unwrapExpression(body));
  const returnsOnlySettles =
    !isAsync(fn) &&
    returned.every((e) => {
      const site = siteOf.get(e);
      return site !== undefined && (site.kind !== 'helper' || site.use!.facts.returnsOnlySettles);
    });
  const facts: HelperFacts = {
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

function helperConversion(
  helper: LocalFunction,
  callbackIndex: number | undefined,
  contextIndex: number | undefined,
  flow: Flow,
): HelperConversion | undefined {
  if (helper.exported || isAsync(helper.fn)) return undefined;
  if (flow.callbackValues.length > 0 || !flow.members.every(isCallee)) return undefined;
  // Whole or not at all: a callbackWaitsForEmptyEventLoop use that cannot simply go keeps the helper as it is.
  if (flow.waits.some((w) => !w.statement || w.value !== 'false')) return undefined;
  const sites = directSites(helper.fn, flow.sites, (use) => use.facts.conversion !== undefined);
  if (!sites) return undefined;
  const nestedConversion = (s: DirectSite) => s.site.use?.facts.conversion;
  const throwsOf = (s: DirectSite) =>
    s.outcome.type === 'throw' ? true : s.outcome.type === 'helper' ? nestedConversion(s)!.throws : false;
  const throwsOnly = sites.every((s) =>
    s.outcome.type === 'helper' ? nestedConversion(s)!.throwsOnly : s.outcome.type === 'throw',
  );
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
export function convertible(use: HelperUse, kept: ReadonlySet<LocalFunction>): boolean {
  const conversion = use.facts.conversion;
  if (!conversion || kept.has(conversion.helper)) return false;
  return conversion.sites.every((s) => !s.site.use || convertible(s.site.use, kept));
}
