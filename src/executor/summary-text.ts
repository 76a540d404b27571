// A run's summary as a person reads it, in its three forms: the lines the CLI prints on stderr,
// the message that ends a run in the session's conversation, and the markdown report written
// beside summary.json. One mark per status and one reading of each step and exit criterion
// serve all three, and the run's progress lines; each form only lays the lines out.
import { describeToolCall } from './agent-report.js';
import type { RunSummary, StepSummary } from './summary.js';

const marks: Readonly<Record<string, string>> = { completed: '✔', passed: '✔', failed: '✘' };

/** ✔ completed or passed, ✘ failed, – anything else (skipped, pending, not checked). */
export function statusMark(status: string): string {
  return marks[status] ?? '–';
}

/** Starts a run's log line for a step, an exit criterion or a validation command that begins. */
export const startMark = '▸';

/** Whether a log line starts with one of the marks above: a step or check beginning or ending. */
export function isMarkedLine(text: string): boolean {
  return lineMarks.some((mark) => text.startsWith(mark));
}

const lineMarks = [startMark, ...Object.values(marks), statusMark('skipped')];

export function firstLine(text: string): string {
  return text.split('\n')[0]!;
}

/** Why a step ended as it did, where that tells a person something (a plain `no-change` does not). */
export function shownReason(reason: string | undefined): string | undefined {
  return reason && reason !== 'no-change' ? firstLine(reason) : undefined;
}

export function shortCommit(commit: string): string {
  return commit.slice(0, 12);
}

export function seconds(durationMs: number): string {
  return `${(durationMs / 1000).toFixed(1)} s`;
}

/** `✔ 1.1 Title: completed (why) → commit 0123456789ab`. */
export function markedStep(step: {
  id: string;
  title: string;
  status: string;
  reason?: string;
  commit?: string | null;
}): string {
  const reason = shownReason(step.reason);
  return `${statusMark(step.status)} ${step.id} ${step.title}: ${step.status}${reason ? ` (${reason})` : ''}${step.commit ? ` → commit ${shortCommit(step.commit)}` : ''}`;
}

/** `✔ what was checked: passed`, for an exit criterion or a build; `detail` follows the status. */
export function markedCheck(name: string, status: string, detail = ''): string {
  return `${statusMark(status)} ${name}: ${status}${detail}`;
}

/** The CLI's summary on stderr (after the run's progress lines). */
export function humanSummary(summary: RunSummary): string {
  const lines = [``, `Run ${summary.runId}: ${summary.status}`];
  if (summary.branch) lines.push(`Result branch: ${summary.branch}`);
  for (const step of summary.steps) {
    const reason = shownReason(step.reason);
    lines.push(
      `  ${step.status.padEnd(9)} ${step.id} ${step.title}${step.commit ? ` (${shortCommit(step.commit)})` : ''}${reason ? ` — ${reason}` : ''}`,
    );
  }
  if (summary.exitCriteria.length) lines.push('Exit criteria:');
  for (const criterion of summary.exitCriteria) {
    lines.push(`  ${criterion.status.padEnd(7)} ${firstLine(criterion.description)}`);
    // The run's commits are listed once above; each criterion shows its own evidence.
    for (const evidence of criterion.evidence.filter((e) => e.kind !== 'commit'))
      lines.push(`          ${evidence.kind}: ${evidence.summary}`);
  }
  if (summary.findings.length) {
    lines.push(`Findings for a person (${summary.findings.length}):`);
    for (const f of summary.findings.slice(0, 20)) lines.push(`  ${f.severity} ${f.file}:${f.line} ${f.message}`);
    if (summary.findings.length > 20)
      lines.push(`  … ${summary.findings.length - 20} more in ${summary.reportPath ?? summary.summaryPath}`);
  }
  if (summary.resume) lines.push(`${summary.resume.reason} Continue with \`${summary.resume.command}\`.`);
  lines.push(`Plan: ${summary.planPath}`);
  if (summary.reportPath) lines.push(`Report: ${summary.reportPath}`);
  return lines.join('\n');
}

/**
 * The end of a run as the conversation shows it: steps, commits, each exit criterion with
 * evidence. `criteriaShown`: each criterion was shown as it was checked, so the summary counts them.
 */
export function describeSummary(summary: RunSummary, options: { criteriaShown?: boolean } = {}): string {
  const lines = [`Run ${summary.runId} ${summary.status}.`];
  if (summary.branch) lines.push(`Result branch: ${summary.branch} (your checked-out branch is untouched).`);
  lines.push('Steps:');
  for (const step of summary.steps) lines.push(`  ${markedStep(step)}`);
  if (options.criteriaShown && summary.exitCriteria.length) {
    const counts = new Map<string, number>();
    for (const c of summary.exitCriteria) counts.set(c.status, (counts.get(c.status) ?? 0) + 1);
    lines.push(
      `Exit criteria: ${[...counts].map(([status, n]) => `${n} ${status}`).join(', ')} (each shown above with its evidence).`,
    );
  } else if (summary.exitCriteria.length) lines.push('Exit criteria:');
  for (const criterion of options.criteriaShown ? [] : summary.exitCriteria) {
    lines.push(`  ${markedCheck(firstLine(criterion.description), criterion.status)}`);
    for (const evidence of criterion.evidence.slice(0, 2)) lines.push(`      ${evidence.kind}: ${evidence.summary}`);
  }
  if (summary.findings.length)
    lines.push(
      `${summary.findings.length} finding(s) for a person; see ${summary.reportPath ?? summary.summaryPath ?? summary.planPath}.`,
    );
  return lines.join('\n');
}

/** The markdown report (report.md). */
export function renderReport(summary: RunSummary): string {
  const lines = [
    `# atx run ${summary.runId}`,
    '',
    `- Transformation: ${summary.transformation.name} v${summary.transformation.version}`,
    `- Repository: ${summary.repository}`,
    `- Base commit: ${summary.baseCommit}`,
    `- Result branch: ${summary.branch ?? (summary.analysis ? '(none: an analysis changes nothing)' : '(none: dry run)')}`,
    `- Status: **${summary.status}**`,
    `- Plan: ${summary.planPath}`,
    '',
    ...(summary.resume
      ? ['## To continue', '', `${summary.resume.reason} Run \`${summary.resume.command}\` to carry them out.`, '']
      : []),
    '## Steps',
    '',
    '| step | title | status | commit | files | time |',
    '|---|---|---|---|---|---|',
    ...summary.steps.map(
      (s) =>
        `| ${s.id} | ${cell(s.title)} | ${s.status}${s.reason ? ` (${cell(s.reason)})` : ''} | ${s.commit ? shortCommit(s.commit) : '–'} | ${s.filesChanged.length} | ${seconds(s.durationMs)} |`,
    ),
    '',
    ...agentSection(summary.steps),
    '## Exit criteria',
    '',
  ];
  for (const criterion of summary.exitCriteria) {
    lines.push(`### ${statusMark(criterion.status)} ${firstLine(criterion.description)}`, '');
    lines.push(`Status: ${criterion.status}`, '');
    for (const evidence of criterion.evidence) {
      lines.push(`- ${evidence.kind}: ${evidence.summary}`);
      const output = evidence.details.outputTail ?? evidence.details.matches;
      if (typeof output === 'string' && output.trim()) lines.push('', '```', output.trimEnd(), '```', '');
      else if (Array.isArray(output) && output.length) lines.push('', '```', output.join('\n'), '```', '');
    }
    lines.push('');
  }
  lines.push('## Findings for a person', '');
  if (summary.findings.length === 0) lines.push('None.');
  for (const f of summary.findings) lines.push(`- **${f.severity}** \`${f.file}:${f.line}\` ${f.rule}: ${f.message}`);
  return `${lines.join('\n')}\n`;
}

/** Per agent step: the model's final message, its tool calls, the files it wrote, tokens and time. */
function agentSection(steps: StepSummary[]): string[] {
  const agents = steps.filter((s) => s.agent);
  if (agents.length === 0) return [];
  const lines = ['## Agent steps', ''];
  for (const step of agents) {
    const agent = step.agent!;
    lines.push(`### ${step.id} ${step.title}`, '');
    lines.push(`- Outcome: ${step.status}${step.reason ? ` (${firstLine(step.reason)})` : ''}`);
    lines.push(
      `- Tokens: ${agent.tokens.input} in, ${agent.tokens.output} out (${agent.requests} request${agent.requests === 1 ? '' : 's'}), ${seconds(agent.durationMs)}`,
    );
    lines.push(
      `- Files written by its tools: ${agent.filesWritten.length ? agent.filesWritten.map((f) => `\`${f}\``).join(', ') : 'none'}`,
    );
    lines.push(`- Tool calls: ${agent.toolCalls.length || 'none'}`);
    agent.toolCalls.forEach((call, i) => lines.push(`  ${i + 1}. ${describeToolCall(call)}`));
    lines.push(
      '',
      'The model said:',
      '',
      ...(agent.message.trim()
        ? agent.message
            .trim()
            .split('\n')
            .map((line) => `> ${line}`)
        : ['> (nothing)']),
      '',
    );
  }
  return lines;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
