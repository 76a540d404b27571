// learned-rewrite: replays people's manual fixes from earlier result branches (atx knowledge
// items learned by `atx custom def learn`, AWS Transform's "implicit feedback") as exact
// before/after text replacements, only where the "before" lines occur.
import { z } from 'zod';
import { UsageError } from '../../errors.js';
import { matchesGlob } from '../../util/glob.js';
import { applyPattern, RewritePatternSchema } from './pattern.js';
const OptionsSchema = z.object({
    patterns: z.array(RewritePatternSchema).min(1),
    /** The knowledge item the patterns come from, named in findings. */
    item: z.string().optional(),
});
function parseOptions(options) {
    const parsed = OptionsSchema.safeParse(options);
    if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new UsageError(`learned-rewrite: option ${issue?.path.join('.') || 'patterns'} ${issue?.message}; expected patterns: [{ files, before, after }]`);
    }
    return parsed.data;
}
function candidates(repo, options) {
    const { patterns } = parseOptions(options);
    return repo.files.filter((path) => patterns.some((p) => {
        if (!matchesGlob(p.files, path))
            return false;
        const text = repo.read(path);
        const { before } = inTextForm(p, text);
        return before !== '' && text.includes(before);
    }));
}
/**
 * Patterns are learned from files as git stores them; codemods see text without the byte-order
 * mark, and with LF for a CRLF file (the writer puts both back). A pattern meets the text in that form.
 */
function inTextForm(pattern, text) {
    const lf = !text.includes('\r\n');
    const form = (part) => {
        const bare = part.startsWith('\uFEFF') ? part.slice(1) : part;
        return lf ? bare.replaceAll('\r\n', '\n') : bare;
    };
    return { before: form(pattern.before), after: form(pattern.after) };
}
function applyAll(text, path, patterns) {
    let current = text;
    const lines = [];
    for (const pattern of patterns) {
        const form = inTextForm(pattern, current);
        if (!matchesGlob(pattern.files, path) || form.before === '')
            continue;
        const applied = applyPattern(current, form);
        current = applied.text;
        lines.push(...applied.lines);
    }
    return { text: current, lines };
}
function run(repo, options) {
    const { patterns, item } = parseOptions(options);
    const changes = new Map();
    const findings = [];
    const label = item ? `knowledge item ${item}` : 'a learned fix';
    for (const path of candidates(repo, options)) {
        const original = repo.read(path);
        const once = applyAll(original, path, patterns);
        if (once.text === original)
            continue;
        // Patterns that feed each other would change the file on every run: leave it to a person.
        if (applyAll(once.text, path, patterns).text !== once.text) {
            findings.push({
                file: path,
                line: once.lines[0] ?? 1,
                rule: 'atx/learned-rewrite-unsettled',
                message: `${label} would keep changing this file on every run; not applied`,
                severity: 'manual',
            });
            continue;
        }
        changes.set(path, once.text);
        findings.push({
            file: path,
            line: once.lines[0] ?? 1,
            rule: 'atx/learned-rewrite',
            message: `applied ${label} (${once.lines.length} place${once.lines.length === 1 ? '' : 's'}), learned from a person's fix on an earlier result branch`,
            severity: 'info',
        });
    }
    return { changes, findings };
}
export const codemod = {
    name: 'learned-rewrite',
    description: "replays a person's manual fix learned from an earlier run (exact before/after lines)",
    candidates,
    run,
};
