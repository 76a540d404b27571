// The Implementation Steps section: `### Phase N: title` headings, each over a numbered
// list of steps. Step ids are `<phase number>.<position in the phase>`.
import { DefinitionError } from '../errors.js';
import { readAtxBlock } from './atx-block.js';
import { stepActionOf } from './actions.js';
import { attachLooseBlock, readListItem, runs } from './items.js';
import { headingSource, plainText, sliceSource, startLine } from './markdown.js';
import { parsePhaseHeading } from './sections.js';
export function readPhases(nodes, source, file, sectionLine) {
    const ctx = { source, file, kind: 'step', allowAtx: true };
    const raw = [];
    for (const node of nodes) {
        if (node.type === 'heading' && node.depth === 3) {
            raw.push(startPhase(node, source, file, raw));
            continue;
        }
        // Raw HTML (usually an author's comment) is not part of any field.
        if (node.type === 'html')
            continue;
        const phase = raw[raw.length - 1];
        if (!phase) {
            throw new DefinitionError(file, startLine(node), "steps go under a phase heading such as '### Phase 1: Prepare'");
        }
        if (node.type === 'list') {
            for (const item of node.children)
                phase.items.push(readListItem(item, ctx));
        }
        else if (node.type === 'code' && (node.lang ?? '').toLowerCase() === 'atx') {
            attachLooseBlock(phase.items, node, ctx);
        }
        else {
            phase.prose.push(node);
        }
    }
    if (raw.length === 0) {
        throw new DefinitionError(file, sectionLine, "'## Implementation Steps' has no phases; add '### Phase 1: <title>' with a numbered list of steps");
    }
    const phases = raw.map((p) => toPhase(p, source, file));
    checkDependencies(phases, raw, file);
    return phases;
}
function startPhase(node, source, file, seen) {
    const line = startLine(node);
    const parsed = parsePhaseHeading(headingSource(source, node)) ?? parsePhaseHeading(plainText(node));
    if (!parsed) {
        throw new DefinitionError(file, line, `expected a phase heading like '### Phase 1: Prepare', found '### ${plainText(node)}'`);
    }
    if (parsed.number < 1)
        throw new DefinitionError(file, line, 'phase numbers start at 1');
    const twin = seen.find((p) => p.number === parsed.number);
    if (twin) {
        throw new DefinitionError(file, line, `duplicate phase number ${parsed.number} (first at line ${twin.line}); step ids must be unique`);
    }
    return { ...parsed, line, items: [], prose: [] };
}
function toPhase(raw, source, file) {
    if (raw.items.length === 0) {
        throw new DefinitionError(file, raw.line, `Phase ${raw.number} has no steps; add a numbered list of steps under it`);
    }
    const steps = raw.items.map((item, i) => {
        const step = { id: `${raw.number}.${i + 1}`, text: item.text };
        if (item.atx)
            step.action = stepActionOf(readAtxBlock(item.atx, file, source));
        return step;
    });
    const phase = { number: raw.number, title: raw.title, steps };
    const description = runs(raw.prose, () => true)
        .map((run) => sliceSource(source, run[0], run[run.length - 1]).trim())
        .join('\n\n');
    if (description !== '')
        phase.description = description;
    return phase;
}
/** dependsOn must name other steps that exist, without cycles. */
function checkDependencies(phases, raw, file) {
    const steps = new Map();
    phases.forEach((phase, p) => phase.steps.forEach((step, s) => steps.set(step.id, { step, line: raw[p].items[s].line })));
    for (const { step, line } of steps.values()) {
        for (const dep of step.action?.dependsOn ?? []) {
            if (dep === step.id)
                throw new DefinitionError(file, line, `step ${step.id} depends on itself`);
            if (!steps.has(dep)) {
                throw new DefinitionError(file, line, `step ${step.id} depends on '${dep}', which is not a step id; ids are <phase>.<step>, e.g. 1.2`);
            }
        }
    }
    const state = new Map();
    const visit = (id, path) => {
        if (state.get(id) === 'done')
            return;
        if (state.get(id) === 'visiting') {
            const cycle = [...path.slice(path.indexOf(id)), id].join(' → ');
            throw new DefinitionError(file, steps.get(id)?.line, `steps depend on each other in a cycle: ${cycle}`);
        }
        state.set(id, 'visiting');
        for (const dep of steps.get(id)?.step.action?.dependsOn ?? [])
            visit(dep, [...path, id]);
        state.set(id, 'done');
    };
    for (const id of steps.keys())
        visit(id, []);
}
