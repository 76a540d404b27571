// The end of a run: exit criteria with evidence, then the summary and its markdown report.
import { join } from 'node:path';
import { expandValidator } from '../planner/plan.js';
import type { Plan } from '../planner/types.js';
import { writeJson, writeOwnFile } from '../util/fs.js';
import { mayRun } from '../util/trust.js';
import { runValidationCommands, runValidator, type Evidence, type ValidatorContext } from '../validators/index.js';
import { relinkAfter, restoreAfter } from './clean.js';
import { ensureDependencies, trustPolicy, type ExecuteHooks } from './execute.js';
import { runDir } from './paths.js';
import { saveState, type RunState } from './state.js';
import { resumeHint } from './resume.js';
import {
  distinctFindings,
  overallStatus,
  type CriterionSummary,
  type RunSummary,
  type StepSummary,
} from './summary.js';
import { renderReport, startMark } from './summary-text.js';

export async function checkExitCriteria(
  atxHome: string,
  plan: Plan,
  state: RunState,
  hooks: ExecuteHooks,
): Promise<CriterionSummary[]> {
  const checkoutDir = join(state.worktree, state.scope);
  const policy = trustPolicy(state, hooks);
  // Every command of the repository or the definition asks first; dependencies are installed
  // only once one of them may run (a check that will not run needs none).
  // Whether a command ran since the tree was last put back: the last phase's build (nothing
  // followed it), or a check. Without one, nothing was written.
  let ran = state.phaseBuilds.some((build) => !plan.steps.some((s) => s.phase > build.phase));
  const permitFor = (purpose: string) => async (command: string) => {
    const permission = await mayRun(policy, { command, purpose });
    if (permission.granted) {
      ran = true;
      await ensureDependencies(state, plan, checkoutDir, hooks);
    }
    return permission;
  };

  const base: Omit<ValidatorContext, 'permit'> = {
    worktree: state.worktree,
    scope: state.scope,
    baseCommit: state.baseCommit,
    buildCommand: state.options.buildCommand,
    testCommand: plan.analysis.testCommand,
    validationCommands: state.options.validationCommands,
    targetVersion: plan.configuration.targetVersion,
    atxHome,
    runDir: runDir(atxHome, state.runId),
    signal: hooks.signal,
  };
  const runCommits = commitEvidence(state);
  const results: CriterionSummary[] = [];
  for (const criterion of plan.exitCriteria) {
    const title = criterion.description.split('\n')[0]!;
    hooks.log(`${startMark} exit criterion: ${title}`);
    const validator = expandValidator(criterion.validator, plan.configuration.targetVersion);
    const ctx = { ...base, permit: permitFor(`to check the exit criterion "${title}"`) };
    const result = await runValidator({ id: criterion.id, text: criterion.description, validator }, ctx);
    // The next check may run git in the worktree.
    if (ran) await relinkAfter(state, `the check of the exit criterion "${title}"`);
    hooks.log(`  ${result.status}`);
    results.push({
      id: criterion.id,
      description: criterion.description,
      status: result.status,
      evidence: [...result.evidence, ...runCommits],
    });
  }
  const extra = await runValidationCommands({
    ...base,
    permit: permitFor('as a validation command of the configuration'),
  });
  if (ran) await relinkAfter(state, 'a validation command');
  // No step commits after the checks, so what they wrote cannot reach a commit; it is reported,
  // and the tree put back, once for all of them.
  if (ran) {
    const stray = await restoreAfter(state, 'the last build and the checks of the exit criteria');
    if (stray) state.findings.push(stray);
  }
  extra.forEach((result, i) => {
    const command = state.options.validationCommands[i]!;
    hooks.log(`${startMark} validation command: ${command} → ${result.status}`);
    results.push({
      id: `validation-${i + 1}`,
      description: `\`${command}\` succeeds`,
      status: result.status,
      evidence: result.evidence,
    });
  });
  return results;
}

function commitEvidence(state: RunState): Evidence[] {
  const commits = state.steps.filter((s) => s.commit).map((s) => ({ step: s.id, commit: s.commit }));
  return [
    {
      kind: 'commit',
      summary: `checked at ${state.headCommit.slice(0, 12)} (${commits.length} commit${commits.length === 1 ? '' : 's'} by this run)`,
      details: { head: state.headCommit, commits },
    },
  ];
}

export function stepSummaries(plan: Plan, state: RunState): StepSummary[] {
  return plan.steps.map((step) => {
    const record = state.steps.find((s) => s.id === step.id)!;
    const status = record.status === 'completed' || record.status === 'failed' ? record.status : 'skipped';
    return {
      id: step.id,
      title: step.title,
      status,
      commit: record.commit,
      filesChanged: record.filesChanged,
      durationMs: record.durationMs,
      ...(record.reason || status === 'skipped' ? { reason: record.reason ?? 'not run' } : {}),
      attempts: record.attempts,
      ...(record.agent ? { agent: record.agent } : {}),
    };
  });
}

export async function writeSummary(
  atxHome: string,
  plan: Plan,
  state: RunState,
  criteria: CriterionSummary[],
): Promise<RunSummary> {
  const dir = runDir(atxHome, state.runId);
  const steps = stepSummaries(plan, state);
  const summary: RunSummary = {
    status: overallStatus(steps, criteria, state.findings),
    runId: state.runId,
    transformation: { name: plan.transformation.name, version: plan.transformation.version },
    repository: state.repository,
    baseCommit: state.baseCommit,
    branch: state.branch,
    planPath: join(dir, 'plan.json'),
    steps,
    exitCriteria: criteria,
    findings: distinctFindings(state.findings),
    builds: state.phaseBuilds,
    summaryPath: join(dir, 'summary.json'),
    reportPath: join(dir, 'summary.md'),
  };
  const resume = resumeHint(state);
  if (resume) summary.resume = resume;
  // Both pass the redactor: a command's output in the evidence may hold a secret it read from elsewhere.
  await writeJson(summary.summaryPath!, summary);
  await writeOwnFile(summary.reportPath!, renderReport(summary));
  // Agent steps the model could not do keep the run unfinished: `atx --resume` finds it.
  state.status = resume ? 'interrupted' : 'completed';
  await saveState(atxHome, state);
  return summary;
}
