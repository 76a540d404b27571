// `validator: command` — any command the definition names, passed iff it exits 0.
import { commandCheck, failed } from './shell.js';
import type { Validator } from './types.js';

export const command: Validator = async (spec, ctx) => {
  const line = spec.command?.trim();
  if (!line) return failed('The criterion says `validator: command` but gives no `command`', {}, 'command');
  const result = await commandCheck(ctx, line);
  return { status: result.status, evidence: result.evidence };
};
