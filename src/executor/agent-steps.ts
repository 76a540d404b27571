// What the executor tells an agent step about its run, and how it words what the model did not do.
import { keepOutRules } from '../knowledge/exclude.js';
import type { ModelLimitError } from '../llm/errors.js';
import type { AgentRun, DoneStep } from '../llm/types.js';
import type { Plan } from '../planner/types.js';
import type { AgentReport } from './agent-report.js';
import type { RunState } from './state.js';

/** The plan and what the run did so far (steps carried out, in plan order, and the findings). */
export function agentRun(plan: Plan, state: RunState, signal?: AbortSignal): AgentRun {
  const steps: DoneStep[] = [];
  for (const step of plan.steps) {
    const record = state.steps.find((s) => s.id === step.id);
    if (!record || record.status === 'pending' || record.status === 'running') continue;
    steps.push({
      id: step.id,
      title: step.title,
      status: record.status,
      ...(record.reason ? { reason: record.reason } : {}),
      filesChanged: record.filesChanged,
      ...(record.agent?.message ? { message: record.agent.message } : {}),
    });
  }
  return {
    plan,
    progress: { steps, findings: [...state.findings] },
    keepOut: keepOutRules(plan),
    ...(signal ? { signal } : {}),
  };
}

/** `no-change: <the model's explanation>`, on one line. */
export function noChangeReason(agent: AgentReport | undefined): string {
  const said = agent?.message.replace(/\s+/g, ' ').trim();
  if (!said) return 'no-change: the model changed nothing and gave no reason';
  return `no-change: ${said.length > 500 ? `${said.slice(0, 500)}…` : said}`;
}

/** The one line an interrupted run prints when the model's budget for it is spent. */
export function limitReached(error: ModelLimitError, runId: string): string {
  return `model limit reached (${error.reached}); continue with \`atx --conversation-id ${runId} --limit ${error.next}\``;
}
