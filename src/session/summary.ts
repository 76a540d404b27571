// The end of a run as the conversation shows it: steps, commits, each exit criterion with evidence.
import type { RunSummary } from '../executor/summary.js';
import type { TokenUsage } from '../llm/types.js';

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

function mark(status: string): string {
  return status === 'completed' || status === 'passed' ? '✔' : status === 'failed' ? '✘' : '–';
}
