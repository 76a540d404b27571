// The durable state of a run, checkpointed after every step: ATX_HOME/runs/<runId>/state.json.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { UsageError } from '../errors.js';
import { exists, readJson, writeJson } from '../util/fs.js';
import { runDir, runsDir } from './paths.js';

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
});
export type StepState = z.infer<typeof StepStateSchema>;

export const RunStateSchema = z.object({
  runId: z.string(),
  status: z.enum(['planned', 'running', 'interrupted', 'completed']),
  startedAt: z.string(),
  updatedAt: z.string(),
  repository: z.string(),
  repoRoot: z.string(),
  scope: z.string(),
  worktree: z.string(),
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
});
export type RunState = z.infer<typeof RunStateSchema>;

export function statePath(atxHome: string, runId: string): string {
  return join(runDir(atxHome, runId), 'state.json');
}

export async function saveState(atxHome: string, state: RunState): Promise<void> {
  await writeJson(statePath(atxHome, state.runId), { ...state, updatedAt: new Date().toISOString() });
}

export async function loadState(atxHome: string, runId: string): Promise<RunState> {
  const path = statePath(atxHome, runId);
  if (!(await exists(path))) throw new UsageError(`no run '${runId}' under ${runsDir(atxHome)}`);
  const parsed = RunStateSchema.safeParse(await readJson(path));
  if (!parsed.success) throw new UsageError(`run state ${path} is damaged: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
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
      if (state.status !== 'completed') return id;
    } catch {
      // A run folder without a readable state (a dry run, or one killed before planning) cannot be resumed.
    }
  }
  return undefined;
}
