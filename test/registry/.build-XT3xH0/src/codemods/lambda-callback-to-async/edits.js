// Text edits on the original source. The codemod edits ranges of the text it parsed instead of
// printing an AST, so every byte it does not mean to change stays as the author wrote it.
export { applyEdits } from '../text-edits.js';
/** Where a position of the original text ends up once the edits are applied (a removed one: where the removal was). */
export function mapPosition(pos, edits) {
    const inside = edits.find((e) => e.start < pos && pos < e.end);
    const at = inside ? inside.start : pos;
    let shift = 0;
    for (const edit of edits) {
        if (edit.end <= at && edit !== inside)
            shift += edit.text.length - (edit.end - edit.start);
    }
    return at + shift;
}
export function lineOf(text, pos) {
    let line = 1;
    for (let i = text.indexOf('\n'); i !== -1 && i < pos; i = text.indexOf('\n', i + 1))
        line++;
    return line;
}
export function lineStart(text, pos) {
    return text.lastIndexOf('\n', pos - 1) + 1;
}
/** The whitespace that opens the line holding `pos`. */
export function indentAt(text, pos) {
    const start = lineStart(text, pos);
    return /^[ \t]*/.exec(text.slice(start))[0];
}
/**
 * Deletes the statement at [start, end): the whole line when nothing else is on it, otherwise
 * just the statement (and the blanks before it), so no empty line or stray indent is left.
 */
export function deleteStatement(text, start, end) {
    const from = lineStart(text, start);
    const before = text.slice(from, start);
    const newline = text.indexOf('\n', end);
    const after = text.slice(end, newline === -1 ? text.length : newline);
    // A comment that ends the line explains the statement, so it goes with it.
    if (/^[ \t]*$/.test(before) && /^[ \t]*(\/\/.*)?\r?$/.test(after)) {
        return { start: from, end: newline === -1 ? text.length : newline + 1, text: '' };
    }
    const spaceBefore = /[ \t]*$/.exec(before)[0].length;
    return { start: start - spaceBefore, end, text: '' };
}
