// What listings (`atx custom def list`) say of a definition: one line, and its category.
import { markdownToLine } from './markdown.js';
// Words ending in a period that do not end a sentence.
const abbreviations = /(?:^|\s)(?:e\.g|i\.e|etc|vs|cf|approx|incl)\.$/i;
export function definitionDescription(d) {
    if (d.frontMatter?.description)
        return d.frontMatter.description.replace(/\s+/g, ' ').trim();
    return firstSentence(markdownToLine(d.objective));
}
/** The category the definition gives itself (SKILL.md front matter); a definition that gives none remediates. */
export function definitionCategory(d) {
    return d.frontMatter?.category ?? 'remediation';
}
function firstSentence(text) {
    // A sentence ends at . ! or ? followed by a space and not part of "e.g." or a version like 1.2.
    const ends = /[.!?](?=\s|$)/g;
    for (let m = ends.exec(text); m; m = ends.exec(text)) {
        const candidate = text.slice(0, m.index + 1);
        if (!abbreviations.test(candidate))
            return candidate;
    }
    return text;
}
