// The end of a run as the conversation shows it: steps, commits, each exit criterion with evidence.
import type { RunEvent } from '../executor/execute.js';
import type { RunSummary } from '../executor/summary.js';
import type { CallKind, TokenUsage } from '../llm/types.js';

/** `criteriaShown`: each criterion was shown as it was checked, so the summary counts them. */
export function describeSummary(summary: RunSummary, options: { criteriaShown?: boolean } = {}): string {
  const lines = [`Run ${summary.runId} ${summary.status}.`];
  if (summary.branch) lines.push(`Result branch: ${summary.branch} (your checked-out branch is untouched).`);
  lines.push('Steps:');
  for (const step of summary.steps) {
    const commit = step.commit ? ` → commit ${step.commit.slice(0, 12)}` : '';
    const reason = step.reason && step.reason !== 'no-change' ? ` (${step.reason.split('\n')[0]})` : '';
    lines.push(`  ${mark(step.status)} ${step.id} ${step.title}: ${step.status}${reason}${commit}`);
  }
  if (options.criteriaShown && summary.exitCriteria.length) {
    const counts = new Map<string, number>();
    for (const c of summary.exitCriteria) counts.set(c.status, (counts.get(c.status) ?? 0) + 1);
    lines.push(`Exit criteria: ${[...counts].map(([status, n]) => `${n} ${status}`).join(', ')} (each shown above with its evidence).`);
  } else if (summary.exitCriteria.length) lines.push('Exit criteria:');
  for (const criterion of options.criteriaShown ? [] : summary.exitCriteria) {
    lines.push(`  ${mark(criterion.status)} ${criterion.description.split('\n')[0]}: ${criterion.status}`);
    for (const evidence of criterion.evidence.slice(0, 2)) lines.push(`      ${evidence.kind}: ${evidence.summary}`);
  }
  if (summary.findings.length) lines.push(`${summary.findings.length} finding(s) for a person; see ${summary.reportPath ?? summary.summaryPath ?? summary.planPath}.`);
  return lines.join('\n');
}

export function describeUsage(usage: TokenUsage): string | undefined {
  if (usage.requests === 0) return undefined;
  return `Model usage: ${usage.inputTokens} input and ${usage.outputTokens} output tokens in ${usage.requests} request(s).`;
}

const kinds: CallKind[] = ['interpret', 'draft', 'revise', 'plan', 'agent'];

/** `/usage`: the tokens used so far, per kind of brain call. */
export function describeUsageByKind(usage: TokenUsage, brainLabel: string): string {
  if (usage.requests === 0) return `No model requests so far (${brainLabel}).`;
  const rows = kinds.map((kind) => [kind, usage.byKind?.[kind]] as const).filter((row): row is [CallKind, TokenUsage] => row[1] !== undefined && row[1].requests > 0);
  const line = (label: string, counts: TokenUsage) =>
    `  ${label.padEnd(10)} ${String(counts.inputTokens).padStart(8)} in ${String(counts.outputTokens).padStart(8)} out  ${counts.requests} request${counts.requests === 1 ? '' : 's'}, ${((counts.durationMs ?? 0) / 1000).toFixed(1)} s`;
  return [`Model tokens used so far (${brainLabel}):`, ...rows.map(([kind, counts]) => line(kind, counts)), line('total', usage)].join('\n');
}

function mark(status: string): string {
  return status === 'completed' || status === 'passed' ? '✔' : status === 'failed' ? '✘' : '–';
}

/** A finished step as the conversation shows it. */
export function stepLine(event: Extract<RunEvent, { kind: 'step-end' }>): string {
  const reason = event.reason && event.reason !== 'no-change' ? ` (${event.reason.split('\n')[0]})` : '';
  const commit = event.commit ? ` → commit ${event.commit.slice(0, 12)}` : '';
  return `${mark(event.status)} ${event.stepId} ${event.title}: ${event.status}${reason}${commit} ${(event.durationMs / 1000).toFixed(1)} s`;
}

/** A checked exit criterion: its name, its status, one line of evidence. */
export function criterionLine(event: Extract<RunEvent, { kind: 'criterion' }>): string {
  const evidence = event.evidence.split('\n')[0]!.trim();
  const short = evidence.length > 160 ? `${evidence.slice(0, 157)}...` : evidence;
  return `${mark(event.status)} ${event.description.split('\n')[0]}: ${event.status}${short ? `\n      ${short}` : ''}`;
}

/** The build after a phase, with its result. */
export function buildLine(event: Extract<RunEvent, { kind: 'phase-build' }>): string {
  const seconds = `${(event.durationMs / 1000).toFixed(1)} s`;
  if (event.exitCode === 0) return `✔ build after phase ${event.phase} (\`${event.command}\`): passed ${seconds}`;
  return `✘ build after phase ${event.phase} (\`${event.command}\`): failed with exit code ${event.exitCode} ${seconds}${event.lastLine ? `\n      ${event.lastLine.slice(0, 160)}` : ''}`;
}
