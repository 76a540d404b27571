// `validator: build` — the project still builds after the transformation. The build runs the
// repository's code (npm scripts), so it runs only when the run allows it.
import { buildOutputEvidence } from './build-outputs.js';
import { scopeDir, skipped, trustedCheck } from './shell.js';
import type { Validator } from './types.js';

export const build: Validator = async (spec, ctx) => {
  // A command in the criterion itself wins over the run's -c.
  const command = spec.command?.trim() || ctx.buildCommand?.trim();
  if (!command) {
    return skipped('No build command: pass -c/--build-command or set buildCommand in the configuration', {}, 'command');
  }
  const result = await trustedCheck(ctx, command);
  if (result.status === 'skipped') return result;
  const metrics = await buildOutputEvidence(scopeDir(ctx));
  return { status: result.status, evidence: [...result.evidence, ...metrics] };
};
