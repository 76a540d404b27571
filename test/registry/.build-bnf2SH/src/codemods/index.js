// The table of built-in codemods. Each is loaded only when a plan uses it, so startup stays
// light; what the planner and the knowledge rules need to know of one without running it (the
// family of targets it works towards, the options feedback can set) is declared here beside it.
import { sdkOptions } from './aws-sdk-v2-to-v3/options.js';
import { nodejsTarget } from './nodejs-runtime/family.js';
const table = {
    'lambda-callback-to-async': {
        load: async () => (await import('./lambda-callback-to-async/index.js')).codemod,
        target: nodejsTarget,
    },
    'nodejs-runtime-upgrade': {
        load: async () => (await import('./nodejs-runtime/index.js')).codemod,
        target: nodejsTarget,
    },
    'nodejs24-behaviour-check': {
        load: async () => (await import('./nodejs-runtime/behaviour-check.js')).codemod,
        target: nodejsTarget,
    },
    'nodejs-command-changes': {
        load: async () => (await import('./nodejs-runtime/commands/index.js')).codemod,
        target: nodejsTarget,
    },
    'aws-sdk-v2-to-v3': { load: async () => (await import('./aws-sdk-v2-to-v3/index.js')).codemod, options: sdkOptions },
    'lambda-fleet-inventory': {
        load: async () => (await import('./fleet-inventory/index.js')).codemod,
    },
    'learned-rewrite': { load: async () => (await import('./learned-rewrite/index.js')).codemod },
};
export const codemodNames = Object.keys(table);
export function isCodemodName(name) {
    return Object.hasOwn(table, name);
}
export async function loadCodemod(name) {
    return table[name].load();
}
/** The family of targets a codemod works towards, if it works towards one. */
export function codemodTarget(name) {
    return isCodemodName(name) ? table[name].target : undefined;
}
/** Every option a codemod declares that feedback can set, with the codemod's name. */
export function settableOptions() {
    return codemodNames.flatMap((codemod) => Object.entries(table[codemod].options ?? {}).map(([option, spec]) => ({ codemod, option, spec })));
}
