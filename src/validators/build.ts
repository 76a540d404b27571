// `validator: build` — the project still builds after the transformation.
import { buildOutputEvidence } from './build-outputs.js';
import { commandCheck, scopeDir, skipped } from './shell.js';
import type { Validator } from './types.js';

export const build: Validator = async (spec, ctx) => {
  // A command in the criterion itself wins over the run's -c.
  const command = spec.command?.trim() || ctx.buildCommand?.trim();
  if (!command) {
    return skipped('No build command: pass -c/--build-command or set buildCommand in the configuration', {}, 'command');
  }
  const result = await commandCheck(ctx, command);
  const metrics = await buildOutputEvidence(scopeDir(ctx));
  return { status: result.status, evidence: [...result.evidence, ...metrics] };
};
