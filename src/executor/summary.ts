// The summary document of a run (cli-contract.md), and its markdown report.
import type { Finding } from '../codemods/types.js';
import type { Evidence } from '../validators/index.js';
import { describeToolCall, type AgentReport } from './agent-report.js';

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
export function overallStatus(steps: StepSummary[], criteria: CriterionSummary[], findings: readonly Finding[] = []): RunSummary['status'] {
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

export function renderReport(summary: RunSummary): string {
  const lines = [
    `# atx run ${summary.runId}`,
    '',
    `- Transformation: ${summary.transformation.name} v${summary.transformation.version}`,
    `- Repository: ${summary.repository}`,
    `- Base commit: ${summary.baseCommit}`,
    `- Result branch: ${summary.branch ?? '(none: dry run)'}`,
    `- Status: **${summary.status}**`,
    `- Plan: ${summary.planPath}`,
    '',
    ...(summary.resume ? ['## To continue', '', `${summary.resume.reason} Run \`${summary.resume.command}\` to carry them out.`, ''] : []),
    '## Steps',
    '',
    '| step | title | status | commit | files | time |',
    '|---|---|---|---|---|---|',
    ...summary.steps.map(
      (s) =>
        `| ${s.id} | ${cell(s.title)} | ${s.status}${s.reason ? ` (${cell(s.reason)})` : ''} | ${s.commit?.slice(0, 12) ?? '–'} | ${s.filesChanged.length} | ${(s.durationMs / 1000).toFixed(1)} s |`,
    ),
    '',
    ...agentSection(summary.steps),
    '## Exit criteria',
    '',
  ];
  for (const criterion of summary.exitCriteria) {
    lines.push(`### ${criterion.status === 'passed' ? '✔' : criterion.status === 'failed' ? '✘' : '–'} ${criterion.description.split('\n')[0]}`, '');
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
    lines.push(`- Outcome: ${step.status}${step.reason ? ` (${step.reason.split('\n')[0]})` : ''}`);
    lines.push(`- Tokens: ${agent.tokens.input} in, ${agent.tokens.output} out (${agent.requests} request${agent.requests === 1 ? '' : 's'}), ${(agent.durationMs / 1000).toFixed(1)} s`);
    lines.push(`- Files written by its tools: ${agent.filesWritten.length ? agent.filesWritten.map((f) => `\`${f}\``).join(', ') : 'none'}`);
    lines.push(`- Tool calls: ${agent.toolCalls.length || 'none'}`);
    agent.toolCalls.forEach((call, i) => lines.push(`  ${i + 1}. ${describeToolCall(call)}`));
    lines.push('', 'The model said:', '', ...(agent.message.trim() ? agent.message.trim().split('\n').map((line) => `> ${line}`) : ['> (nothing)']), '');
  }
  return lines;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
