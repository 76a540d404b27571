// A learned rewrite pattern: whole lines as they read before a person's fix and after it, and
// how the learned-rewrite codemod applies one. Knowledge items carry these as their `rewrite` effect.
import { z } from 'zod';
export const RewritePatternSchema = z.object({
    /** Glob of scope-relative files the pattern applies to. */
    files: z.string().min(1),
    /** Whole lines, exactly as they read before the fix. */
    before: z.string().min(1),
    after: z.string(),
    /** The file it was learned from. */
    learnedFrom: z.string().optional(),
});
/** Offsets where `needle` starts a line of `text`. */
export function occurrences(text, needle) {
    const found = [];
    for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) {
        if (at === 0 || text[at - 1] === '\n')
            found.push(at);
    }
    return found;
}
/**
 * Replaces each line-anchored occurrence of `before` with `after`, except where the text
 * already reads `after` there (the fix was applied before), so applying twice changes nothing.
 */
export function applyPattern(text, pattern) {
    const { before, after } = pattern;
    const offsetsInAfter = [];
    for (let at = after.indexOf(before); at !== -1; at = after.indexOf(before, at + 1))
        offsetsInAfter.push(at);
    let out = '';
    let last = 0;
    const lines = [];
    for (const at of occurrences(text, before)) {
        if (at < last)
            continue;
        const done = offsetsInAfter.some((k) => at - k >= 0 && text.startsWith(after, at - k));
        if (done)
            continue;
        out += text.slice(last, at) + after;
        last = at + before.length;
        lines.push(text.slice(0, at).split('\n').length);
    }
    return { text: out + text.slice(last), lines };
}
