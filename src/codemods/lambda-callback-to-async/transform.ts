// One file: find its handlers, analyse and rewrite each, and report what was left or needs a look.
import type { Project, SourceFile } from 'ts-morph';
import type { Finding } from '../types.js';
import { analyzeHandler, type Analysis } from './analyze.js';
import { applyEdits, lineOf, mapPosition, type Edit } from './edits.js';
import { findHandlers, type HandlerCandidate } from './handlers.js';
import { unusedImportEdits } from './imports.js';
import { handlerEdits } from './rewrite.js';
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

export function transformFile(project: Project, file: string, text: string, templateNames?: ReadonlySet<string>): FileResult {
  // The caller drops the Project (and with it this file) when it is done with a batch.
  const sf = project.createSourceFile(`/${file}`, text, { overwrite: true });
  if (hasSyntaxErrors(sf)) {
    return { findings: [{ file, line: 1, rule: RULES.unparsable, message: 'The file does not parse; its handlers were left unchanged.', severity: 'manual' }] };
  }
  const typescript = /\.[mc]?ts$/.test(file);
  const asyncNames = asyncFunctionNames(sf);
  const edits: Edit[] = [];
  const pending: PendingFinding[] = [];
  for (const handler of findHandlers(sf, templateNames)) {
    const analysis = refuseShared(handler, analyzeHandler(handler.fn, asyncNames));
    edits.push(...handlerEdits(text, handler.fn, analysis, typescript));
    pending.push(...handlerFindings(file, handler, analysis, asyncNames));
  }
  if (typescript && edits.length > 0) edits.push(...unusedImportEdits(text, sf, edits));
  const next = edits.length > 0 ? applyEdits(text, edits) : text;
  const findings = pending.map(({ pos, ...f }) => ({ ...f, line: lineOf(next, mapPosition(pos, edits)) }));
  return next === text ? { findings } : { text: next, findings };
}

/** A handler that other code in the file also calls keeps its signature: those calls pass a callback. */
function refuseShared(handler: HandlerCandidate, analysis: Analysis): Analysis {
  const changes = analysis.plan.kind === 'direct' || analysis.plan.kind === 'wrapper' || analysis.plan.kind === 'drop-param';
  if (!handler.sharedWith || !changes) return analysis;
  return { ...analysis, plan: { kind: 'unconvertible', reason: 'other code in the file calls it with a callback too' } };
}

function handlerFindings(file: string, handler: HandlerCandidate, analysis: Analysis, asyncNames: ReadonlySet<string>): PendingFinding[] {
  const { plan } = analysis;
  const name = `Handler '${handler.exportName}'`;
  if (plan.kind === 'unconvertible') {
    return [{ file, pos: handler.fn.getStart(), rule: RULES.unconvertible, severity: 'manual', message: `${name} was left callback-style: ${plan.reason}. Convert it to an async handler by hand.` }];
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
  if (!converted && !handler.fn.isAsync()) return out;
  const context = analysis.contextName;
  const settlers = [analysis.callbackName, ...(context ? ['succeed', 'fail', 'done'].map((m) => `${context}.${m}`) : [])].filter((s): s is string => !!s);
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

function hasSyntaxErrors(sf: SourceFile): boolean {
  const diagnostics = (sf.compilerNode as unknown as { parseDiagnostics?: readonly unknown[] }).parseDiagnostics;
  return (diagnostics?.length ?? 0) > 0;
}
