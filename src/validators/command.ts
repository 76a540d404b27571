// `validator: command` — any command the definition names, passed iff it exits 0. It is the
// definition's code: it runs only when the run allows it (-t, or the person's yes).
import { failed, trustedCheck } from './shell.js';
import type { Validator } from './types.js';

export const command: Validator = async (spec, ctx) => {
  const line = spec.command?.trim();
  if (!line) return failed('The criterion says `validator: command` but gives no `command`', {}, 'command');
  return trustedCheck(ctx, line);
};
