// A run whose agent steps met an unreachable model ends with a summary but stays resumable:
// `atx --resume` (with a model) carries those steps out, and builds their phases again.
import { buildFailedRule, isModelUnavailable } from './summary.js';
import type { Plan } from '../planner/types.js';
import type { RunState } from './state.js';

/** What the summary says when agent steps wait for the model, or nothing. */
export function resumeHint(state: RunState): { reason: string; command: string } | undefined {
  const waiting = state.steps.filter((s) => s.status === 'skipped' && isModelUnavailable(s.reason));
  if (waiting.length === 0) return undefined;
  const ids = waiting.map((s) => s.id).join(', ');
  return {
    reason: `The model was unavailable: agent step${waiting.length === 1 ? '' : 's'} ${ids} ${waiting.length === 1 ? 'was' : 'were'} skipped and the run is left resumable.`,
    command: `atx --conversation-id ${state.runId}`,
  };
}

/**
 * Puts the steps skipped for an unavailable model back to pending (a resume with a model does
 * them), and forgets their phases' builds, which ran without them. Returns the step ids.
 */
export function reopenForModel(plan: Plan, state: RunState): string[] {
  const reopened = state.steps.filter((s) => s.status === 'skipped' && isModelUnavailable(s.reason));
  const phases = new Set<number>();
  for (const record of reopened) {
    Object.assign(record, { status: 'pending', reason: undefined, durationMs: 0 });
    delete record.agent;
    const phase = plan.steps.find((s) => s.id === record.id)?.phase;
    if (phase !== undefined) phases.add(phase);
  }
  state.phaseBuilds = state.phaseBuilds.filter((build) => !phases.has(build.phase));
  state.findings = state.findings.filter(
    (f) => f.rule !== buildFailedRule || ![...phases].some((phase) => f.message.includes(` after phase ${phase}:`)),
  );
  return reopened.map((record) => record.id);
}
