// Carrying out one plan step: a codemod over the files, a command, or (without a model) nothing.
import { join } from 'node:path';
import { isCodemodName, loadCodemod } from '../codemods/index.js';
import type { Finding } from '../codemods/types.js';
import type { AgentReport } from './agent-report.js';
import type { PlanStep } from '../planner/types.js';
import { heldBackFindings, lookAt, runOnReadable } from '../planner/held-back.js';
import type { DiskRepoView } from '../planner/repo-view.js';
import { writablePathProblem } from '../util/confine.js';
import { writeFileSafe } from '../util/fs.js';
import { runShell, tail } from '../util/proc.js';
import { mayRun } from '../util/trust.js';

export interface StepOutcome {
  status: 'completed' | 'skipped' | 'failed';
  reason?: string;
  findings: Finding[];
  /** Files the step wrote (scope-relative). */
  written: string[];
  /** What the model did, for an agent step carried out by one. */
  agent?: AgentReport;
  /** An analysis codemod's data, with the codemod's name. */
  report?: { codemod: string; data: Record<string, unknown>; markdown?: string };
}

export interface StepEnvironment {
  /** Absolute folder the step works in (worktree + scope). */
  checkoutDir: string;
  view: DiskRepoView;
  trustAllTools: boolean;
  /** Asks the person whether to run a command; absent in non-interactive runs. */
  confirm?: (question: string) => Promise<boolean>;
  /** Dry run: codemods change the in-memory view only; commands are not run. */
  dryRun: boolean;
  /** An analysis definition's run (a dry run): its commands marked `readOnly: true` do run. */
  analysis?: boolean;
  signal?: AbortSignal;
}

export async function carryOutStep(step: PlanStep, env: StepEnvironment): Promise<StepOutcome> {
  if (step.status === 'skipped-by-user')
    return { status: 'skipped', reason: 'skipped at plan review', findings: [], written: [] };
  if (step.status === 'no-change') return { status: 'skipped', reason: 'no-change', findings: [], written: [] };
  switch (step.kind) {
    case 'codemod':
      return runCodemodStep(step, env);
    case 'command':
      return runCommandStep(step, env);
    case 'agent':
      return {
        status: 'skipped',
        reason: 'needs-model',
        findings: [
          {
            file: '.',
            line: 1,
            rule: 'atx/needs-model',
            message: `step ${step.id} "${step.title}" needs a language model (set ANTHROPIC_API_KEY) or a person to carry it out`,
            severity: 'manual',
          },
        ],
        written: [],
      };
  }
}

async function runCodemodStep(step: PlanStep, env: StepEnvironment): Promise<StepOutcome> {
  const action = step.action;
  if (!action || !('codemod' in action) || !isCodemodName(action.codemod)) {
    return { status: 'failed', reason: 'unknown codemod', findings: [], written: [] };
  }
  const codemod = await loadCodemod(action.codemod);
  // Files held back already (links out, or found not to be UTF-8 by an earlier step of a dry
  // run) are reported when the codemod's candidates name them; the rest it finds as it reads.
  const look = needsProbe(env.view) ? lookAt(codemod, env.view, step.options) : undefined;
  const { result, found } = await runOnReadable(codemod, env.view, step.options);
  const findings = [...heldBackFindings(env.view, new Set([...(look?.looked ?? []), ...found])), ...result.findings];
  const accepted = new Map<string, string>();
  for (const [path, text] of result.changes) {
    const problem = await writeProblem(env, path);
    if (problem) {
      findings.push({
        file: path,
        line: 1,
        rule: 'atx/not-written',
        message: `${codemod.name} changed this file but it was not written: ${problem}`,
        severity: 'manual',
      });
      continue;
    }
    if (env.view.read(path) === text) continue;
    // In the file's own form: its byte-order mark back, CRLF for the lines a codemod added to a CRLF file.
    if (!env.dryRun) await writeFileSafe(join(env.checkoutDir, path), env.view.encoded(path, text));
    accepted.set(path, text);
  }
  env.view.apply(accepted);
  const report = result.report && { codemod: codemod.name, data: result.report, markdown: result.reportMarkdown };
  return { status: 'completed', findings, written: [...accepted.keys()].sort(), ...(report ? { report } : {}) };
}

/**
 * Why a codemod's change to `path` may not be written: the view never offered it (a link, not
 * UTF-8, not tracked), or, checked on disk last, it would be written through a link or outside.
 */
async function writeProblem(env: StepEnvironment, path: string): Promise<string | undefined> {
  if (!env.view.writable(path)) return 'it is not a regular UTF-8 file tracked in the repository';
  // On disk, just before writing: the file may have become a link since it was read.
  return env.dryRun ? undefined : writablePathProblem(env.checkoutDir, path);
}

function needsProbe(view: DiskRepoView): boolean {
  return [...view.heldBack().values()].some((held) => held.kind !== 'link');
}

async function runCommandStep(step: PlanStep, env: StepEnvironment): Promise<StepOutcome> {
  const action = step.action;
  if (!action || !('command' in action)) return { status: 'failed', reason: 'no command', findings: [], written: [] };
  if (env.dryRun && !(env.analysis && action.readOnly)) {
    const reason = env.analysis
      ? `analysis: only commands marked readOnly run; would run \`${action.command}\``
      : `dry run: would run \`${action.command}\``;
    return { status: 'skipped', reason, findings: [], written: [] };
  }
  const permission = await mayRun(
    { trustAllTools: env.trustAllTools, confirm: env.confirm },
    { command: action.command, purpose: `for step ${step.id}` },
  );
  if (!permission.granted)
    return { status: 'skipped', reason: `command ${permission.reason}`, findings: [], written: [] };
  const run = await runShell(action.command, {
    cwd: env.checkoutDir,
    signal: env.signal,
    timeoutMs: (action.timeoutSeconds ?? 1800) * 1000,
  });
  // What an analysis's command printed is part of its result.
  const printed: Finding[] = env.analysis
    ? [
        {
          file: '.',
          line: 1,
          rule: 'atx/analysis-command',
          message: `\`${action.command}\` (step ${step.id}) exited with ${run.exitCode}: ${tail(run.output, 20) || '(no output)'}`,
          severity: 'info',
        },
      ]
    : [];
  if (run.exitCode === 0) return { status: 'completed', findings: printed, written: [] };
  return {
    status: 'failed',
    reason: `\`${action.command}\` exited with ${run.exitCode}${run.timedOut ? ' (timed out)' : ''}: ${tail(run.output, 5)}`,
    findings: printed,
    written: [],
  };
}
