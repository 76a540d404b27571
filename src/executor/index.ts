// `atx custom def exec`: plan a definition for one repository and apply it, durably.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { loadDefinitionDir } from '../definitions/load.js';
import type { Definition } from '../definitions/types.js';
import { InterruptedError, UsageError } from '../errors.js';
import { analyseRepository, listTrackedFiles } from '../planner/analyse.js';
import { loadConfiguration } from '../planner/config.js';
import { applyFeedback, formatPlan } from '../planner/feedback.js';
import { createPlan, targetVersionFor } from '../planner/plan.js';
import { DiskRepoView } from '../planner/repo-view.js';
import { PlanSchema, type Plan } from '../planner/types.js';
import { openRegistry, registryOptionsFromEnv } from '../registry/index.js';
import { readJson, writeJson, writeOwnFile } from '../util/fs.js';
import { renderReport } from './summary-text.js';
import { filePatch } from './file-patch.js';
import { executeSteps, type ExecuteHooks } from './execute.js';
import { cleanupHeldRun, describeCleaned, discardUnstarted } from './cleanup.js';
import { atxHomeFrom, newRunId, resultBranchName, runDir, worktreeDir } from './paths.js';
import {
  addWorktree,
  headOf,
  locateRepository,
  prepareWorktree,
  removeWorktree,
  uncommittedFiles,
} from './repository.js';
import { acquireRunLock } from './run-lock.js';
import { trackProcessGroups } from '../util/proc.js';
import { loadState, saveState, startingState, type RunState } from './state.js';
import { reopenForModel } from './resume.js';
import { carryOutStep } from './steps.js';
import { distinctFindings, overallStatus, type RunSummary, type StepSummary } from './summary.js';
import { resetTo, stepOfCommit } from './commit.js';
import { readWorktreeLink, worktreeGitdir } from './worktree-guard.js';
import {
  applyKnowledge,
  applySaid,
  describeApplied,
  enabledItems,
  noticeManualFixes,
  recordRun,
  resultBranches,
} from '../knowledge/index.js';
import { keepOutRules, keptOutBy, keptOutOfDryRun } from '../knowledge/exclude.js';

export interface ExecRequest {
  codeRepositoryPath?: string;
  transformationName?: string;
  transformationVersion?: string;
  buildCommand?: string;
  /** The raw -g value. */
  configuration?: string;
  nonInteractive: boolean;
  trustAllTools: boolean;
  doNotLearn: boolean;
  dryRun: boolean;
}

export interface ExecIO extends ExecuteHooks {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Asks the person a question (interactive runs only). */
  ask?: (question: string) => Promise<string>;
  /** Called once the run id is known, so an interrupt can name it. */
  onRunId?: (runId: string) => void;
  /** Reviews the plan with the person (the ink session); used instead of `ask` when present. */
  reviewPlan?: (plan: Plan) => Promise<Plan>;
  /** Whether agent steps have a model (`agent` hook); they are planned as pending then. */
  hasModel?: boolean;
}

export async function execDefinition(request: ExecRequest, io: ExecIO): Promise<RunSummary> {
  const config = await loadConfiguration(request.configuration, io.cwd);
  const repoPath = request.codeRepositoryPath ?? config.codeRepositoryPath;
  const name = request.transformationName ?? config.transformationName;
  if (!repoPath) throw new UsageError('missing -p/--code-repository-path (or codeRepositoryPath in -g)');
  if (!name) throw new UsageError('missing -n/--transformation-name (or transformationName in -g)');
  const configuration = { ...config, buildCommand: request.buildCommand ?? config.buildCommand };

  const location = await locateRepository(repoPath, io.cwd);
  // git's reads of the repository run while the definition is found and read; each is awaited
  // where it was asked for before, so a failure still surfaces there.
  const pendingRead = ahead(uncommittedFiles(location));
  const branchesRead = request.doNotLearn ? undefined : ahead(resultBranches(location.root));
  // Read in place, as a dry run of a clean tree is (below).
  const filesRead = request.dryRun ? ahead(listTrackedFiles(location.root, location.scope)) : undefined;
  const warn = (message: string) => io.log(`atx: warning: ${message}`);
  const registry = openRegistry(registryOptionsFromEnv(io.env, warn));
  const resolved = await registry.resolve(name, request.transformationVersion ?? config.transformationVersion);
  const bundle = await loadDefinitionDir(resolved.dir);
  // Input the plan would refuse is refused before anything is made.
  targetVersionFor(bundle.definition, configuration);
  // An analysis reports and changes nothing: it runs as a dry run does (no branch, no commit).
  const reportOnly = resolved.category === 'analysis';
  const dryRun = request.dryRun || reportOnly;
  if (reportOnly && !request.dryRun)
    io.log(
      `${resolved.name} is an analysis definition: it reports findings and changes nothing (no branch, no commit)`,
    );

  const atxHome = atxHomeFrom(io.env);
  const runId = newRunId();
  const dir = runDir(atxHome, runId);
  const worktree = worktreeDir(atxHome, runId);
  const branch = dryRun ? null : resultBranchName(resolved.name, runId);
  const pending = await pendingRead;

  if (branchesRead) await noticeFixes(io, atxHome, location.root, resolved.name, branchesRead);
  // A dry run only reads; when the person's tree is exactly HEAD it reads that tree in place
  // instead of checking out a copy (a third of a large dry run went into the checkout). An
  // analysis's read-only commands run in a copy all the same: nothing vouches that they only read.
  const commandsRun = reportOnly && hasReadOnlyCommands(bundle.definition);
  const readInPlace = dryRun && pending.length === 0 && !commandsRun;
  const checkoutRoot = readInPlace ? location.root : worktree;
  await mkdir(dir, { recursive: true });
  const lock = await acquireRunLock(dir, runId);
  trackProcessGroups(lock.groups);
  io.onRunId?.(runId);
  // The state is saved before the worktree and branch exist, so whatever a kill leaves behind
  // is named somewhere: `cleanup` and the next `--resume` find it and take it away.
  const state = startingState(runId, location, worktree, branch, { ...request, dryRun }, resolved, configuration);
  // Until the run is `running` there is nothing to resume: a failure before then takes the
  // worktree, the new branch and the state away again, so bad input really leaves nothing behind.
  let started = false;
  try {
    await saveState(atxHome, state);
    if (!readInPlace) {
      await addWorktree(location.root, worktree, location.head, branch);
      // Read before anything ran in the worktree: git has just written it.
      state.gitdir = await readWorktreeLink(worktree);
    }
    const checkoutDir = join(checkoutRoot, location.scope);
    const analysis = await analyseRepository(checkoutRoot, location.scope, readInPlace ? filesRead : undefined);
    // A dry run changes nothing on disk: it goes on with what the planner read.
    const view = dryRun ? new DiskRepoView(checkoutDir, analysis.files) : undefined;
    let plan = await createPlan({
      runId,
      bundle,
      transformation: { name: resolved.name, version: resolved.version, origin: resolved.origin },
      repository: location.path,
      scope: location.scope,
      checkoutDir,
      baseCommit: location.head,
      branch,
      configuration,
      analysis,
      hasModel: Boolean(io.hasModel && io.agent),
      view,
    });
    plan = applyKnowledge(plan, await enabledItems(io.env, resolved.name, warn));
    for (const line of describeApplied(plan.knowledge)) io.log(line);
    const planPath = join(dir, 'plan.json');
    await writeJson(planPath, plan);
    if (!request.nonInteractive && io.reviewPlan) {
      plan = await io.reviewPlan(plan);
      await writeJson(planPath, plan);
    } else {
      io.log(formatPlan(plan));
    }
    if (!request.nonInteractive && !io.reviewPlan && io.ask) {
      plan = await reviewPlan(plan, io);
      await writeJson(planPath, plan);
    }
    const findings = pending.map((file) => ({
      file,
      line: 1,
      rule: 'atx/uncommitted-change',
      message:
        'uncommitted change in your working tree: not included in this run (commit it and run again to include it)',
      severity: 'warning' as const,
    }));
    if (view) {
      const readOnly = reportOnly ? { trustAllTools: request.trustAllTools, confirm: io.confirm } : undefined;
      return await planOnly(plan, { checkoutDir, view, findings, dir, readOnly, signal: io.signal });
    }

    Object.assign(state, {
      status: 'running',
      options: { ...state.options, validationCommands: plan.configuration.validationCommands },
      steps: plan.steps.map((step) => ({
        id: step.id,
        status: 'pending',
        commit: null,
        filesChanged: [],
        durationMs: 0,
        attempts: 0,
      })),
      findings,
    } satisfies Partial<RunState>);
    await saveState(atxHome, state);
    started = true;
    return await finishRun(atxHome, plan, state, io);
  } finally {
    if (!started) {
      await discardUnstarted(atxHome, {
        runId,
        repoRoot: location.root,
        worktree: !readInPlace,
        branch,
        keepFolder: dryRun,
      }).catch((error: Error) =>
        io.log(
          `could not remove what run ${runId} made: ${error.message.split('\n')[0]}; \`atx custom def cleanup\` removes it`,
        ),
      );
    }
    trackProcessGroups(undefined);
    await lock.release();
  }
}

/**
 * `atx --resume` / `--conversation-id`: continue a run at its first unfinished step. The run's
 * lock is taken before anything is touched: a second resume of a running run changes nothing.
 * `widen.trustAllTools`: `-t` given on resume lets this run's commands run from here on.
 */
export async function resumeRun(
  runId: string,
  io: ExecIO,
  widen: { trustAllTools?: boolean } = {},
): Promise<RunSummary> {
  const atxHome = atxHomeFrom(io.env);
  const dir = runDir(atxHome, runId);
  // Read-only first: a missing or damaged run is named before its folder is written to.
  await loadState(atxHome, runId);
  io.onRunId?.(runId);
  const lock = await acquireRunLock(dir, runId);
  trackProcessGroups(lock.groups);
  try {
    // Read again under the lock: the run's last holder may have moved it on since.
    const state = await loadState(atxHome, runId);
    if (state.status === 'starting') {
      const cleaned = await cleanupHeldRun(atxHome, runId, true);
      throw new UsageError(
        `run ${runId} was stopped before its first step: there is nothing to resume${cleaned ? ` (${describeCleaned(cleaned)})` : ''}; start it again with \`atx custom def exec\``,
      );
    }
    if (!state.branch) throw new UsageError(`run ${runId} was a dry run; there is nothing to resume`);
    const plan = await loadPlan(dir);
    await prepareWorktree({ ...state, branch: state.branch });
    // From the repository's side: a step of the killed run may have changed the worktree's link.
    state.gitdir = await worktreeGitdir(state.repoRoot, state.worktree);
    await reconcile(state);
    io.log(`Resuming run ${runId} on branch ${state.branch}`);
    if (widen.trustAllTools) state.options.trustAllTools = true;
    // Agent steps skipped because the model was unavailable are tried again, when there is one.
    const reopened = io.agent ? reopenForModel(plan, state) : [];
    if (reopened.length)
      io.log(`Trying the model again for step${reopened.length === 1 ? '' : 's'} ${reopened.join(', ')}`);
    state.status = 'running';
    await saveState(atxHome, state);
    return await finishRun(atxHome, plan, state, io);
  } finally {
    trackProcessGroups(undefined);
    await lock.release();
  }
}

async function loadPlan(dir: string): Promise<Plan> {
  const path = join(dir, 'plan.json');
  const parsed = PlanSchema.safeParse(await readJson(path).catch(() => undefined));
  if (!parsed.success)
    throw new UsageError(
      `the plan ${path} is missing or damaged; this run cannot be resumed (\`atx custom def cleanup\` removes its worktree)`,
    );
  return parsed.data;
}

async function finishRun(atxHome: string, plan: Plan, state: RunState, io: ExecIO): Promise<RunSummary> {
  try {
    await executeSteps(atxHome, plan, state, io);
    // The validators (and the equivalence runner) load only for a run that checks its criteria.
    const { checkExitCriteria, writeSummary } = await import('./finish.js');
    const criteria = await checkExitCriteria(atxHome, plan, state, io);
    for (const c of criteria)
      io.onEvent?.({
        kind: 'criterion',
        id: c.id,
        description: c.description,
        status: c.status,
        evidence: c.evidence[0]?.summary ?? '',
      });
    if (io.signal?.aborted) throw new InterruptedError();
    const summary = await writeSummary(atxHome, plan, state, criteria);
    if (!state.options.doNotLearn) await learnFromRun(io, plan, summary);
    // The branch stays; the worktree goes, so the person can check the branch out.
    await removeWorktree(state.repoRoot, state.worktree).catch((error: Error) =>
      io.log(`could not remove the worktree: ${error.message}`),
    );
    return summary;
  } catch (error) {
    state.status = 'interrupted';
    await saveState(atxHome, state);
    throw error;
  }
}

/**
 * After a kill the worktree may hold a half-applied step, or a step committed just before its
 * checkpoint. Keep what was committed (never apply a step twice); drop what was not.
 */
async function reconcile(state: RunState): Promise<void> {
  const head = await headOf(state.worktree);
  if (head !== state.headCommit) {
    const stepId = await stepOfCommit(state.worktree, head);
    const record = state.steps.find((s) => s.id === stepId);
    if (record && record.status !== 'completed') {
      Object.assign(record, { status: 'completed', commit: head });
      state.headCommit = head;
    }
  }
  await resetTo(state.worktree, state.headCommit);
  for (const record of state.steps) if (record.status === 'running') record.status = 'pending';
}

async function reviewPlan(plan: Plan, io: ExecIO): Promise<Plan> {
  for (;;) {
    const answer = await io.ask!(
      'Review the plan: say "skip step 3", "also run npm run lint", "the target is Node 22", or "proceed".\n> ',
    );
    let outcome = applyFeedback(plan, answer);
    const said = outcome.kind === 'not-understood' ? applySaid(plan, answer) : undefined;
    if (said) outcome = { kind: 'changed', ...said };
    io.log(outcome.reply);
    plan = outcome.plan;
    if (outcome.kind === 'accepted') return plan;
    if (outcome.kind === 'changed') io.log(formatPlan(plan));
  }
}

interface PlanOnly {
  checkoutDir: string;
  view: DiskRepoView;
  findings: RunSummary['findings'];
  /** The run's folder. */
  dir: string;
  /** An analysis definition's run: its read-only commands may run, with this permission. */
  readOnly?: { trustAllTools: boolean; confirm?: (question: string) => Promise<boolean> };
  signal?: AbortSignal;
}

/**
 * A dry run, or an analysis definition's run: codemods change only the in-memory view and
 * report; commands do not run (an analysis's read-only ones do, in a throwaway checkout).
 */
async function planOnly(
  plan: Plan,
  { checkoutDir, view, findings, dir, readOnly, signal }: PlanOnly,
): Promise<RunSummary> {
  const steps: StepSummary[] = [];
  const reports: Record<string, Record<string, unknown>> = {};
  const sections: string[] = [];
  for (const step of plan.steps) {
    const started = performance.now();
    const outcome = await carryOutStep(step, {
      checkoutDir,
      view,
      trustAllTools: readOnly?.trustAllTools ?? false,
      confirm: readOnly?.confirm,
      dryRun: true,
      analysis: readOnly !== undefined,
      signal,
    });
    // Changes to protected or excluded paths are reported, not shown, as a real run reverts them.
    const kept = keptOutOfDryRun(plan, step.id, outcome.written);
    findings.push(...outcome.findings, ...kept.findings);
    if (outcome.report) {
      reports[outcome.report.codemod] = outcome.report.data;
      if (outcome.report.markdown) sections.push(outcome.report.markdown);
    }
    steps.push({
      id: step.id,
      title: step.title,
      status: outcome.status,
      commit: null,
      filesChanged: kept.written,
      durationMs: Math.round(performance.now() - started),
      ...(outcome.reason ? { reason: outcome.reason } : {}),
    });
  }
  const keepOut = keepOutRules(plan);
  const diff = view
    .changedFiles()
    .filter((path) => !keptOutBy(keepOut, path))
    .map((path) => filePatch(path, view.original(path) ?? '', view.changedText(path)!))
    .join('');
  const summary: RunSummary = {
    status: overallStatus(steps, []),
    runId: plan.runId,
    transformation: { name: plan.transformation.name, version: plan.transformation.version },
    repository: plan.repository,
    baseCommit: plan.baseCommit,
    branch: null,
    planPath: join(dir, 'plan.json'),
    steps,
    exitCriteria: plan.exitCriteria.map((c) => ({
      id: c.id,
      description: c.description,
      status: 'skipped',
      evidence: [
        {
          kind: 'file',
          summary: readOnly
            ? 'analysis: nothing was changed, so there is no result to check'
            : 'dry run: exit criteria are checked on a real run',
          details: {},
        },
      ],
    })),
    findings: distinctFindings(findings),
    dryRun: true,
    diff,
    summaryPath: join(dir, 'summary.json'),
    ...(Object.keys(reports).length ? { reports } : {}),
  };
  if (readOnly) {
    // An analysis's result is its findings and this report (a dry run's is its diff).
    summary.analysis = true;
    summary.reportPath = join(dir, 'summary.md');
    await writeOwnFile(summary.reportPath, [renderReport(summary), ...sections].join('\n'));
  }
  await writeJson(summary.summaryPath!, summary);
  return summary;
}

/** A promise started ahead of its use: its failure is seen where it is awaited, not reported before. */
function ahead<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/** People's commits on earlier result branches of this definition become knowledge items. */
async function noticeFixes(
  io: ExecIO,
  atxHome: string,
  root: string,
  definition: string,
  branches: Promise<string[]>,
): Promise<void> {
  try {
    const added = await noticeManualFixes(io.env, atxHome, root, definition, branches);
    for (const item of added)
      io.log(`learned ${item.id} (${item.status}) from a manual fix on an earlier result branch: ${item.title}`);
  } catch (error) {
    io.log(`could not look for manual fixes on earlier result branches: ${(error as Error).message}`);
  }
}

/** Feedback and failures of a finished run become knowledge items; learning never fails a run. */
async function learnFromRun(io: ExecIO, plan: Plan, summary: RunSummary): Promise<void> {
  try {
    const added = await recordRun(io.env, plan, summary);
    for (const item of added) io.log(`learned ${item.id} (${item.status}): ${item.title}`);
  } catch (error) {
    io.log(`could not record knowledge from this run: ${(error as Error).message}`);
  }
}

/** Whether a step of the definition is a command marked `readOnly: true`. */
function hasReadOnlyCommands(definition: Definition): boolean {
  return definition.phases.some((phase) =>
    phase.steps.some((step) => step.action && 'command' in step.action && step.action.readOnly === true),
  );
}
