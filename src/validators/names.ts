// Validator kinds an exit criterion may name in its `atx` block.
import { nodejsTarget } from '../codemods/nodejs-runtime/family.js';
import { pythonTarget } from '../codemods/python-runtime/family.js';
import type { TargetFamily } from '../codemods/types.js';

export const validatorNames = [
  'build',
  'tests',
  'typecheck',
  'no-match',
  'node-runtime',
  'python-runtime',
  'command',
  'unbundled-sdk',
  'equivalence',
] as const;
export type ValidatorName = (typeof validatorNames)[number];

export function isValidatorName(name: string): name is ValidatorName {
  return (validatorNames as readonly string[]).includes(name);
}

/** The family of targets a validator checks against: a definition with such a criterion gets a target of that family. */
const targets: Partial<Record<ValidatorName, TargetFamily>> = {
  'node-runtime': nodejsTarget,
  'python-runtime': pythonTarget,
};

export function validatorTarget(name: string): TargetFamily | undefined {
  return isValidatorName(name) ? targets[name] : undefined;
}
