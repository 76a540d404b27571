// Runs started from a conversation go through the same executor as `atx custom def exec`.
import { execDefinition, resumeRun, type ExecIO } from '../executor/index.js';
import type { RunSummary } from '../executor/summary.js';
import type { ApplyEffect } from './types.js';

/** The hooks the conversation gives a run: progress, plan review, confirmations, agent steps. */
export type RunHooks = Omit<ExecIO, 'cwd' | 'env' | 'signal'>;

export interface RunService {
  apply(effect: ApplyEffect, trustAllTools: boolean, hooks: RunHooks): Promise<RunSummary>;
  resume(runId: string, hooks: RunHooks): Promise<RunSummary>;
}

export function createRunService(env: NodeJS.ProcessEnv, cwd: string, signal?: AbortSignal): RunService {
  return {
    apply: (effect, trustAllTools, hooks) =>
      execDefinition(
        {
          codeRepositoryPath: effect.repo,
          transformationName: effect.name,
          transformationVersion: effect.version,
          buildCommand: effect.buildCommand,
          configuration: effect.configuration,
          nonInteractive: false,
          trustAllTools,
          doNotLearn: false,
          dryRun: false,
        },
        { ...hooks, cwd, env, signal },
      ),
    resume: (runId, hooks) => resumeRun(runId, { ...hooks, cwd, env, signal }),
  };
}
