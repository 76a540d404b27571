// The durable part of a run: steps in order, a commit and a checkpoint after each one,
// the build after each phase, then the exit criteria. Shared by new and resumed runs.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import type { Finding } from '../codemods/types.js';
import { InterruptedError } from '../errors.js';
import { ModelConfigError, ModelLimitError, ModelUnavailableError } from '../llm/errors.js';
import type { AgentRun } from '../llm/types.js';
import { listTrackedFiles, lockfileIn, type PackageManager } from '../planner/analyse.js';
import { DiskRepoView } from '../planner/repo-view.js';
import type { Plan, PlanStep } from '../planner/types.js';
import { runShell } from '../util/proc.js';
import { resolveInside } from '../util/confine.js';
import { mayRun, trustFlag, type TrustPolicy } from '../util/trust.js';
import { relinkAfter, restoreAfter } from './clean.js';
import { commitStep, isModified, resetTo } from './commit.js';
import { declaresDependencies, installCommand, installDependencies, untrustedInstallProblem } from './install.js';
import { saveState, type RunState, type StepState } from './state.js';
import { carryOutStep, type StepOutcome } from './steps.js';
import { buildFailedRule, buildNotRunRule, isModelUnavailable, modelUnavailable } from './summary.js';
import { firstLine, seconds, shortCommit, startMark, statusMark } from './summary-text.js';
import { agentRun, limitReached, noChangeReason } from './agent-steps.js';
import { revertExcluded } from '../knowledge/exclude.js';
import { withWorktreeLink, worktreeGitdir } from './worktree-guard.js';

/** Structured progress for screens that draw their own (the ink session). */
export type RunEvent =
  | { kind: 'step-start'; stepId: string; title: string; index: number; total: number }
  | {
      kind: 'step-end';
      stepId: string;
      title: string;
      status: StepState['status'];
      reason?: string;
      commit: string | null;
      durationMs: number;
    }
  | { kind: 'commit'; stepId: string; commit: string; files: string[] }
  | { kind: 'criterion'; id: string; description: string; status: string; evidence: string }
  /** The build after a phase finished (a build not allowed to run is logged instead). */
  | { kind: 'phase-build'; phase: number; command: string; exitCode: number; durationMs: number; lastLine: string };

export interface ExecuteHooks {
  log(line: string): void;
  /** The run's environment (the commits' author); process.env when absent. */
  env?: NodeJS.ProcessEnv;
  confirm?: (question: string) => Promise<boolean>;
  signal?: AbortSignal;
  onEvent?: (event: RunEvent) => void;
  /**
   * Carries out agent steps with a model; without it they are reported `needs-model`. It may
   * throw the model errors of llm/errors.ts: unavailable skips the step (and every later agent
   * step) resumably, a reached limit stops the run as an interrupt, a bad configuration stops it.
   */
  agent?: (step: PlanStep, checkoutDir: string, run: AgentRun) => Promise<StepOutcome>;
}

export async function executeSteps(atxHome: string, plan: Plan, state: RunState, hooks: ExecuteHooks): Promise<void> {
  const checkoutDir = join(state.worktree, state.scope);
  // Recorded when git made the worktree, or found from the user's repository: never read from a
  // worktree a step may have written to.
  const gitdir = state.gitdir ?? (await worktreeGitdir(state.repoRoot, state.worktree));
  const failed = new Set<string>();
  // Once the model is unavailable, later agent steps are skipped without asking it again.
  let unavailable: string | undefined;
  for (const [index, step] of plan.steps.entries()) {
    const record = state.steps.find((s) => s.id === step.id)!;
    const lastOfPhase = plan.steps[index + 1]?.phase !== step.phase;
    if (record.status === 'failed') failed.add(step.id);
    if (record.status === 'completed' || record.status === 'skipped' || record.status === 'failed') {
      // A resumed run may have stopped during this phase's build: it is owed still.
      if (lastOfPhase) await buildAfterPhase(atxHome, plan, state, step.phase, checkoutDir, hooks);
      continue;
    }
    if (hooks.signal?.aborted) throw new InterruptedError();

    const blocker = step.dependsOn.find((id) => failed.has(id));
    if (blocker) {
      Object.assign(record, { status: 'skipped', reason: `depends on failed step ${blocker}` });
      await saveState(atxHome, state);
      continue;
    }
    if (unavailable && usesAgent(step, hooks)) {
      Object.assign(record, { status: 'skipped', reason: unavailable });
      hooks.log(
        `${startMark} ${index + 1}/${plan.steps.length} ${step.id} ${step.title}\n  ${statusMark('skipped')} skipped (${unavailable})`,
      );
      await saveState(atxHome, state);
      if (lastOfPhase) await buildAfterPhase(atxHome, plan, state, step.phase, checkoutDir, hooks);
      continue;
    }
    record.status = 'running';
    await saveState(atxHome, state);
    hooks.log(`${startMark} ${index + 1}/${plan.steps.length} ${step.id} ${step.title}`);
    hooks.onEvent?.({
      kind: 'step-start',
      stepId: step.id,
      title: step.title,
      index: index + 1,
      total: plan.steps.length,
    });
    let status: StepState['status'];
    try {
      status = await runOneStep(atxHome, plan, state, step, record, checkoutDir, hooks, gitdir);
    } catch (error) {
      // An interrupted step is not done: it runs again, from its checkpoint, on resume.
      Object.assign(record, { status: 'pending', reason: undefined });
      throw error;
    }
    if (status === 'failed') failed.add(step.id);
    if (isModelUnavailable(record.reason)) unavailable = record.reason;
    hooks.onEvent?.({
      kind: 'step-end',
      stepId: step.id,
      title: step.title,
      status: record.status,
      reason: record.reason,
      commit: record.commit,
      durationMs: record.durationMs,
    });
    hooks.log(
      `  ${statusMark(record.status)} ${record.status}${record.reason ? ` (${firstLine(record.reason)})` : ''}${record.commit ? ` → ${shortCommit(record.commit)}` : ''} ${seconds(record.durationMs)}`,
    );

    if (lastOfPhase) await buildAfterPhase(atxHome, plan, state, step.phase, checkoutDir, hooks);
  }
}

async function runOneStep(
  atxHome: string,
  plan: Plan,
  state: RunState,
  step: PlanStep,
  record: StepState,
  checkoutDir: string,
  hooks: ExecuteHooks,
  gitdir: string,
): Promise<StepState['status']> {
  const started = performance.now();
  let findings: Finding[] = [];
  const useAgent = usesAgent(step, hooks);
  delete record.agent;
  for (let attempt = 1; attempt <= step.retries + 1; attempt++) {
    record.attempts = attempt;
    const files = await listTrackedFiles(state.worktree, state.scope);
    const view = new DiskRepoView(checkoutDir, files);
    try {
      // A step that changed the worktree's .git link fails here, before git runs there again.
      const outcome = await withWorktreeLink(state.worktree, gitdir, () =>
        useAgent
          ? hooks.agent!(step, checkoutDir, agentRun(plan, state, hooks.signal))
          : carryOutStep(step, {
              checkoutDir,
              view,
              trustAllTools: state.options.trustAllTools,
              confirm: hooks.confirm,
              dryRun: false,
              signal: hooks.signal,
            }),
      );
      findings = outcome.findings;
      Object.assign(record, { status: outcome.status, reason: outcome.reason });
      if (outcome.agent) record.agent = outcome.agent;
      // Every package.json the step wrote, a function folder's as well as the root's. Commands
      // and agents do not say what they wrote; git does (the root's).
      const manifests = new Set(outcome.written.filter((path) => posix.basename(path) === 'package.json'));
      if (step.kind !== 'codemod' && (await isModified(state.worktree, state.scope, 'package.json')))
        manifests.add('package.json');
      if (outcome.status === 'completed')
        for (const manifest of [...manifests].sort()) {
          const folder = posix.dirname(manifest);
          await withWorktreeLink(state.worktree, gitdir, () =>
            refreshLockfile(state, plan, checkoutDir, folder === '.' ? '' : folder, hooks),
          );
        }
    } catch (error) {
      if (hooks.signal?.aborted) throw new InterruptedError();
      // The model's availability is not the step's doing: a reached limit stops the run (the
      // step stays pending), a bad model configuration too; an unreachable model skips the step.
      if (error instanceof ModelLimitError) throw new InterruptedError(limitReached(error, state.runId));
      if (error instanceof ModelConfigError) throw error;
      if (error instanceof ModelUnavailableError)
        Object.assign(record, { status: 'skipped', reason: `${modelUnavailable}: ${error.message}` });
      else Object.assign(record, { status: 'failed', reason: (error as Error).message });
    }
    // What a failed attempt wrote must not reach the next attempt, nor the next step's commit.
    if (record.status === 'failed' || isModelUnavailable(record.reason))
      await resetTo(state.worktree, state.headCommit);
    if (record.status !== 'failed' || attempt > step.retries) break;
    hooks.log(`  retrying ${step.id} (attempt ${attempt + 1} of ${step.retries + 1})`);
  }
  if (hooks.signal?.aborted) throw new InterruptedError();
  if (record.status === 'completed') {
    findings.push(...(await revertExcluded(state.worktree, state.scope, plan, step.id)));
    const committed = await commitStep(
      state.worktree,
      state.scope,
      {
        stepId: step.id,
        title: step.title,
        text: step.text,
        runId: state.runId,
        transformation: `${plan.transformation.name} v${plan.transformation.version}`,
      },
      hooks.env,
    );
    record.commit = committed?.commit ?? null;
    record.filesChanged = committed?.files ?? [];
    if (committed) state.headCommit = committed.commit;
    // An agent step after which git shows no change did nothing: said so, with the model's why.
    if (!committed && useAgent) Object.assign(record, { status: 'skipped', reason: noChangeReason(record.agent) });
    if (committed)
      hooks.onEvent?.({ kind: 'commit', stepId: step.id, commit: committed.commit, files: committed.files });
  }
  record.durationMs = Math.round(performance.now() - started);
  state.findings.push(...findings);
  await saveState(atxHome, state);
  return record.status;
}

/**
 * A package.json changed (the root's, or a function folder's with its own lockfile): let the
 * package manager bring that folder's lockfile along, in the same commit.
 */
async function refreshLockfile(
  state: RunState,
  plan: Plan,
  rootDir: string,
  folder: string,
  hooks: ExecuteHooks,
): Promise<void> {
  const checkoutDir = join(rootDir, folder);
  const own = folder ? lockfileIn(checkoutDir) : undefined;
  const lockfileName = folder ? own?.[0] : plan.analysis.lockfile;
  if (!lockfileName) return;
  const lockfile = folder ? `${folder}/${lockfileName}` : lockfileName;
  const manager = (folder ? own![1] : plan.analysis.packageManager) as PackageManager;
  const full = { packageJsonChanged: true, scripts: true };
  const scripts = await mayRun(trustPolicy(state, hooks), {
    command: installCommand(manager, checkoutDir, full),
    purpose: "to update the lockfile after package.json changed (the packages' install scripts run)",
  });
  // Without leave to run install scripts the lockfile is still brought along; nothing is installed.
  const mode = scripts.granted ? full : { packageJsonChanged: true, scripts: false, lockfileOnly: true };
  // Some package managers run the repository's own code whatever the flags: then not at all.
  const unsafe = scripts.granted ? undefined : untrustedInstallProblem(manager, checkoutDir);
  if (unsafe) {
    hooks.log(`  ${folder ? `${folder}/` : ''}package.json changed: the lockfile is not updated (${unsafe})`);
    state.findings.push({
      file: lockfile,
      line: 1,
      rule: 'atx/lockfile-not-updated',
      message: `package.json changed but the lockfile was not updated: ${unsafe}; update it by hand, or pass ${trustFlag} to allow it`,
      severity: 'manual',
    });
    return;
  }
  hooks.log(
    `  ${folder ? `${folder}/` : ''}package.json changed: updating ${lockfile}${scripts.granted ? '' : ` (install scripts ${scripts.reason})`}`,
  );
  const run = await installDependencies(checkoutDir, manager, mode, hooks.signal);
  if (!folder) state.dependenciesInstalled = scripts.granted && run.exitCode === 0;
  if (run.exitCode !== 0) {
    state.findings.push({
      file: lockfile,
      line: 1,
      rule: 'atx/install-failed',
      message: `\`${run.command}\` exited with ${run.exitCode} (${run.output.trim().split('\n').slice(-3).join(' ')}), so ${lockfile} still describes the old package.json: run \`${run.command}\` in ${folder || 'the repository root'} where it can reach the registry, and commit the lockfile`,
      severity: 'manual',
    });
  }
}

/** The build command runs the repository's code (npm scripts): it runs only with -t or the person's yes. */
async function buildAfterPhase(
  atxHome: string,
  plan: Plan,
  state: RunState,
  phase: number,
  checkoutDir: string,
  hooks: ExecuteHooks,
): Promise<void> {
  const command = state.options.buildCommand;
  if (!command || state.phaseBuilds.some((b) => b.phase === phase)) return;
  if (!phaseChanged(plan, state, phase)) return;
  const permission = await mayRun(trustPolicy(state, hooks), { command, purpose: `to build after phase ${phase}` });
  if (!permission.granted) {
    hooks.log(`  build after phase ${phase}: \`${command}\` ${permission.reason}`);
    recordBuildNotRun(plan, state, phase, command, permission.reason);
    await saveState(atxHome, state);
    return;
  }
  await ensureDependencies(state, plan, checkoutDir, hooks);
  hooks.log(`  building after phase ${phase}: ${command}`);
  const run = await runShell(command, { cwd: checkoutDir, signal: hooks.signal, timeoutMs: 30 * 60_000 });
  if (hooks.signal?.aborted) throw new InterruptedError();
  await relinkAfter(state, `\`${command}\` (build after phase ${phase})`);
  state.phaseBuilds.push({ phase, exitCode: run.exitCode, durationMs: run.durationMs });
  hooks.onEvent?.({
    kind: 'phase-build',
    phase,
    command,
    exitCode: run.exitCode,
    durationMs: run.durationMs,
    lastLine: run.output.trim().split('\n').at(-1) ?? '',
  });
  if (run.exitCode !== 0) {
    state.findings.push({
      file: '.',
      line: 1,
      rule: buildFailedRule,
      message: `\`${command}\` exited with ${run.exitCode} after phase ${phase}: ${run.output.trim().split('\n').slice(-3).join(' ')}`,
      severity: 'manual',
    });
  }
  // Build output is not the next step's work. After the last phase no step follows: the check
  // after the exit criteria looks at it then.
  if (plan.steps.some((s) => s.phase > phase)) {
    const stray = await restoreAfter(state, `\`${command}\` (build after phase ${phase})`);
    if (stray) state.findings.push(stray);
  }
  await saveState(atxHome, state);
}

function phaseChanged(plan: Plan, state: RunState, phase: number): boolean {
  return plan.steps.filter((s) => s.phase === phase).some((s) => state.steps.find((r) => r.id === s.id)!.commit);
}

/**
 * One finding names every phase whose build did not run (findings on one file, line and rule
 * are shown once). It makes the run `partial`: the phases' builds were not checked.
 */
function recordBuildNotRun(plan: Plan, state: RunState, phase: number, command: string, reason: string): void {
  const built = new Set(state.phaseBuilds.map((b) => b.phase));
  const phases = [...new Set(plan.steps.map((s) => s.phase))].filter(
    (p) => p <= phase && !built.has(p) && phaseChanged(plan, state, p),
  );
  const finding = {
    file: '.',
    line: 1,
    rule: buildNotRunRule,
    message: `\`${command}\` after phase ${phases.join(', ')} ${reason}`,
    severity: 'warning' as const,
  };
  const index = state.findings.findIndex((f) => f.rule === buildNotRunRule);
  if (index >= 0) state.findings[index] = finding;
  else state.findings.push(finding);
}

export function trustPolicy(state: RunState, hooks: ExecuteHooks): TrustPolicy {
  return { trustAllTools: state.options.trustAllTools, confirm: hooks.confirm };
}

/**
 * A fresh worktree has no node_modules: install once before the first build or check that may
 * run. The packages' install scripts run only with -t or the person's yes.
 */
export async function ensureDependencies(
  state: RunState,
  plan: Plan,
  checkoutDir: string,
  hooks: ExecuteHooks,
): Promise<void> {
  if (state.dependenciesInstalled || !plan.analysis.packageManager) return;
  if (existsSync(join(checkoutDir, 'node_modules'))) return;
  // Never through a link out of the repository.
  const pkg = await resolveInside(checkoutDir, 'package.json')
    .then((path) => readFile(path, 'utf8'))
    .catch(() => '');
  if (!declaresDependencies(pkg)) return;
  const manager = plan.analysis.packageManager as PackageManager;
  const full = { packageJsonChanged: false, scripts: true };
  const scripts = await mayRun(trustPolicy(state, hooks), {
    command: installCommand(manager, checkoutDir, full),
    purpose: "to install the dependencies (the packages' install scripts run)",
  });
  const unsafe = scripts.granted ? undefined : untrustedInstallProblem(manager, checkoutDir);
  if (unsafe) {
    hooks.log(`  dependencies not installed (${unsafe})`);
    state.dependenciesInstalled = true;
    state.findings.push({
      file: 'package.json',
      line: 1,
      rule: 'atx/install-not-run',
      message: `dependencies were not installed: ${unsafe}; pass ${trustFlag} to allow it`,
      severity: 'warning',
    });
    return;
  }
  hooks.log(`  installing dependencies${scripts.granted ? '' : ` (install scripts ${scripts.reason})`}`);
  const run = await installDependencies(checkoutDir, manager, { ...full, scripts: scripts.granted }, hooks.signal);
  state.dependenciesInstalled = true;
  if (run.exitCode !== 0) {
    state.findings.push({
      file: 'package.json',
      line: 1,
      rule: 'atx/install-failed',
      message: `\`${run.command}\` exited with ${run.exitCode}: ${run.output.trim().split('\n').slice(-3).join(' ')}`,
      severity: 'warning',
    });
  }
}

/** Whether the agent hook carries out `step` (a pending agent step, with a model). */
function usesAgent(step: PlanStep, hooks: ExecuteHooks): boolean {
  return step.kind === 'agent' && step.status === 'pending' && hooks.agent !== undefined;
}
