// Validator kinds an exit criterion may name in its `atx` block.
import { nodejsTarget } from '../codemods/nodejs-runtime/family.js';
export const validatorNames = [
    'build',
    'tests',
    'typecheck',
    'no-match',
    'node-runtime',
    'command',
    'unbundled-sdk',
    'equivalence',
];
export function isValidatorName(name) {
    return validatorNames.includes(name);
}
/** The family of targets a validator checks against: a definition with such a criterion gets a target of that family. */
const targets = {
    'node-runtime': nodejsTarget,
};
export function validatorTarget(name) {
    return isValidatorName(name) ? targets[name] : undefined;
}
