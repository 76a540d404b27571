// List items of a section (steps, criteria, guardrails): the item's markdown text plus at
// most one atx block that says how to carry it out, check it, or which paths it protects.
import { DefinitionError } from '../errors.js';
import { contentIndent, dedentedSource, findAtxBlocks, isAtxBlock, sliceSource, startLine, } from './markdown.js';
/** One list item: its non-atx children as text, its direct atx child as the block. */
export function readListItem(item, ctx) {
    const line = startLine(item);
    const blocks = item.children.filter(isAtxBlock);
    const nested = findAtxBlocks(item).filter((code) => !blocks.includes(code));
    if (nested.length > 0) {
        throw new DefinitionError(ctx.file, startLine(nested[0]), `an atx block must sit directly under its ${ctx.kind}, indented like the ${ctx.kind}'s text`);
    }
    if (blocks.length > 0 && !ctx.allowAtx) {
        throw new DefinitionError(ctx.file, startLine(blocks[0]), notHere(ctx.kind));
    }
    if (blocks.length > 1) {
        throw new DefinitionError(ctx.file, startLine(blocks[1]), `a ${ctx.kind} carries at most one atx block (first at line ${startLine(blocks[0])}); split it into two ${plural(ctx.kind)}`);
    }
    const text = runs(item.children, (n) => !isAtxBlock(n))
        .map((run) => dedentedSource(ctx.source, run, contentIndent(item)))
        .filter((t) => t !== '')
        .join('\n\n');
    if (text === '') {
        throw new DefinitionError(ctx.file, line, `this ${ctx.kind} has no text; say in plain English what it does`);
    }
    return { text, atx: blocks[0], line };
}
/**
 * Items of a bullet section. A list gives one item per entry; in a section without a list,
 * each paragraph (or other block) counts as one item; an atx block written flush left right
 * after an item (a common indentation slip) belongs to that item.
 */
export function readItems(nodes, ctx) {
    const items = [];
    // Beside a list, a paragraph is an introduction, not an item, and there is no field for it.
    const hasList = nodes.some((node) => node.type === 'list');
    for (const node of nodes) {
        if (node.type === 'html')
            continue;
        if (node.type === 'list') {
            for (const item of node.children)
                items.push(readListItem(item, ctx));
        }
        else if (isAtxBlock(node)) {
            attachLooseBlock(items, node, ctx);
        }
        else {
            const nested = findAtxBlocks(node);
            if (nested.length > 0) {
                throw new DefinitionError(ctx.file, startLine(nested[0]), `an atx block must follow the ${ctx.kind} it belongs to`);
            }
            if (hasList) {
                throw new DefinitionError(ctx.file, startLine(node), `write each ${ctx.kind} as a list item; move other prose into the Summary`);
            }
            items.push({ text: sliceSource(ctx.source, node).trim(), line: startLine(node) });
        }
    }
    return items;
}
export function attachLooseBlock(items, code, ctx) {
    const previous = items[items.length - 1];
    if (!ctx.allowAtx) {
        throw new DefinitionError(ctx.file, startLine(code), notHere(ctx.kind));
    }
    if (!previous) {
        throw new DefinitionError(ctx.file, startLine(code), `this atx block has no ${ctx.kind} before it; put it under the ${ctx.kind} it belongs to`);
    }
    if (previous.atx) {
        throw new DefinitionError(ctx.file, startLine(code), `a ${ctx.kind} carries at most one atx block (first at line ${startLine(previous.atx)}); split it into two ${plural(ctx.kind)}`);
    }
    previous.atx = code;
}
export function notHere(kind) {
    return `atx blocks belong to steps, exit criteria and guardrails, not to ${/^[aeiou]/i.test(kind) ? 'an' : 'a'} ${kind}`;
}
function plural(kind) {
    return kind.endsWith('criterion') ? kind.replace(/criterion$/, 'criteria') : `${kind}s`;
}
/** Consecutive runs of nodes that satisfy `keep`, so each run is sliced from the source as one. */
export function runs(nodes, keep) {
    const out = [];
    let current = [];
    for (const node of nodes) {
        if (keep(node)) {
            current.push(node);
        }
        else if (current.length > 0) {
            out.push(current);
            current = [];
        }
    }
    if (current.length > 0)
        out.push(current);
    return out;
}
