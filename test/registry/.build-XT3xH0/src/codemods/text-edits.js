// Text edits spliced into the original source by offset. Codemods edit ranges of the text they
// parsed instead of printing a tree, so every byte they do not mean to change stays as written.
/**
 * Applies edits from the end of the text backwards. Zero-width inserts may share a position with
 * a replacement. Overlapping edits would corrupt the file: `throw` (a bug to report) or `skip`
 * (keep the one later in the text).
 */
export function applyEdits(text, edits, overlap = 'throw') {
    const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
    let out = text;
    let limit = Number.POSITIVE_INFINITY;
    for (const edit of sorted) {
        if (edit.end > limit) {
            if (overlap === 'skip')
                continue;
            throw new Error(`overlapping edits at ${edit.start}-${edit.end}`);
        }
        out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
        limit = edit.start;
    }
    return out;
}
