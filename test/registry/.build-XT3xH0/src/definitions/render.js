// renderDefinition: the canonical markdown of a Definition. parseDefinition reads it back
// to an equal value, so a definition can be edited as data and written out for people.
import { Document, isScalar, visit } from 'yaml';
import { parseMarkdown } from './markdown.js';
import { sectionHeadings } from './sections.js';
export function renderDefinition(d) {
    if ((d.format === 'skill') !== (d.frontMatter !== undefined)) {
        throw new TypeError(`a definition in '${d.format}' format ${d.format === 'skill' ? 'needs' : 'cannot have'} front matter`);
    }
    const parts = [];
    if (d.frontMatter) {
        const { name, description, category } = d.frontMatter;
        parts.push(`---\n${yamlText({ name, description, ...(category ? { category } : {}) })}---`);
    }
    parts.push(`# ${d.title}`);
    parts.push(section('objective', d.objective));
    parts.push(section('summary', d.summary));
    if (d.entryCriteria.length > 0)
        parts.push(section('entry', bulletList(d.entryCriteria)));
    parts.push(section('steps', d.phases.map(renderPhase).join('\n\n')));
    if (d.guardrails.length > 0 || d.protectedPaths?.length)
        parts.push(section('guardrails', renderGuardrails(d)));
    parts.push(section('exit', renderExitCriteria(d.exitCriteria)));
    return `${parts.join('\n\n')}\n`;
}
function section(id, body) {
    return `## ${sectionHeadings[id]}\n\n${body}`;
}
function renderPhase(phase) {
    // Every list under a phase heading reads back as steps, so a list here would turn into steps.
    if (phase.description && parseMarkdown(phase.description).children.some((node) => node.type === 'list')) {
        throw new TypeError(`the description of phase ${phase.number} holds a list; lists under a phase are its steps`);
    }
    const heading = `### Phase ${phase.number}${phase.title ? `: ${phase.title}` : ''}`;
    const steps = phase.steps.map((step, i) => listItem(`${i + 1}.`, step.text, actionBlock(step))).join('\n\n');
    return [heading, phase.description, steps].filter((part) => part !== undefined && part !== '').join('\n\n');
}
function bulletList(items) {
    // Loose (blank-line separated) only when an item itself has several blocks.
    const separator = items.some((item) => item.includes('\n\n')) ? '\n\n' : '\n';
    return items.map((item) => listItem('-', item)).join(separator);
}
function renderGuardrails(d) {
    const blocks = new Map();
    for (const { guardrail, paths } of d.protectedPaths ?? []) {
        if (guardrail > d.guardrails.length || blocks.has(guardrail)) {
            throw new TypeError(`protectedPaths names guardrail ${guardrail} ${blocks.has(guardrail) ? 'twice' : `of ${d.guardrails.length}`}`);
        }
        // Quoted, as people write globs: a bare `*.js` would read as a YAML alias.
        blocks.set(guardrail, atxBlock({ protect: paths }, { quoteLists: true }));
    }
    if (blocks.size === 0)
        return bulletList(d.guardrails);
    // Loose, as exit criteria with blocks are: each guardrail and its block read as one item.
    return d.guardrails.map((text, i) => listItem('-', text, blocks.get(i + 1))).join('\n\n');
}
function renderExitCriteria(criteria) {
    const loose = criteria.some((c) => c.validator !== undefined || c.text.includes('\n\n'));
    const items = criteria.map((c) => listItem('-', c.text, c.validator ? atxBlock(validatorFields(c.validator)) : undefined));
    return items.join(loose ? '\n\n' : '\n');
}
/** A list item whose continuation lines (and atx block) are indented to the item's content. */
function listItem(marker, text, block) {
    const indent = ' '.repeat(marker.length + 1);
    const body = block ? `${text}\n${block}` : text;
    const lines = body.split('\n').map((line, i) => (i === 0 || line === '' ? line : indent + line));
    return `${marker} ${lines.join('\n')}`;
}
function actionBlock(step) {
    return step.action ? atxBlock(actionFields(step.action)) : undefined;
}
// Keys in the order a person would write them: what to run first, then the tuning.
function actionFields(action) {
    const order = ['codemod', 'command', 'readOnly', 'options', 'retries', 'timeoutSeconds', 'dependsOn'];
    return pick(action, order);
}
function validatorFields(spec) {
    return pick(spec, ['validator', 'pattern', 'paths', 'command', 'options']);
}
function pick(value, order) {
    const keys = [...order.filter((k) => k in value), ...Object.keys(value).filter((k) => !order.includes(k))];
    return Object.fromEntries(keys.filter((k) => value[k] !== undefined).map((k) => [k, value[k]]));
}
function atxBlock(fields, options = {}) {
    const body = yamlText(fields, options);
    // A fence longer than any backtick run inside keeps the block closed where we mean it to.
    const longest = Math.max(0, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
    const fence = '`'.repeat(Math.max(3, longest + 1));
    return `${fence}atx\n${body}${fence}`;
}
function yamlText(value, options = {}) {
    const doc = new Document(value);
    // Short lists of plain values read best on one line: `dependsOn: ["1.1", "1.2"]`.
    visit(doc, {
        Seq(_, node) {
            if (!node.items.every((item) => isScalar(item)))
                return;
            node.flow = true;
            if (options.quoteLists)
                for (const item of node.items)
                    if (isScalar(item) && typeof item.value === 'string')
                        item.type = 'QUOTE_DOUBLE';
        },
    });
    return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}
