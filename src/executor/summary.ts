// The summary document of a run (cli-contract.md); summary-text.ts renders it for people.
import type { Finding } from '../codemods/types.js';
import type { Evidence } from '../validators/index.js';
import type { AgentReport } from './agent-report.js';

export interface StepSummary {
  id: string;
  title: string;
  status: 'completed' | 'skipped' | 'failed';
  commit: string | null;
  filesChanged: string[];
  durationMs: number;
  /** Why a step was skipped or failed, in a few words. */
  reason?: string;
  attempts?: number;
  /** An agent step: what the model did (its final message, tool calls, tokens, time). */
  agent?: AgentReport;
}

export interface CriterionSummary {
  id: string;
  description: string;
  status: 'passed' | 'failed' | 'skipped';
  evidence: Evidence[];
}

export interface RunSummary {
  status: 'succeeded' | 'failed' | 'partial';
  runId: string;
  transformation: { name: string; version: string };
  repository: string;
  baseCommit: string;
  branch: string | null;
  planPath: string;
  steps: StepSummary[];
  exitCriteria: CriterionSummary[];
  findings: Finding[];
  /** Build command runs after each phase. */
  builds?: Array<{ phase: number; exitCode: number; durationMs: number }>;
  dryRun?: boolean;
  /** An analysis definition's run: it changed nothing (see `category`); its findings are the result. */
  analysis?: boolean;
  /** What analysis codemods found, as data, by codemod name (`lambda-fleet-inventory`: the repository's inventory). */
  reports?: Record<string, Record<string, unknown>>;
  /** Unified diff of what the run would change (dry runs only). */
  diff?: string;
  summaryPath?: string;
  reportPath?: string;
  /**
   * Present when agent steps were skipped because the model could not be reached: the run is
   * left resumable and this says how to carry them out.
   */
  resume?: { reason: string; command: string };
}

/**
 * Two codemods may notice the same thing on the same line (the handler conversion and the
 * Node.js 24 behaviour check both report unawaited promises): a person reads it once.
 * Findings are the same when file, line and the kind after the rule's prefix agree.
 */
export function distinctFindings(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((finding) => {
    const key = `${finding.file}:${finding.line}:${finding.rule.split('/').pop()}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The reason of an agent step skipped because the model could not be reached
 * (`model-unavailable: <why>`): not the step's failure; the run stays resumable for it.
 */
export const modelUnavailable = 'model-unavailable';

export function isModelUnavailable(reason: string | undefined): reason is string {
  return reason?.startsWith(`${modelUnavailable}:`) === true;
}

/** A build after a phase that exited non-zero. */
export const buildFailedRule = 'atx/build-failed-after-phase';

/** A build after a phase that was not allowed to run (no -t, or the person said no). */
export const buildNotRunRule = 'atx/build-not-run';

/**
 * failed: a step or a criterion failed. partial: something could not be done or checked — a
 * step skipped (needs a model, the model unavailable, a command not allowed, an agent step that
 * changed nothing: `no-change: <the model's why>`, which no one has checked), a criterion skipped
 * (a check with no command, or one not allowed to run), a phase's build not run. Only a codemod
 * or a plan that found nothing to do is skipped as plain `no-change`. A skipped check is never a pass.
 */
export function overallStatus(
  steps: StepSummary[],
  criteria: CriterionSummary[],
  findings: readonly Finding[] = [],
): RunSummary['status'] {
  if (steps.some((s) => s.status === 'failed') || criteria.some((c) => c.status === 'failed')) return 'failed';
  const incomplete =
    steps.some((s) => s.status === 'skipped' && s.reason !== 'no-change') ||
    criteria.some((c) => c.status !== 'passed') ||
    findings.some((f) => f.rule === buildNotRunRule);
  return incomplete ? 'partial' : 'succeeded';
}

/** 0 when nothing failed; 1 when a step or an exit criterion failed. */
export function exitCodeFor(summary: RunSummary): number {
  return summary.status === 'failed' ? 1 : 0;
}
