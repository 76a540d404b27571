// A file's bytes as text a codemod can edit, and back to bytes, keeping what the codemod did not
// change: the UTF-8 byte-order mark and CRLF line endings. Bytes that are not UTF-8 are never
// decoded for writing (a round trip would turn every invalid byte into U+FFFD).
import { isUtf8 } from 'node:buffer';
const BOM = '\uFEFF';
/**
 * The text a codemod sees. A file whose only line breaks are CRLF is given with LF: codemods
 * and learned patterns work on LF text, and the round trip is exact because no bare LF existed.
 * A file with mixed line endings is given as it is.
 */
export function decodeText(bytes) {
    if (!isUtf8(bytes)) {
        return { ok: false, line: lineOfOffset(bytes, firstInvalidUtf8(bytes)), lossy: stripBom(bytes.toString('utf8')) };
    }
    const raw = bytes.toString('utf8');
    const bom = raw.startsWith(BOM);
    const text = bom ? raw.slice(1) : raw;
    const crlf = onlyCrlf(text);
    return { ok: true, text: crlf ? text.replaceAll('\r\n', '\n') : text, format: { bom, crlf } };
}
/** The text as it is stored: the mark put back, and CRLF for every line break of a CRLF file. */
export function encodeText(text, format) {
    const body = format.crlf ? text.replace(/\n/g, '\r\n') : text;
    return format.bom && !body.startsWith(BOM) ? BOM + body : body;
}
/** JSON.parse for a file's contents: a leading byte-order mark is not part of the JSON. */
export function parseJsonText(text) {
    return JSON.parse(stripBom(text));
}
export function stripBom(text) {
    return text.startsWith(BOM) ? text.slice(1) : text;
}
/** At least one CRLF and no LF without its CR. */
function onlyCrlf(text) {
    let crlf = false;
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) {
        if (text[at - 1] !== '\r')
            return false;
        crlf = true;
    }
    return crlf;
}
/** 1-based line of a byte offset. */
function lineOfOffset(bytes, offset) {
    let line = 1;
    for (let at = bytes.indexOf(0x0a); at !== -1 && at < offset; at = bytes.indexOf(0x0a, at + 1))
        line++;
    return line;
}
/**
 * Offset of the first byte that is not part of a well-formed UTF-8 sequence (RFC 3629: no
 * overlong forms, no surrogates, nothing above U+10FFFF), or the length when all are.
 */
export function firstInvalidUtf8(bytes) {
    let i = 0;
    while (i < bytes.length) {
        const b = bytes[i];
        if (b < 0x80) {
            i++;
            continue;
        }
        const [length, low, high] = b >= 0xc2 && b <= 0xdf
            ? [2, 0x80, 0xbf]
            : b === 0xe0
                ? [3, 0xa0, 0xbf]
                : b === 0xed
                    ? [3, 0x80, 0x9f]
                    : b >= 0xe1 && b <= 0xef
                        ? [3, 0x80, 0xbf]
                        : b === 0xf0
                            ? [4, 0x90, 0xbf]
                            : b === 0xf4
                                ? [4, 0x80, 0x8f]
                                : b >= 0xf1 && b <= 0xf3
                                    ? [4, 0x80, 0xbf]
                                    : [0, 0, 0];
        if (length === 0 || i + length > bytes.length)
            return i;
        // The second byte has a narrower range for E0, ED, F0 and F4; the rest are 80..BF.
        if (bytes[i + 1] < low || bytes[i + 1] > high)
            return i;
        for (let k = 2; k < length; k++)
            if (bytes[i + k] < 0x80 || bytes[i + k] > 0xbf)
                return i;
        i += length;
    }
    return bytes.length;
}
