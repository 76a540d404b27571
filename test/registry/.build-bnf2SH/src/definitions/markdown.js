// Small helpers over the mdast tree of a definition: source slices, plain text, atx blocks.
// Text fields keep the author's markdown source, so we slice the document by node offsets
// instead of re-serialising the tree (which would rewrite emphasis, lists and escapes).
import { fromMarkdown } from 'mdast-util-from-markdown';
export function parseMarkdown(source) {
    return fromMarkdown(source);
}
export function startLine(node) {
    return node.position?.start.line ?? 1;
}
export function endLine(node) {
    return node.position?.end.line ?? startLine(node);
}
function startOffset(node) {
    return node.position?.start.offset ?? 0;
}
function endOffset(node) {
    return node.position?.end.offset ?? 0;
}
/** The source text from the start of `first` to the end of `last`. */
export function sliceSource(source, first, last = first) {
    return source.slice(startOffset(first), endOffset(last));
}
/**
 * The source of consecutive sibling nodes inside a list item, with the item's content
 * indentation removed from continuation lines, so the text reads as if it were top level.
 * Lines indented less than `indent` (lazy continuations) lose only the spaces they have.
 */
export function dedentedSource(source, nodes, indent) {
    if (nodes.length === 0)
        return '';
    const raw = sliceSource(source, nodes[0], nodes[nodes.length - 1]);
    const [first, ...rest] = raw.split('\n');
    const stripped = rest.map((line) => {
        let n = 0;
        while (n < indent && line[n] === ' ')
            n++;
        return line.slice(n);
    });
    return [first, ...stripped].join('\n').trim();
}
/** The column (0-based) where a list item's content starts: its continuation indentation. */
export function contentIndent(item) {
    const first = item.children[0];
    if (first?.position)
        return first.position.start.column - 1;
    return (item.position?.start.column ?? 1) + 1;
}
const blockContainers = new Set(['root', 'blockquote', 'list', 'listItem', 'table', 'tableRow']);
/** Plain text of a node (inline markup dropped), for matching headings and listings. */
export function plainText(node) {
    if ('value' in node && typeof node.value === 'string' && node.type !== 'html')
        return node.value;
    if (node.type === 'break')
        return '\n';
    if (!('children' in node))
        return '';
    // Block containers hold block children: keep them apart so words do not run together.
    const separator = blockContainers.has(node.type) ? '\n' : '';
    return node.children.map(plainText).join(separator);
}
/** The markdown source of a heading's content, without the `#` marks. */
export function headingSource(source, node) {
    if (!('children' in node) || node.children.length === 0)
        return '';
    const kids = node.children;
    return sliceSource(source, kids[0], kids[kids.length - 1]).trim();
}
export function isAtxBlock(node) {
    return node.type === 'code' && (node.lang ?? '').toLowerCase() === 'atx';
}
/** Every `atx` code block anywhere under `node` (including `node` itself). */
export function findAtxBlocks(node) {
    if (isAtxBlock(node))
        return [node];
    if (!('children' in node))
        return [];
    return node.children.flatMap(findAtxBlocks);
}
/** Markdown parsed standalone and reduced to one line of plain text. */
export function markdownToLine(markdown) {
    return plainText(parseMarkdown(markdown)).replace(/\s+/g, ' ').trim();
}
