// The `##` sections of a definition and the heading spellings people actually write for them.
/** Canonical headings, in document order; renderDefinition writes exactly these. */
export const sectionHeadings = {
    objective: 'Objective',
    summary: 'Summary',
    entry: 'Entry Criteria',
    steps: 'Implementation Steps',
    guardrails: 'Constraints and Guardrails',
    exit: 'Validation / Exit Criteria',
};
export const requiredSections = ['objective', 'summary', 'steps', 'exit'];
// Keys are headings after normalise(): lower case, `&` read as "and", punctuation as spaces.
const variants = {
    objective: 'objective',
    objectives: 'objective',
    goal: 'objective',
    summary: 'summary',
    overview: 'summary',
    'entry criteria': 'entry',
    'entry criterion': 'entry',
    prerequisites: 'entry',
    'implementation steps': 'steps',
    implementation: 'steps',
    steps: 'steps',
    'constraints and guardrails': 'guardrails',
    'constraints guardrails': 'guardrails',
    'guardrails and constraints': 'guardrails',
    guardrails: 'guardrails',
    constraints: 'guardrails',
    'validation exit criteria': 'exit',
    'validation and exit criteria': 'exit',
    'validation or exit criteria': 'exit',
    'exit criteria': 'exit',
    'validation criteria': 'exit',
    validation: 'exit',
};
function normalise(heading) {
    return heading
        .toLowerCase()
        .replace(/&/g, ' and ')
        .replace(/[^a-z0-9]+/g, ' ')
        .trim();
}
export function sectionOf(heading) {
    return variants[normalise(heading)];
}
export function knownHeadings() {
    return Object.values(sectionHeadings)
        .map((h) => `'## ${h}'`)
        .join(', ');
}
/** `Phase 2: Upgrade` / `Phase 2 - Upgrade` / `Phase 2. Upgrade` / `Phase 2` → number and title. */
export function parsePhaseHeading(text) {
    const m = /^phase\s+(\d+)\s*(?:[:.\-–—)]\s*(.*))?$/is.exec(text.trim());
    if (!m)
        return undefined;
    return { number: Number(m[1]), title: (m[2] ?? '').trim() };
}
