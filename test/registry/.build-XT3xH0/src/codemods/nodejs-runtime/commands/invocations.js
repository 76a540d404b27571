/** Commands that run the command that follows them, after assignments and their own options. */
const passThrough = new Set([
    'env',
    'cross-env',
    'cross-env-shell',
    'time',
    'exec',
    'nice',
    'nohup',
    'command',
    'sudo',
    'export',
]);
/** Runners that start node somewhere among their arguments. */
const runners = new Set(['c8', 'nyc', 'npx', 'dotenv', 'dotenv-cli']);
const keywords = new Set(['if', 'then', 'else', 'elif', 'do', 'while', 'until', '!', '{', '}']);
const assignment = /^([A-Za-z_]\w*)=/;
/** A command word without its folder: `/usr/bin/env` is `env`. */
function tool(word) {
    return word.expands ? '' : word.value.slice(word.value.lastIndexOf('/') + 1);
}
export function isNode(word) {
    return !word.expands && /(^|\/)(node|nodejs)(\.exe)?$/.test(word.value);
}
function isNpm(word) {
    return !word.expands && /(^|\/)npm(\.cmd)?$/.test(word.value);
}
export function findInvocations(command) {
    const { words } = command;
    const invocations = [];
    const nodeOptions = [];
    let i = 0;
    let exported = false;
    while (i < words.length) {
        const word = words[i];
        const name = assignment.exec(word.value);
        if (name) {
            if (name[1] === 'NODE_OPTIONS')
                nodeOptions.push({ word, valueStart: name[0].length });
            i++;
        }
        else if (keywords.has(word.value) || (passThrough.has(tool(word)) && !word.quoted)) {
            exported ||= word.value === 'export';
            i++;
        }
        else if (word.value.startsWith('-') && i > 0 && (passThrough.has(tool(words[i - 1])) || exported)) {
            i++;
        }
        else
            break;
    }
    if (exported || i >= words.length)
        return { invocations, nodeOptions };
    const head = words[i];
    if (isNode(head))
        invocations.push({ tool: 'node', words, at: i });
    else if (isNpm(head))
        invocations.push({ tool: 'npm', words, at: i });
    else if (runners.has(tool(head))) {
        const node = words.findIndex((word, index) => index > i && isNode(word));
        if (node !== -1)
            invocations.push({ tool: 'node', words, at: node });
    }
    return { invocations, nodeOptions };
}
