// One file: find its handlers, analyse and rewrite each, and report what was left or needs a look.
import { ts } from '../../util/typescript.cjs';
import { scriptKind, syntaxError } from '../syntax.js';
import type { Finding } from '../types.js';
import { analyseHandler, type Analysis } from './analyse.js';
import { applyEdits, lineOf, mapPosition, type Edit } from './edits.js';
import { flowEnv, type HelperConversion } from './flow.js';
import { findHandlers, type HandlerCandidate } from './handlers.js';
import { unusedImportEdits } from './imports.js';
import { moduleReferences, type LocalFunction } from './local-functions.js';
import { handlerEdits, helperEdits } from './rewrite.js';
import type { DirectSite } from './sites.js';
import { isAsync } from './scope.js';
import { asyncFunctionNames, unawaitedPromises } from './unawaited.js';

export const RULES = {
  unconvertible: 'lambda-callback/unconvertible',
  unawaited: 'lambda-callback/unawaited-promise',
  waits: 'lambda-callback/callback-waits',
  unparsable: 'lambda-callback/unparsable',
} as const;

export interface FileResult {
  /** The new text, or undefined when nothing changed. */
  text?: string;
  findings: Finding[];
}

interface PendingFinding extends Omit<Finding, 'line'> {
  pos: number;
}

/** The file parsed on its own, with parent pointers (the codemod walks up from identifiers). */
export function parseFile(file: string, text: string): ts.SourceFile {
  return ts.createSourceFile(`/${file}`, text, ts.ScriptTarget.Latest, true, scriptKind(file));
}

export function transformFile(file: string, text: string, templateNames?: ReadonlySet<string>): FileResult {
  const sf = parseFile(file, text);
  if (syntaxError(sf)) {
    return {
      findings: [
        {
          file,
          line: 1,
          rule: RULES.unparsable,
          message: 'The file does not parse; its handlers were left unchanged.',
          severity: 'manual',
        },
      ],
    };
  }
  const typescript = /\.[mc]?ts$/.test(file);
  const asyncNames = asyncFunctionNames(sf);
  const handlers = findHandlers(sf, templateNames);
  const { analyses, conversions } = analyseFile(sf, handlers, asyncNames);
  const edits: Edit[] = [];
  const pending: PendingFinding[] = [];
  handlers.forEach((handler, i) => {
    edits.push(...handlerEdits(text, handler.fn, analyses[i]!, typescript));
    pending.push(...handlerFindings(file, handler, analyses[i]!, asyncNames));
  });
  for (const conversion of conversions) edits.push(...helperEdits(text, conversion));
  if (typescript && edits.length > 0) edits.push(...unusedImportEdits(text, sf, edits));
  const next = edits.length > 0 ? applyEdits(text, edits) : text;
  const findings = pending.map(({ pos, ...f }) => ({ ...f, line: lineOf(next, mapPosition(pos, edits)) }));
  return next === text ? { findings } : { text: next, findings };
}

/**
 * Every handler's analysis, and the helpers converted with them. A helper converts only when
 * every use of it is a call from a handler (or helper) that converts with it; otherwise it stays
 * as it is and the handlers that call it are analysed again with it kept.
 */
function analyseFile(sf: ts.SourceFile, handlers: readonly HandlerCandidate[], asyncNames: ReadonlySet<string>) {
  const env = flowEnv(handlers.length > 0 ? sf : undefined);
  const kept = new Set<LocalFunction>();
  for (;;) {
    const analyses = handlers.map((h) => refuseShared(h, analyseHandler(h.fn, { asyncNames, env, kept })));
    const conversions = new Map<LocalFunction, HelperConversion[]>();
    const covered = new Set<ts.Node>();
    const visit = (sites: readonly DirectSite[]) => {
      for (const { site } of sites) {
        const conversion = site.use?.facts.conversion;
        if (!conversion) continue;
        covered.add(site.call.expression);
        const seen = conversions.get(conversion.helper) ?? [];
        conversions.set(conversion.helper, [...seen, conversion]);
        if (seen.length === 0) visit(conversion.sites);
      }
    };
    for (const a of analyses) if (a.plan.kind === 'direct') visit(a.plan.sites);
    const blocked = [...conversions].filter(([helper, list]) => {
      const same = list.every((c) => c === list[0]); // handed the callback and context at the same places
      return !same || moduleReferences(sf, helper).some((ref) => !covered.has(ref));
    });
    if (blocked.length === 0) return { analyses, conversions: [...conversions.values()].map((list) => list[0]!) };
    for (const [helper] of blocked) kept.add(helper);
  }
}

/** A handler that other code in the file also calls keeps its signature: those calls pass a callback. */
function refuseShared(handler: HandlerCandidate, analysis: Analysis): Analysis {
  const changes =
    analysis.plan.kind === 'direct' || analysis.plan.kind === 'wrapper' || analysis.plan.kind === 'drop-param';
  if (!handler.sharedWith || !changes) return analysis;
  return {
    ...analysis,
    plan: { kind: 'unconvertible', reason: 'other code in the file calls it with a callback too' },
  };
}

function handlerFindings(
  file: string,
  handler: HandlerCandidate,
  analysis: Analysis,
  asyncNames: ReadonlySet<string>,
): PendingFinding[] {
  const { plan } = analysis;
  const name = `Handler '${handler.exportName}'`;
  if (plan.kind === 'unconvertible') {
    const message = isAsync(handler.fn)
      ? `${name} was left unchanged: ${plan.reason}. Change it by hand.`
      : `${name} was left callback-style: ${plan.reason}. Convert it to an async handler by hand.`;
    return [{ file, pos: handler.fn.getStart(), rule: RULES.unconvertible, severity: 'manual', message }];
  }
  const out: PendingFinding[] = [];
  for (const w of analysis.waits) {
    if (w.statement && w.value === 'false') continue;
    out.push({
      file,
      pos: w.node.getStart(),
      rule: RULES.waits,
      severity: 'warning',
      message: w.statement
        ? `${name}: context.callbackWaitsForEmptyEventLoop = ${w.value} was removed; Node.js 24 never waits for the event loop to empty, so work still pending when the handler settles may not finish.`
        : `${name} reads context.callbackWaitsForEmptyEventLoop, which Node.js 24 removed (it is undefined there).`,
    });
  }
  const converted = plan.kind === 'direct' || plan.kind === 'wrapper' || plan.kind === 'drop-param';
  if (!converted && !isAsync(handler.fn)) return out;
  const context = analysis.contextName;
  const settlers = [
    analysis.callbackName,
    ...(context ? ['succeed', 'fail', 'done'].map((m) => `${context}.${m}`) : []),
  ].filter((s): s is string => !!s);
  for (const node of unawaitedPromises(handler.fn, asyncNames, settlers)) {
    out.push({
      file,
      pos: node.getStart(),
      rule: RULES.unawaited,
      severity: 'warning',
      message: `${name} starts a promise it does not await or return; Node.js 24 does not wait for it once the handler settles.`,
    });
  }
  return out;
}
