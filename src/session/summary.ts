// The end of a run as the conversation shows it: steps, commits, each exit criterion with evidence.
import type { RunEvent } from '../executor/execute.js';
import type { RunSummary } from '../executor/summary.js';
import type { CallKind, TokenUsage } from '../llm/types.js';

export function describeSummary(summary: RunSummary): string {
  const lines = [`Run ${summary.runId} ${summary.status}.`];
  if (summary.branch) lines.push(`Result branch: ${summary.branch} (your checked-out branch is untouched).`);
  lines.push('Steps:');
  for (const step of summary.steps) {
    const commit = step.commit ? ` → commit ${step.commit.slice(0, 12)}` : '';
    const reason = step.reason && step.reason !== 'no-change' ? ` (${step.reason.split('\n')[0]})` : '';
    lines.push(`  ${mark(step.status)} ${step.id} ${step.title}: ${step.status}${reason}${commit}`);
  }
  if (summary.exitCriteria.length) lines.push('Exit criteria:');
  for (const criterion of summary.exitCriteria) {
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
