// A run as the conversation shows it while it goes on (its summary: executor/summary-text.ts),
// and the tokens the model used.
import type { RunEvent } from '../executor/execute.js';
import { firstLine, markedCheck, markedStep, seconds } from '../executor/summary-text.js';
import type { CallKind, TokenUsage } from '../llm/types.js';

export function describeUsage(usage: TokenUsage): string | undefined {
  if (usage.requests === 0) return undefined;
  return `Model usage: ${usage.inputTokens} input and ${usage.outputTokens} output tokens in ${usage.requests} request(s).`;
}

const kinds: CallKind[] = ['interpret', 'draft', 'revise', 'plan', 'agent'];

/** `/usage`: the tokens used so far, per kind of brain call. */
export function describeUsageByKind(usage: TokenUsage, brainLabel: string): string {
  if (usage.requests === 0) return `No model requests so far (${brainLabel}).`;
  const rows = kinds
    .map((kind) => [kind, usage.byKind?.[kind]] as const)
    .filter((row): row is [CallKind, TokenUsage] => row[1] !== undefined && row[1].requests > 0);
  const line = (label: string, counts: TokenUsage) =>
    `  ${label.padEnd(10)} ${String(counts.inputTokens).padStart(8)} in ${String(counts.outputTokens).padStart(8)} out  ${counts.requests} request${counts.requests === 1 ? '' : 's'}, ${seconds(counts.durationMs ?? 0)}`;
  return [
    `Model tokens used so far (${brainLabel}):`,
    ...rows.map(([kind, counts]) => line(kind, counts)),
    line('total', usage),
  ].join('\n');
}

/** A finished step as the conversation shows it. */
export function stepLine(event: Extract<RunEvent, { kind: 'step-end' }>): string {
  return `${markedStep({ ...event, id: event.stepId })} ${seconds(event.durationMs)}`;
}

/** A checked exit criterion: its name, its status, one line of evidence. */
export function criterionLine(event: Extract<RunEvent, { kind: 'criterion' }>): string {
  const evidence = firstLine(event.evidence).trim();
  const short = evidence.length > 160 ? `${evidence.slice(0, 157)}...` : evidence;
  return markedCheck(firstLine(event.description), event.status, short ? `\n      ${short}` : '');
}

/** The build after a phase, with its result. */
export function buildLine(event: Extract<RunEvent, { kind: 'phase-build' }>): string {
  const build = `build after phase ${event.phase} (\`${event.command}\`)`;
  if (event.exitCode === 0) return markedCheck(build, 'passed', ` ${seconds(event.durationMs)}`);
  return markedCheck(
    build,
    'failed',
    ` with exit code ${event.exitCode} ${seconds(event.durationMs)}${event.lastLine ? `\n      ${event.lastLine.slice(0, 160)}` : ''}`,
  );
}
