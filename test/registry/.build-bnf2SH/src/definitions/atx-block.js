// Reading one ```atx block: YAML → a plain object, with the file line of every key so a
// mistake is reported where the author made it, not just where the block starts.
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import { DefinitionError } from '../errors.js';
export function readAtxBlock(code, file, source) {
    const line = code.position?.start.line ?? 1;
    requireClosingFence(code, file, source);
    const lineCounter = new LineCounter();
    const doc = parseDocument(code.value, { lineCounter, uniqueKeys: true });
    // Line 1 of the block's YAML is the line after the opening fence.
    const fileLine = (offset) => line + lineCounter.linePos(offset).line;
    const error = doc.errors[0];
    if (error) {
        const reason = error.message.split('\n')[0];
        throw new DefinitionError(file, fileLine(error.pos[0]), `atx block is not valid YAML: ${reason}`);
    }
    if (!isMap(doc.contents)) {
        const what = doc.contents === null ? 'empty' : 'not a mapping';
        throw new DefinitionError(file, line, `atx block is ${what}; write 'key: value' lines, e.g. 'codemod: NAME' or 'validator: build'`);
    }
    const values = new Map();
    const lines = new Map();
    for (const pair of doc.contents.items) {
        const keyNode = pair.key;
        const keyLine = fileLine(keyNode?.range?.[0] ?? 0);
        if (!isScalar(keyNode) || typeof keyNode.value !== 'string') {
            throw new DefinitionError(file, keyLine, 'atx block keys must be plain words');
        }
        values.set(keyNode.value, toValue(keyNode.value, pair.value));
        lines.set(keyNode.value, keyLine);
    }
    return { values, lineOf: (key) => lines.get(key) ?? line, line, file };
}
/** An unclosed fence swallows the rest of the document as YAML; say so instead. */
function requireClosingFence(code, file, source) {
    const text = source.slice(code.position?.start.offset ?? 0, code.position?.end.offset ?? 0);
    const lines = text.split('\n');
    const fence = /^\s*(`{3,}|~{3,})/.exec(lines[0])?.[1] ?? '```';
    const last = lines[lines.length - 1].trim();
    if (lines.length < 2 || !last.startsWith(fence) || last.replace(/[`~]/g, '') !== '') {
        throw new DefinitionError(file, code.position?.start.line, `atx block is never closed; add a '${fence}' line after its last line`);
    }
}
function toValue(key, node) {
    // `dependsOn: [1.10]` would read as the number 1.1; step ids are text, so keep the source.
    if (key === 'dependsOn' && isSeq(node)) {
        return node.items.map((item) => isScalar(item) ? (item.source ?? String(item.value)) : item.toJSON());
    }
    if (key === 'dependsOn' && isScalar(node) && typeof node.value === 'number')
        return node.source ?? String(node.value);
    return node === null ? null : node.toJSON();
}
/** Throw for the first key not in `allowed`, naming the ones that are. */
export function rejectUnknownKeys(block, allowed, kind) {
    for (const key of block.values.keys()) {
        if (!allowed.includes(key)) {
            throw new DefinitionError(block.file, block.lineOf(key), `unknown key '${key}' in ${kind} atx block; allowed: ${allowed.join(', ')}`);
        }
    }
}
export function fail(block, key, reason) {
    throw new DefinitionError(block.file, block.lineOf(key), reason);
}
export function optionalText(block, key) {
    if (!block.values.has(key))
        return undefined;
    const value = block.values.get(key);
    if (typeof value !== 'string' || value.trim() === '')
        fail(block, key, `'${key}' must be a non-empty text`);
    return value;
}
export function optionalTextList(block, key) {
    if (!block.values.has(key))
        return undefined;
    let value = block.values.get(key);
    if (typeof value === 'string')
        value = [value];
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || v === '')) {
        fail(block, key, `'${key}' must be a list of texts, e.g. ${key}: [a, b]`);
    }
    return value;
}
export function optionalBoolean(block, key) {
    if (!block.values.has(key))
        return undefined;
    const value = block.values.get(key);
    if (typeof value !== 'boolean')
        fail(block, key, `'${key}' must be true or false`);
    return value;
}
export function optionalMapping(block, key) {
    if (!block.values.has(key))
        return undefined;
    const value = block.values.get(key);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        fail(block, key, `'${key}' must be a mapping of 'name: value' lines`);
    }
    return value;
}
export function optionalNumber(block, key, check) {
    if (!block.values.has(key))
        return undefined;
    const value = block.values.get(key);
    const ok = typeof value === 'number' &&
        Number.isFinite(value) &&
        (!check.integer || Number.isInteger(value)) &&
        (check.minExclusive ? value > check.min : value >= check.min) &&
        (check.max === undefined || value <= check.max);
    if (!ok) {
        const kind = check.integer ? 'a whole number' : 'a number';
        const range = check.max === undefined
            ? `${check.minExclusive ? 'above' : 'at least'} ${check.min}`
            : `from ${check.min} to ${check.max}`;
        fail(block, key, `'${key}' must be ${kind} ${range}`);
    }
    return value;
}
