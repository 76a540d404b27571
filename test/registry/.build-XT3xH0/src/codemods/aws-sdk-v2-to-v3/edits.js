export class Edits {
    text;
    list = [];
    constructor(text) {
        this.text = text;
    }
    replace(start, end, text) {
        this.list.push({ start, end, text, seq: this.list.length });
    }
    insert(pos, text) {
        this.replace(pos, pos, text);
    }
    /** Replace a node's text (without its leading trivia). */
    replaceNode(node, text, sf) {
        this.replace(node.getStart(sf), node.getEnd(), text);
    }
    /** Remove a statement together with its line when it stands alone on it. */
    removeStatement(node, sf) {
        const [start, end] = wholeLines(this.text, node.getStart(sf), node.getEnd());
        // between two blank lines, take one of them too so no double gap is left
        // (at the top of the file, the gap after it alone)
        const gapAfter = end > node.getEnd() &&
            /^\r?\n/.test(this.text.slice(end)) &&
            (start === 0 || /\n\r?\n$/.test(this.text.slice(0, start)));
        this.replace(start, gapAfter ? end + (this.text[end] === '\r' ? 2 : 1) : end, '');
    }
    get size() {
        return this.list.length;
    }
    /** Apply all edits; overlapping replacements are a bug in the codemod, so they throw. */
    apply() {
        const sorted = [...this.list].sort((a, b) => a.start - b.start || a.end - b.end || a.seq - b.seq);
        let out = '';
        let pos = 0;
        for (const edit of sorted) {
            if (edit.start < pos)
                throw new Error(`aws-sdk-v2-to-v3: overlapping edits at ${edit.start}`);
            out += this.text.slice(pos, edit.start) + edit.text;
            pos = edit.end;
        }
        return out + this.text.slice(pos);
    }
}
/** Widen [start, end) to whole lines when only whitespace surrounds it on its lines. */
export function wholeLines(text, start, end) {
    let lineStart = start;
    while (lineStart > 0 && (text[lineStart - 1] === ' ' || text[lineStart - 1] === '\t'))
        lineStart--;
    let lineEnd = end;
    while (lineEnd < text.length && (text[lineEnd] === ' ' || text[lineEnd] === '\t'))
        lineEnd++;
    const startsLine = lineStart === 0 || text[lineStart - 1] === '\n';
    const endsLine = lineEnd === text.length || text[lineEnd] === '\n' || text[lineEnd] === '\r';
    if (!startsLine || !endsLine)
        return [start, end];
    if (text[lineEnd] === '\r')
        lineEnd++;
    if (text[lineEnd] === '\n')
        lineEnd++;
    return [lineStart, lineEnd];
}
/** Indentation of the line a position is on. */
export function indentAt(text, pos) {
    const lineStart = text.lastIndexOf('\n', pos - 1) + 1;
    return /^[ \t]*/.exec(text.slice(lineStart))[0];
}
export function lineOf(sf, pos) {
    return sf.getLineAndCharacterOfPosition(pos).line + 1;
}
