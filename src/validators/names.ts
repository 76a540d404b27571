// Validator kinds an exit criterion may name in its `atx` block.
export const validatorNames = ['build', 'tests', 'typecheck', 'no-match', 'node-runtime', 'command', 'unbundled-sdk'] as const;
export type ValidatorName = (typeof validatorNames)[number];

export function isValidatorName(name: string): name is ValidatorName {
  return (validatorNames as readonly string[]).includes(name);
}
