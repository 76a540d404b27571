// The durable state of a run, checkpointed after every step: ATX_HOME/runs/<runId>/state.json.
import { readdir } from 'node:fs/promises';
import { isAbsolute, join, normalize } from 'node:path';
import { z } from 'zod';
import { UsageError } from '../errors.js';
import { exists, readJson, writeJson } from '../util/fs.js';
import { AgentReportSchema } from './agent-report.js';
import { isResultBranchOf, runDir, runsDir, worktreeDir } from './paths.js';

const FindingSchema = z.object({
  file: z.string(),
  line: z.number(),
  rule: z.string(),
  message: z.string(),
  severity: z.enum(['info', 'warning', 'manual']),
});

const StepStateSchema = z.object({
  id: z.string(),
  status: z.enum(['pending', 'running', 'completed', 'skipped', 'failed']),
  commit: z.string().nullable().default(null),
  filesChanged: z.array(z.string()).default([]),
  durationMs: z.number().default(0),
  attempts: z.number().default(0),
  reason: z.string().optional(),
  /** What the model did in an agent step. */
  agent: AgentReportSchema.optional(),
});
export type StepState = z.infer<typeof StepStateSchema>;

/** What `exec` was asked, kept with a run from its first moment (before its worktree exists). */
const RequestSchema = z.object({
  transformationName: z.string(),
  transformationVersion: z.string(),
  codeRepositoryPath: z.string(),
  dryRun: z.boolean(),
});

export const RunStateSchema = z.object({
  runId: z.string(),
  /**
   * `starting`: saved before the worktree and branch are made, while the plan is built; a run
   * killed then has nothing to resume, and `cleanup` (or the next `--resume`) removes what it made.
   */
  status: z.enum(['starting', 'planned', 'running', 'interrupted', 'completed']),
  startedAt: z.string(),
  updatedAt: z.string(),
  repository: z.string(),
  repoRoot: z.string(),
  scope: z.string(),
  worktree: z.string(),
  /** The worktree's gitdir as git made it (`<repo>/.git/worktrees/<name>`), to check its `.git` link against. */
  gitdir: z.string().optional(),
  branch: z.string().nullable(),
  baseCommit: z.string(),
  /** The commit the worktree is at after the last completed step. */
  headCommit: z.string(),
  options: z.object({
    trustAllTools: z.boolean(),
    doNotLearn: z.boolean().default(false),
    buildCommand: z.string().optional(),
    validationCommands: z.array(z.string()).default([]),
  }),
  steps: z.array(StepStateSchema),
  phaseBuilds: z.array(z.object({ phase: z.number(), exitCode: z.number(), durationMs: z.number() })).default([]),
  findings: z.array(FindingSchema).default([]),
  dependenciesInstalled: z.boolean().default(false),
  request: RequestSchema.optional(),
});
export type RunState = z.infer<typeof RunStateSchema>;

export function statePath(atxHome: string, runId: string): string {
  return join(runDir(atxHome, runId), 'state.json');
}

export async function saveState(atxHome: string, state: RunState): Promise<void> {
  await writeJson(statePath(atxHome, state.runId), { ...state, updatedAt: new Date().toISOString() });
}

/**
 * Reads a run's state. Its paths are checked, because they are read back from a file and then
 * reset, removed or handed to git: the worktree must be the run's own folder, the repository an
 * absolute path, the branch one atx made for this run.
 */
export async function loadState(atxHome: string, runId: string): Promise<RunState> {
  const path = statePath(atxHome, runId);
  if (!(await exists(path))) throw new UsageError(`no run '${runId}' under ${runsDir(atxHome)}`);
  let raw: unknown;
  try {
    raw = await readJson(path);
  } catch (error) {
    throw new UsageError(`run state ${path} is damaged: ${(error as Error).message}`);
  }
  const parsed = RunStateSchema.safeParse(raw);
  if (!parsed.success)
    throw new UsageError(
      `run state ${path} is damaged: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`,
    );
  const problem = stateProblem(atxHome, runId, parsed.data);
  if (problem)
    throw new UsageError(
      `run state ${path} is damaged: ${problem}; atx will not reset or remove anything it names (\`atx custom def cleanup\` removes the run's worktree)`,
    );
  return parsed.data;
}

function stateProblem(atxHome: string, runId: string, state: RunState): string | undefined {
  if (state.runId !== runId) return `it belongs to run ${JSON.stringify(state.runId)}`;
  if (state.worktree !== worktreeDir(atxHome, runId))
    return `its worktree ${JSON.stringify(state.worktree)} is not the run's own folder ${worktreeDir(atxHome, runId)}`;
  if (!isAbsolute(state.repoRoot) || normalize(state.repoRoot) !== state.repoRoot)
    return `its repository ${JSON.stringify(state.repoRoot)} is not an absolute path`;
  if (state.branch !== null && !isResultBranchOf(state.branch, runId))
    return `its branch ${JSON.stringify(state.branch)} is not one atx made for this run`;
  return undefined;
}

/** The newest run that did not complete, for `atx --resume`. */
export async function latestUnfinishedRun(atxHome: string): Promise<string | undefined> {
  let ids: string[];
  try {
    ids = (await readdir(runsDir(atxHome))).sort().reverse();
  } catch {
    return undefined;
  }
  for (const id of ids) {
    try {
      const state = await loadState(atxHome, id);
      // A run that never started has nothing to continue; `cleanup` removes what it made.
      if (state.status !== 'completed' && state.status !== 'starting') return id;
    } catch {
      // A run folder without a readable state (a dry run, or one killed before planning) cannot be resumed.
    }
  }
  return undefined;
}

/** A run's first state, saved before its worktree and branch exist. */
export function startingState(
  runId: string,
  location: { path: string; root: string; scope: string; head: string },
  worktree: string,
  branch: string | null,
  request: { trustAllTools: boolean; doNotLearn: boolean; dryRun: boolean },
  resolved: { name: string; version: string },
  configuration: { buildCommand?: string; validationCommands: string[] },
): RunState {
  const now = new Date().toISOString();
  return {
    runId,
    status: 'starting',
    startedAt: now,
    updatedAt: now,
    repository: location.path,
    repoRoot: location.root,
    scope: location.scope,
    worktree,
    branch,
    baseCommit: location.head,
    headCommit: location.head,
    options: {
      trustAllTools: request.trustAllTools,
      doNotLearn: request.doNotLearn,
      buildCommand: configuration.buildCommand,
      validationCommands: configuration.validationCommands,
    },
    steps: [],
    phaseBuilds: [],
    findings: [],
    dependenciesInstalled: false,
    request: {
      transformationName: resolved.name,
      transformationVersion: resolved.version,
      codeRepositoryPath: location.path,
      dryRun: request.dryRun,
    },
  };
}
