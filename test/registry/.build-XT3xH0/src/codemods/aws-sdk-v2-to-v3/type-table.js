// Reads the generated table of v2 type names (types-data.ts, scripts/generate-sdk-types.mjs): what a
// name under a v2 service namespace, or under `AWS.DynamoDB.DocumentClient`, is in v3.
import { documentClientTypes, v2Types } from './types-data.js';
/** Key of the DocumentClient table, beside the v2 service class names. */
export const documentTable = 'DynamoDB.DocumentClient';
const natives = new Set(['string', 'number', 'boolean', 'Date', 'Uint8Array', 'Record']);
const tables = new Map();
function table(key) {
    let entries = tables.get(key);
    if (entries)
        return entries;
    const data = key === documentTable ? documentClientTypes : Object.hasOwn(v2Types, key) ? v2Types[key] : undefined;
    if (data === undefined)
        return undefined;
    entries = new Map();
    for (const entry of data.split(/\s+/)) {
        const m = /^(\w+)(.*)$/.exec(entry);
        if (m)
            entries.set(m[1], m[2]);
    }
    tables.set(key, entries);
    return entries;
}
/** `{T}` (a string-keyed map) becomes `Record<string, T>`, innermost first. */
function render(form) {
    let text = form;
    for (let prev = ''; prev !== text;) {
        prev = text;
        text = text.replace(/\{([^{}]*)\}/g, 'Record<string, $1>');
    }
    return text;
}
function fromTag(name, tag) {
    if (tag === '')
        return { kind: 'form', text: name, names: [name] };
    if (tag === '!')
        return undefined;
    if (tag[0] === '=') {
        const text = render(tag.slice(1));
        return { kind: 'form', text, names: (text.match(/\w+/g) ?? []).filter((n) => !natives.has(n)) };
    }
    const io = tag[0] === '<' ? 'Input' : 'Output';
    const op = tag.slice(1) || name.replace(io === 'Input' ? /(Request|Input)$/ : /(Output|Response)$/, '');
    return { kind: 'command', op, io };
}
/**
 * The v3 type for `name` of a v2 service class (or of `documentTable`); undefined when the table
 * does not cover the service, does not know the name, or knows that v3 has no such type.
 */
export function v3TypeOf(key, name) {
    const tag = table(key)?.get(name);
    return tag === undefined ? undefined : fromTag(name, tag);
}
