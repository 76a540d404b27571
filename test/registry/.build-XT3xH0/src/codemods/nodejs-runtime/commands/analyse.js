import { findInvocations } from './invocations.js';
import { nodeInvocation, nodeOptionsValue } from './node-rules.js';
import { NPM_CHANGES } from './npm-changes.js';
import { npmInvocation } from './npm-rules.js';
import { parseShell, shellWord } from './shell.js';
/** The text range of characters `from`–`to` of a word's value, when they are written contiguously. */
function valueRange(word, from, to) {
    if (from === to) {
        const at = from < word.offsets.length ? word.offsets[from] : (word.offsets.at(-1) ?? word.start - 1) + 1;
        return at === undefined ? undefined : { start: at, end: at };
    }
    for (let i = from + 1; i < to; i++)
        if (word.offsets[i] !== word.offsets[i - 1] + 1)
            return undefined;
    return { start: word.offsets[from], end: word.offsets[to - 1] + 1 };
}
function toEdit(change, quote) {
    switch (change.kind) {
        case 'remove':
            return { start: change.prev.end, end: change.words.at(-1).end, text: '' };
        case 'replace':
            return { start: change.word.start, end: change.word.end, text: quote(change.values) };
        case 'splice': {
            const range = valueRange(change.word, change.from, change.to);
            return range && { ...range, text: change.text };
        }
    }
}
/** Edits for the changes; a change that cannot be written in place turns its note into a manual one. */
function write(analysis, quote) {
    const edits = [];
    const failed = new Set();
    for (const change of analysis.changes) {
        const edit = toEdit(change, quote);
        if (edit)
            edits.push(edit);
        else
            failed.add(change.note);
    }
    const notes = analysis.notes.map((n, index) => failed.has(index)
        ? {
            ...n,
            severity: 'manual',
            message: `not rewritten (the text cannot be edited in place): ${n.message}`,
        }
        : n);
    return { edits, notes };
}
function analyseCommands(commands, env) {
    const out = { changes: [], notes: [] };
    for (const command of commands) {
        const { invocations, nodeOptions } = findInvocations(command);
        for (const assignment of nodeOptions)
            nodeOptionsValue(assignment, env, out);
        for (const inv of invocations)
            (inv.tool === 'node' ? nodeInvocation : npmInvocation)(inv, env, out);
    }
    return out;
}
/** `$(npm bin)` (npm 9 removed the command): `$(npm root)/.bin` names the same folder in every npm. */
function npmBinSubstitutions(text, commands, env) {
    const result = { edits: [], notes: [] };
    const change = NPM_CHANGES.bin;
    if (!env.crossing.crossesNpm(change.npm))
        return result;
    const inWord = (at) => commands.some((command) => command.words.some((word) => word.start <= at && at < word.end));
    for (const match of text.matchAll(/\$(\$?)\(\s*npm\s+bin\s*\)|`\s*npm\s+bin\s*`/g)) {
        if (!inWord(match.index))
            continue;
        const replacement = match[0].startsWith('`') ? '`npm root`/.bin' : `$${match[1]}(npm root)/.bin`;
        result.edits.push({ start: match.index, end: match.index + match[0].length, text: replacement });
        result.notes.push({
            at: match.index,
            rule: `nodejs-commands/${change.id}`,
            message: `${match[0]} rewritten to ${replacement}: npm 9 removed \`npm bin\`, and \`npm root\` names the node_modules folder whose .bin it printed (${change.source})`,
            severity: 'info',
        });
    }
    return result;
}
/** A shell command text (script, `run:` step, RUN line, recipe). */
export function analyseShell(text, env) {
    const commands = parseShell(text);
    const written = write(analyseCommands(commands, env), (values) => values.map(shellWord).join(' '));
    const bins = npmBinSubstitutions(text, commands, env);
    return { edits: [...written.edits, ...bins.edits], notes: [...written.notes, ...bins.notes] };
}
/** An argument list run without a shell (Dockerfile exec form); words hold JSON string literals. */
export function analyseArgv(words, env) {
    return write(analyseCommands([{ words }], env), (values) => values.map((value) => JSON.stringify(value)).join(', '));
}
/** A NODE_OPTIONS value on its own (CI `env:` maps). */
export function analyseNodeOptions(text, env) {
    const out = { changes: [], notes: [] };
    const word = {
        start: 0,
        end: text.length,
        value: text,
        offsets: Array.from({ length: text.length }, (_, i) => i),
        expands: false,
        quoted: false,
    };
    nodeOptionsValue({ word, valueStart: 0 }, env, out);
    return write(out, (values) => values.join(' '));
}
