/** A snippet that is the file's own text between `start` and `end`. */
export function plainSnippet(file, start, end, kind, cwd) {
    const text = file.slice(start, end);
    const starts = Array.from({ length: text.length }, (_, i) => start + i);
    return { text, starts, ends: starts.map((s) => s + 1), start, end, kind, cwd, encode: (t) => t, editable: true };
}
/** The snippet's edits as edits of the file. */
export function fileEdits(snippet, edits) {
    const at = (i) => (i < snippet.text.length ? snippet.starts[i] : snippet.end);
    return edits.map((edit) => ({
        start: at(edit.start),
        end: edit.end > edit.start ? snippet.ends[edit.end - 1] : at(edit.start),
        text: snippet.encode(edit.text),
    }));
}
/** File offset of a character of the snippet. */
export function fileOffset(snippet, index) {
    if (!snippet.editable)
        return snippet.start;
    return index < snippet.text.length ? snippet.starts[index] : snippet.end;
}
/** The characters of a JSON string literal's content (`start` after the opening quote), decoded. */
export function jsonStringSnippet(file, start, end, cwd) {
    let text = '';
    const starts = [];
    const ends = [];
    for (let i = start; i < end;) {
        const c = file[i];
        let length = 1;
        let ch = c;
        if (c === '\\') {
            const e = file[i + 1];
            if (e === 'u') {
                length = 6;
                ch = String.fromCharCode(Number.parseInt(file.slice(i + 2, i + 6), 16));
            }
            else {
                length = 2;
                ch = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' }[e] ?? e;
            }
        }
        text += ch;
        starts.push(i);
        ends.push(i + length);
        i += length;
    }
    const encode = (t) => JSON.stringify(t).slice(1, -1);
    return { text, starts, ends, start, end, kind: 'shell', cwd, encode, editable: true };
}
