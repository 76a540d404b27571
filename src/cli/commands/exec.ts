// `atx custom def exec` and `atx --resume`: run, print the summary, return the exit code.
import { execDefinition, resumeRun, type ExecRequest } from '../../executor/index.js';
import { cleanupRuns, describeCleaned } from '../../executor/cleanup.js';
import { atxHomeFrom } from '../../executor/paths.js';
import { latestUnfinishedRun, loadState } from '../../executor/state.js';
import { exitCodeFor, type RunSummary } from '../../executor/summary.js';
import { humanSummary } from '../../executor/summary-text.js';
import { UsageError } from '../../errors.js';
import type { AgentRun } from '../../llm/types.js';
import type { PlanStep } from '../../planner/types.js';
import type { ModelLimit } from '../../llm/index.js';
import { readYesNo } from '../../llm/yes-no.js';
import type { CliIO } from '../io.js';

export interface ExecOutput {
  json?: boolean;
}

/** `--limit`, already read by the CLI; the model client counts against it. */
export interface ModelBudget {
  limit?: ModelLimit;
}

export async function execCommand(request: ExecRequest & ExecOutput & ModelBudget, io: CliIO): Promise<number> {
  const hooks = hooksFor(io, request);
  const summary = await execDefinition(request, { ...hooks, ...(await modelHooks(io, request, hooks.confirm)) });
  return report(summary, request, io);
}

export async function resumeCommand(
  runId: string | undefined,
  output: ExecOutput & ModelBudget & { trustAllTools?: boolean },
  io: CliIO,
): Promise<number> {
  const atxHome = atxHomeFrom(io.env);
  if (runId === undefined) {
    // Runs killed before their first step cannot be continued: they are taken away, not picked.
    const report = await cleanupRuns(atxHome, { onlyNeverStarted: true });
    for (const run of report.cleaned) io.stderr(`atx: ${describeCleaned(run)}\n`);
  }
  const id = runId ?? (await latestUnfinishedRun(atxHome));
  if (!id) throw new UsageError('there is no interrupted run to resume');
  const hooks = hooksFor(io, { nonInteractive: true });
  // The run keeps the trust it was started with; -t on resume widens it.
  const trustAllTools = Boolean(output.trustAllTools) || (await loadState(atxHome, id)).options.trustAllTools;
  const model = await modelHooks(io, { trustAllTools, limit: output.limit }, undefined);
  const summary = await resumeRun(id, { ...hooks, ...model }, { trustAllTools: output.trustAllTools });
  return report(summary, output, io);
}

/** `atx custom def cleanup`: worktrees and branches of runs that can no longer be resumed. */
export async function cleanupCommand(options: ExecOutput, io: CliIO): Promise<number> {
  const result = await cleanupRuns(atxHomeFrom(io.env));
  if (options.json) {
    io.stdout(`${JSON.stringify({ status: result.failed.length ? 'failed' : 'succeeded', ...result }, null, 2)}\n`);
  } else {
    for (const run of result.cleaned) io.stderr(`${describeCleaned(run)}\n`);
    for (const run of result.running) io.stderr(`run ${run.runId}: running (pid ${run.pid}), not touched\n`);
    for (const run of result.failed) io.stderr(`run ${run.runId}: could not clean up: ${run.message}\n`);
    if (result.cleaned.length + result.running.length + result.failed.length === 0) io.stderr('Nothing to clean up.\n');
  }
  return result.failed.length ? 1 : 0;
}

/**
 * With ANTHROPIC_API_KEY set, agent steps go to the model, confined to the checkout; commands it
 * asks for need -t or the person's yes. Without a key nothing is loaded and they stay needs-model.
 */
async function modelHooks(
  io: CliIO,
  request: { trustAllTools: boolean } & ModelBudget,
  confirm: ((question: string) => Promise<boolean>) | undefined,
) {
  if (!io.env.ANTHROPIC_API_KEY?.trim()) return {};
  const { createBrain } = await import('../../llm/index.js');
  const brain = await createBrain(io.env, modelOptions(io, request));
  if (!brain.runAgentStep) return {};
  return {
    hasModel: true,
    // The run (plan, progress, signal) goes along: the model sees the whole step and what came before.
    agent: (step: PlanStep, checkoutDir: string, run: AgentRun) =>
      brain.runAgentStep!(step, {
        ...run,
        checkoutDir,
        trustAllTools: request.trustAllTools,
        confirm: request.trustAllTools ? undefined : confirm,
      }),
  };
}

/** The run's model budget, and why the model is being waited for (on stderr, with the progress). */
function modelOptions(io: CliIO, request: ModelBudget) {
  return { limit: request.limit, signal: io.signal, onRetry: (line: string) => io.stderr(`  model: ${line}\n`) };
}

/** Asks until the answer is plainly yes or no (read by atx, never by the model); Enter is no. */
async function askYesNo(ask: (question: string) => Promise<string>, question: string): Promise<boolean> {
  let prompt = `${question} [y/N] `;
  for (;;) {
    const said = await ask(prompt);
    if (!said.trim()) return false;
    const answer = readYesNo(said);
    if (answer !== 'unclear') return answer === 'yes';
    prompt = 'Please answer yes or no: ';
  }
}

function hooksFor(io: CliIO, request: { nonInteractive: boolean }) {
  const interactive = io.interactive && !request.nonInteractive && io.ask !== undefined;
  return {
    cwd: io.cwd,
    env: io.env,
    log: (line: string) => io.stderr(`${line}\n`),
    signal: io.signal,
    ask: interactive ? io.ask : undefined,
    confirm: interactive ? (question: string) => askYesNo(io.ask!, question) : undefined,
    onRunId: (runId: string) => {
      io.onRunId?.(runId);
      io.stderr(`atx run ${runId}\n`);
    },
  };
}

function report(summary: RunSummary, output: ExecOutput & { dryRun?: boolean }, io: CliIO): number {
  if (output.json) {
    io.stdout(`${JSON.stringify(summary, null, 2)}\n`);
  } else {
    if (summary.dryRun) io.stdout(summary.diff || '(no changes)\n');
    io.stderr(`${humanSummary(summary)}\n`);
  }
  return exitCodeFor(summary);
}
