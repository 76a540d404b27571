// parseDefinition: transformation_definition.md or SKILL.md → the typed Definition value.
// The markdown is parsed once with mdast-util-from-markdown; fields are sliced from the
// source by node positions, so they keep the author's markdown and errors get real lines.
import { basename } from 'node:path';
import { DefinitionError } from '../errors.js';
import { validatorSpecOf } from './actions.js';
import { readAtxBlock } from './atx-block.js';
import { splitFrontMatter } from './front-matter.js';
import { readItems } from './items.js';
import { findAtxBlocks, headingSource, parseMarkdown, plainText, sliceSource, startLine, } from './markdown.js';
import { knownHeadings, requiredSections, sectionHeadings, sectionOf } from './sections.js';
import { protectedGlobsOf } from './protect.js';
import { readPhases } from './steps.js';
import { DefinitionSchema } from './types.js';
export function parseDefinition(markdown, file) {
    const text = markdown.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
    const { frontMatter, body } = splitFrontMatter(text, file);
    if (!frontMatter && basename(file).toLowerCase() === 'skill.md') {
        throw new DefinitionError(file, 1, "SKILL.md starts with front matter: a '---' line, 'name: …', 'description: …', then '---'");
    }
    const layout = splitSections(parseMarkdown(body).children, body, file);
    const eof = lastLine(text);
    if (!layout.title)
        throw new DefinitionError(file, eof, "missing the title: start the definition with '# <Title>'");
    for (const id of requiredSections) {
        if (!layout.sections.has(id)) {
            throw new DefinitionError(file, eof, `missing required section '## ${sectionHeadings[id]}'`);
        }
    }
    const section = (id) => layout.sections.get(id) ?? { line: eof, nodes: [] };
    const guardrails = readItems(section('guardrails').nodes, { source: body, file, kind: 'guardrail', allowAtx: true });
    const protectedPaths = protections(guardrails, body, file);
    const definition = {
        format: frontMatter ? 'skill' : 'transformation_definition',
        ...(frontMatter ? { frontMatter } : {}),
        title: layout.title.text,
        objective: prose(section('objective'), 'objective', body, file),
        summary: prose(section('summary'), 'summary', body, file),
        entryCriteria: bullets(section('entry'), 'entry criterion', body, file),
        phases: readPhases(section('steps').nodes, body, file, section('steps').line),
        guardrails: guardrails.map((item) => item.text),
        ...(protectedPaths.length > 0 ? { protectedPaths } : {}),
        exitCriteria: exitCriteria(section('exit'), body, file),
    };
    const checked = DefinitionSchema.safeParse(definition);
    if (!checked.success) {
        throw new DefinitionError(file, undefined, `definition does not match the schema: ${checked.error.issues[0]?.message}`);
    }
    return definition;
}
/** Walk the top level once: the `#` title, then `##` sections with the blocks under each. */
function splitSections(nodes, source, file) {
    const layout = { sections: new Map() };
    let current;
    for (const node of nodes) {
        const line = startLine(node);
        if (node.type === 'heading' && node.depth === 1) {
            if (layout.title) {
                throw new DefinitionError(file, line, `a definition has one '# Title' (first at line ${layout.title.line}); use '##' or '###' here`);
            }
            layout.title = { text: headingSource(source, node), line };
            if (layout.title.text === '')
                throw new DefinitionError(file, line, "the title is empty; write '# <Title>'");
        }
        else if (node.type === 'heading' && node.depth === 2) {
            if (!layout.title)
                throw new DefinitionError(file, line, "expected the title '# <Title>' before the first section");
            current = startSection(node, line, layout, file);
        }
        else if (node.type === 'html' && !current) {
            continue; // an author's comment above the first section is not part of any field
        }
        else if (!current) {
            const where = layout.title
                ? 'between the title and the first section; move it into ## Objective or ## Summary'
                : "before the title '# <Title>'";
            throw new DefinitionError(file, line, `unexpected content ${where}`);
        }
        else {
            current.nodes.push(node);
        }
    }
    return layout;
}
function startSection(node, line, layout, file) {
    const heading = plainText(node).trim();
    const id = sectionOf(heading);
    if (!id)
        throw new DefinitionError(file, line, `unknown section '## ${heading}'; known sections: ${knownHeadings()}`);
    const first = layout.sections.get(id);
    if (first) {
        throw new DefinitionError(file, line, `duplicate section '## ${heading}' (first at line ${first.line}); merge the two`);
    }
    const section = { line, nodes: [] };
    layout.sections.set(id, section);
    return section;
}
function prose(section, name, source, file) {
    const { nodes } = section;
    for (const node of nodes) {
        const [block] = findAtxBlocks(node);
        if (block)
            throw new DefinitionError(file, startLine(block), `atx blocks belong to steps, exit criteria and guardrails, not to the ${name}`);
    }
    const text = nodes.length === 0 ? '' : sliceSource(source, nodes[0], nodes[nodes.length - 1]).trim();
    if (text === '')
        throw new DefinitionError(file, section.line, `the ${name} is empty; write a paragraph under the heading`);
    return text;
}
function bullets(section, kind, source, file) {
    return readItems(section.nodes, { source, file, kind, allowAtx: false }).map((item) => item.text);
}
/** Guardrails that carry `protect: [globs]`, by their position (from 1). */
function protections(guardrails, source, file) {
    return guardrails.flatMap((item, i) => item.atx ? [{ guardrail: i + 1, paths: protectedGlobsOf(readAtxBlock(item.atx, file, source)) }] : []);
}
function exitCriteria(section, source, file) {
    const items = readItems(section.nodes, { source, file, kind: 'exit criterion', allowAtx: true });
    if (items.length === 0) {
        throw new DefinitionError(file, section.line, 'no exit criteria; add at least one bullet saying how to tell the transformation worked');
    }
    return items.map((item, i) => {
        const criterion = { id: `exit-${i + 1}`, text: item.text };
        if (item.atx)
            criterion.validator = validatorSpecOf(readAtxBlock(item.atx, file, source));
        return criterion;
    });
}
/** The last line of the file (a final newline does not start a new line). */
function lastLine(text) {
    const lines = text.split('\n');
    return Math.max(1, text.endsWith('\n') ? lines.length - 1 : lines.length);
}
