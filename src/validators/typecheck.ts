// `validator: typecheck` — the TypeScript project still type-checks with its own compiler.
// That compiler comes from the project's node_modules: it runs only when the run allows it.
import { join } from 'node:path';
import { exists } from '../util/fs.js';
import { findLocalTypeScript } from './project.js';
import { commandCheck, notRun, scopeDir, shownCommand, skipped, type Program } from './shell.js';
import type { Validator } from './types.js';

export const typecheck: Validator = async (spec, ctx) => {
  const project = typeof spec.options?.project === 'string' ? spec.options.project : 'tsconfig.json';
  if (!(await exists(join(scopeDir(ctx), project)))) {
    return skipped(`No ${project} in ${ctx.scope || 'the repository root'}: nothing to type-check`, { file: project });
  }
  // Only the project's own compiler: a different TypeScript would report different errors,
  // and --no-install keeps npx from fetching one.
  const command: Program = { file: 'npx', args: ['--no-install', 'tsc', '--noEmit', '-p', project] };
  // Asked before looking for the compiler: a yes may install the dependencies first.
  const permission = await ctx.permit(shownCommand(command));
  if (!permission.granted) return notRun(shownCommand(command), permission.reason);
  if (!(await findLocalTypeScript(ctx))) {
    return skipped('TypeScript is not installed locally (node_modules/typescript): install dependencies first', {
      file: 'node_modules/typescript/package.json',
    });
  }
  const result = await commandCheck(ctx, command);
  return { status: result.status, evidence: result.evidence };
};
