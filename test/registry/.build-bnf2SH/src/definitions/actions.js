// What an atx block may say: a step's action (codemod or command) or an exit criterion's
// validator. Names are checked against the tables the executor and validators run from.
import { codemodNames, isCodemodName } from '../codemods/index.js';
import { isValidatorName, validatorNames } from '../validators/names.js';
import { fail, optionalBoolean, optionalMapping, optionalNumber, optionalText, optionalTextList, rejectUnknownKeys, } from './atx-block.js';
const codemodKeys = ['codemod', 'options', 'retries', 'dependsOn'];
const commandKeys = ['command', 'retries', 'dependsOn', 'timeoutSeconds', 'readOnly'];
const validatorKeys = ['validator', 'pattern', 'paths', 'command', 'options'];
export function stepActionOf(block) {
    const hasCodemod = block.values.has('codemod');
    const hasCommand = block.values.has('command');
    if (hasCodemod && hasCommand) {
        fail(block, 'command', "a step's atx block names either 'codemod' or 'command', not both; split it into two steps");
    }
    if (!hasCodemod && !hasCommand) {
        if (block.values.has('validator')) {
            fail(block, 'validator', "'validator' belongs in an exit criterion; a step's atx block needs 'codemod: NAME' or 'command: CMD'");
        }
        failAtBlock(block, "a step's atx block needs 'codemod: NAME' or 'command: CMD'");
    }
    const retries = optionalNumber(block, 'retries', { integer: true, min: 0, max: 10 });
    const dependsOn = optionalTextList(block, 'dependsOn');
    if (hasCodemod) {
        rejectUnknownKeys(block, codemodKeys, 'codemod');
        const codemod = optionalText(block, 'codemod');
        if (!isCodemodName(codemod)) {
            fail(block, 'codemod', `unknown codemod '${codemod}'; known: ${codemodNames.join(', ')}`);
        }
        const options = optionalMapping(block, 'options');
        return compact({ codemod, options, retries, dependsOn });
    }
    rejectUnknownKeys(block, commandKeys, 'command');
    const command = optionalText(block, 'command');
    const timeoutSeconds = optionalNumber(block, 'timeoutSeconds', { min: 0, minExclusive: true });
    const readOnly = optionalBoolean(block, 'readOnly');
    return compact({ command, retries, dependsOn, timeoutSeconds, readOnly });
}
export function validatorSpecOf(block) {
    if (!block.values.has('validator')) {
        if (block.values.has('codemod')) {
            fail(block, 'codemod', "'codemod' belongs in a step; an exit criterion's atx block needs 'validator: KIND'");
        }
        failAtBlock(block, `an exit criterion's atx block needs 'validator: KIND' (one of: ${validatorNames.join(', ')})`);
    }
    rejectUnknownKeys(block, validatorKeys, 'validator');
    const validator = optionalText(block, 'validator');
    if (!isValidatorName(validator)) {
        fail(block, 'validator', `unknown validator '${validator}'; known: ${validatorNames.join(', ')}`);
    }
    const pattern = optionalText(block, 'pattern');
    const paths = optionalTextList(block, 'paths');
    const command = optionalText(block, 'command');
    const options = optionalMapping(block, 'options');
    if (validator === 'no-match' && pattern === undefined) {
        fail(block, 'validator', "a 'no-match' validator needs 'pattern: TEXT' (and usually 'paths: [globs]')");
    }
    if (validator === 'command' && command === undefined) {
        fail(block, 'validator', "a 'command' validator needs 'command: CMD'");
    }
    return compact({ validator, pattern, paths, command, options });
}
function failAtBlock(block, reason) {
    return fail(block, '', reason);
}
/** Drop absent optional fields so values compare equal to ones built by hand. */
function compact(value) {
    for (const key of Object.keys(value))
        if (value[key] === undefined)
            delete value[key];
    return value;
}
