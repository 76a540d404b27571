const doubleEscapes = {
    '\\': '\\',
    '"': '"',
    '/': '/',
    n: '\n',
    t: '\t',
    '\t': '\t',
    r: '\r',
    '0': '\0',
    a: '\x07',
    b: '\b',
    e: '\x1b',
    f: '\f',
    v: '\v',
    ' ': ' ',
};
function mapDouble(file, start, end) {
    const out = { text: '', starts: [], ends: [] };
    for (let i = start; i < end;) {
        let length = 1;
        let ch = file[i];
        if (ch === '\\') {
            const e = file[i + 1];
            const hex = { x: 2, u: 4, U: 8 }[e];
            if (hex) {
                length = 2 + hex;
                ch = String.fromCodePoint(Number.parseInt(file.slice(i + 2, i + 2 + hex), 16));
            }
            else if (doubleEscapes[e] !== undefined) {
                length = 2;
                ch = doubleEscapes[e];
            }
            else
                return undefined;
        }
        out.text += ch;
        out.starts.push(i);
        out.ends.push(i + length);
        i += length;
    }
    return out;
}
function mapSingle(file, start, end) {
    const out = { text: '', starts: [], ends: [] };
    for (let i = start; i < end;) {
        const length = file[i] === "'" && file[i + 1] === "'" ? 2 : 1;
        out.text += file[i];
        out.starts.push(i);
        out.ends.push(i + length);
        i += length;
    }
    return out;
}
/** A literal block (`|`): its content lines without the block's indentation. */
function mapLiteral(file, start, end, value) {
    const headerEnd = file.indexOf('\n', start);
    if (headerEnd === -1 || headerEnd >= end)
        return undefined;
    const lines = [];
    for (let at = headerEnd + 1; at < end;) {
        const newline = file.indexOf('\n', at);
        const stop = newline === -1 || newline > end ? end : newline;
        lines.push({ at, line: file.slice(at, stop) });
        at = stop + 1;
    }
    const first = lines.find(({ line }) => line.trim() !== '');
    if (!first)
        return undefined;
    const indent = /^ */.exec(first.line)[0].length - /^ */.exec(value)[0].length;
    const out = { text: '', starts: [], ends: [] };
    for (const { at, line } of lines) {
        for (let i = indent; i < line.length; i++) {
            out.text += line[i];
            out.starts.push(at + i);
            out.ends.push(at + i + 1);
        }
        if (at + line.length < end) {
            out.text += '\n';
            out.starts.push(at + line.length);
            out.ends.push(at + line.length + 1);
        }
    }
    return out;
}
const chomped = (text) => text.replace(/\n+$/, '');
export function scalarSnippet(file, node, kind, cwd) {
    const [start, end] = node.range;
    const value = String(node.value);
    const raw = file.slice(start, end);
    let mapped;
    let encode = (text) => text;
    if (node.type === 'PLAIN' && !raw.includes('\n')) {
        const starts = Array.from({ length: raw.length }, (_, i) => start + i);
        mapped = { text: raw, starts, ends: starts.map((s) => s + 1) };
    }
    else if (node.type === 'QUOTE_DOUBLE' && !raw.includes('\n')) {
        mapped = mapDouble(file, start + 1, end - 1);
        encode = (text) => text.replace(/(["\\])/g, '\\$1');
    }
    else if (node.type === 'QUOTE_SINGLE' && !raw.includes('\n')) {
        mapped = mapSingle(file, start + 1, end - 1);
        encode = (text) => text.replace(/'/g, "''");
    }
    else if (node.type === 'BLOCK_LITERAL')
        mapped = mapLiteral(file, start, end, value);
    if (!mapped || chomped(mapped.text) !== chomped(value)) {
        return { text: value, starts: [], ends: [], start, end, kind, cwd, encode, editable: false };
    }
    const flow = node.type === 'PLAIN' || node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
    return { ...mapped, start, end, kind, cwd, encode, editable: true, ...(flow ? { scalar: { start, end } } : {}) };
}
