// Where the lines of a program embedded in a template or a CDK string sit in the host file, and
// how the converted program is written back: unchanged lines keep their bytes, changed and new
// lines are written in the host's own notation (indented block line, escaped string, array item).
import { diffArrays } from 'diff';
/**
 * The host edit that turns the embedded `before` into `after`, or a reason it cannot be written.
 * Lines `after` shares with `before` are copied byte for byte from the host.
 */
export function reembed(host, slots, before, after) {
    const oldLines = before.split('\n');
    const newLines = after.split('\n');
    if (oldLines.length !== slots.lines.length)
        return { problem: 'its lines could not be located in the file' };
    const from = new Array(newLines.length);
    let o = 0;
    let n = 0;
    for (const part of diffArrays(oldLines, newLines)) {
        const count = part.value.length;
        if (part.removed)
            o += count;
        else if (part.added)
            n += count;
        else
            for (let k = 0; k < count; k++)
                from[n++] = o++;
    }
    const start = slots.lines[0][0];
    const end = slots.lines[slots.lines.length - 1][1];
    let text = '';
    const lineStarts = [];
    for (let j = 0; j < newLines.length; j++) {
        const at = from[j];
        if (j > 0) {
            const prev = from[j - 1];
            if (prev !== undefined && at === prev + 1)
                text += host.slice(...slots.breaks[prev]);
            else if (slots.newBreak !== undefined)
                text += slots.newBreak;
            else
                return { problem: 'it would need a new line, which this kind of string cannot hold' };
        }
        lineStarts.push(start + text.length);
        if (at !== undefined) {
            text += host.slice(...slots.lines[at]);
        }
        else {
            const encoded = encodeLine(slots.flavor, newLines[j]);
            if (encoded === undefined)
                return { problem: 'a converted line cannot be written in this kind of string' };
            text += encoded;
        }
    }
    return { edit: { start, end, text }, lineStarts };
}
/** One line of code written in the host's notation (without the line break). */
export function encodeLine(flavor, line) {
    switch (flavor.kind) {
        case 'block':
            return line === '' ? '' : flavor.indent + line;
        case 'json':
        case 'yaml-double':
            return JSON.stringify(line).slice(1, -1);
        case 'yaml-single':
            return /[\x00-\x08\x0a-\x1f\x7f]/.test(line) ? undefined : line.replace(/'/g, "''");
        case 'plain':
            return line;
        case 'js-template':
            return line.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${').replace(/\r/g, '\\r');
        case 'js-quote':
            return line.replace(/[\\'"\x00-\x1f\u2028\u2029]/g, (c) => jsEscape(c, flavor.quote));
    }
}
const JS_ESCAPES = {
    '\\': '\\\\',
    '\b': '\\b',
    '\f': '\\f',
    '\n': '\\n',
    '\r': '\\r',
    '\t': '\\t',
    '\v': '\\v',
};
function jsEscape(c, quote) {
    if (c === quote)
        return `\\${c}`;
    if (c === "'" || c === '"')
        return c;
    return JS_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}
// A line break in the value, written as an escape: JSON/JS/YAML `\n`, JS/JSON `\u000a`, JS `\u{a}`, JS/YAML
// `\x0a`, YAML `\U0000000a`.
const NEWLINE_ESCAPE = /^\\(?:n|u000[aA]|u\{0*[aA]\}|x0[aA]|U0000000[aA])/;
/**
 * The line breaks of the value of a string whose text is host[start, end): escapes, and in a
 * template literal real line breaks. Undefined when any other notation holds a real line break
 * (YAML quoted and plain scalars fold it into a space; JS quotes and JSON do not allow one).
 */
export function escapedBreaks(host, start, end, flavor) {
    const template = flavor.kind === 'js-template';
    if (!template && /[\r\n]/.test(host.slice(start, end)))
        return undefined;
    const breaks = [];
    const escapes = flavor.kind !== 'yaml-single' && flavor.kind !== 'plain';
    for (let i = start; i < end; i++) {
        const c = host[i];
        if (c === '\n' || c === '\r') {
            const width = c === '\r' && host[i + 1] === '\n' ? 2 : 1;
            breaks.push([i, i + width]);
            i += width - 1;
        }
        else if (c === '\\' && escapes) {
            const escape = NEWLINE_ESCAPE.exec(host.slice(i, i + 11));
            if (escape)
                breaks.push([i, i + escape[0].length]);
            // Any other escape is one backslash and at least one character that is not a line break of the value
            // (a template's line continuation, backslash and CR LF, is two).
            i += escape ? escape[0].length - 1 : host[i + 1] === '\r' && host[i + 2] === '\n' ? 2 : 1;
        }
    }
    return breaks;
}
/** Slots of one string whose text (between its quotes) is host[start, end). */
export function stringSlots(host, start, end, flavor) {
    const breaks = escapedBreaks(host, start, end, flavor);
    if (!breaks)
        return undefined;
    return {
        lines: linesBetween(start, end, breaks),
        breaks,
        flavor,
        newBreak: mostCommon(host, breaks) ?? defaultBreak(flavor),
    };
}
/**
 * Slots of `Fn::Join` items, strings of one notation each host[start, end) between quotes: a
 * delimiter "\n" is a line break between items; with "" a line break that ends an item reaches
 * to the next item, so a new line is a new item too.
 */
export function joinSlots(host, items, delimiter, flavor) {
    if ((delimiter !== '\n' && delimiter !== '') || items.length === 0)
        return undefined;
    const breaks = [];
    const between = [];
    for (let k = 0; k < items.length; k++) {
        const [start, end] = items[k];
        const inside = escapedBreaks(host, start, end, flavor);
        if (!inside)
            return undefined;
        const next = items[k + 1];
        const last = inside[inside.length - 1];
        if (next && delimiter === '' && last && last[1] === end) {
            inside[inside.length - 1] = [last[0], next[0]];
            between.push(inside[inside.length - 1]);
        }
        breaks.push(...inside);
        if (next && delimiter === '\n') {
            breaks.push([end, next[0]]);
            between.push([end, next[0]]);
        }
    }
    // A new line becomes a new item, written like the items around it (a YAML comment is not copied).
    const newBreak = mostCommon(host, between.filter((span) => !host.slice(...span).includes('#'))) ??
        mostCommon(host, breaks) ??
        defaultBreak(flavor);
    return { lines: linesBetween(items[0][0], items[items.length - 1][1], breaks), breaks, flavor, newBreak };
}
/** Slots of a YAML block scalar's content lines host[start, …), one per value line. */
export function blockSlots(host, start, end, value) {
    const physical = [];
    for (let at = start;;) {
        const nl = host.indexOf('\n', at);
        if (nl === -1 || nl >= end) {
            physical.push([at, end]);
            break;
        }
        physical.push([at, nl]);
        at = nl + 1;
    }
    const valueLines = value.split('\n');
    if (valueLines.length > physical.length)
        return undefined;
    const first = physical.find(([s, e]) => host.slice(s, e).trim() !== '');
    const indent = first ? /^ */.exec(host.slice(...first))[0] : '';
    const lines = physical.slice(0, valueLines.length);
    for (let i = 0; i < lines.length; i++) {
        const raw = host.slice(...lines[i]);
        const content = raw.startsWith(indent) ? raw.slice(indent.length) : /^ *$/.test(raw) ? '' : undefined;
        if (content !== valueLines[i])
            return undefined;
    }
    const breaks = lines.slice(0, -1).map(([, e]) => [e, e + 1]);
    return { lines, breaks, flavor: { kind: 'block', indent }, newBreak: '\n' };
}
function linesBetween(start, end, breaks) {
    const lines = [];
    let at = start;
    for (const [s, e] of breaks) {
        lines.push([at, s]);
        at = e;
    }
    lines.push([at, end]);
    return lines;
}
function mostCommon(host, spans) {
    const counts = new Map();
    for (const span of spans) {
        const text = host.slice(...span);
        counts.set(text, (counts.get(text) ?? 0) + 1);
    }
    let best;
    for (const [text, count] of counts)
        if (best === undefined || count > counts.get(best))
            best = text;
    return best;
}
function defaultBreak(flavor) {
    if (flavor.kind === 'js-template' || flavor.kind === 'block')
        return '\n';
    if (flavor.kind === 'yaml-single' || flavor.kind === 'plain')
        return undefined;
    return '\\n';
}
