// The no-match pattern as a JavaScript RegExp, to test one line again once its comments are
// blanked out. git grep stays the judge of what matches: a pattern this cannot translate
// faithfully gives undefined, and its matches then count as they are.
import type { RegexMode } from './grep.js';

const posixClasses: Record<string, string> = {
  alpha: 'A-Za-z',
  digit: '0-9',
  alnum: '0-9A-Za-z',
  upper: 'A-Z',
  lower: 'a-z',
  space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~',
  xdigit: '0-9A-Fa-f',
  word: '\\w',
  cntrl: '\\x00-\\x1f\\x7f',
  print: ' -~',
  graph: '!-~',
};

// PCRE constructs JavaScript reads differently or not at all.
const perlOnly = /\\[KAzZhHRQEGXC]|\\x\{|\\g|\(\?[>|#]|\(\?-?[a-zA-Z]+(-[a-zA-Z]+)?[):]|\(\?[PR&\d+]|[*+?}]\+/;

export function lineRegExp(pattern: string, mode: RegexMode, ignoreCase: boolean): RegExp | undefined {
  const source = translate(pattern, mode);
  if (source === undefined) return undefined;
  const flags = (ignoreCase ? 'i' : '') + (/\\[pP]\{/.test(source) ? 'u' : '');
  try {
    return new RegExp(source, flags);
  } catch {
    return undefined;
  }
}

function translate(pattern: string, mode: RegexMode): string | undefined {
  if (mode === 'perl' && perlOnly.test(pattern.replace(/\\\\/g, ''))) return undefined;
  let out = '';
  for (let at = 0; at < pattern.length; at++) {
    const char = pattern[at]!;
    if (char === '\\') {
      const next = pattern[at + 1];
      if (next === undefined) return undefined;
      // GNU ERE's word edges; JavaScript has only \b for both.
      out += mode === 'extended' && (next === '<' || next === '>') ? '\\b' : `\\${next}`;
      at++;
    } else if (char === '[') {
      const bracket = translateBracket(pattern, at, mode);
      if (!bracket) return undefined;
      out += bracket.source;
      at = bracket.end;
    } else {
      out += char;
    }
  }
  return out;
}

/** A bracket expression from `start` (its `[`): its JavaScript form and the index of its `]`. */
function translateBracket(
  pattern: string,
  start: number,
  mode: RegexMode,
): { source: string; end: number } | undefined {
  let at = start + 1;
  let out = '[';
  if (pattern[at] === '^') {
    out += '^';
    at++;
  }
  // A `]` first in the list is a member.
  if (pattern[at] === ']') {
    out += '\\]';
    at++;
  }
  for (; at < pattern.length; at++) {
    const char = pattern[at]!;
    if (char === ']') return { source: `${out}]`, end: at };
    if (char === '[' && pattern[at + 1] === ':') {
      const close = pattern.indexOf(':]', at + 2);
      const members = close === -1 ? undefined : posixClasses[pattern.slice(at + 2, close)];
      if (members === undefined) return undefined;
      out += members;
      at = close + 1;
    } else if (char === '[' && (pattern[at + 1] === '.' || pattern[at + 1] === '=')) {
      return undefined;
    } else if (char === '\\') {
      // In POSIX brackets a backslash is itself; PCRE escapes as JavaScript does.
      if (mode === 'extended') out += '\\\\';
      else {
        const next = pattern[at + 1];
        if (next === undefined) return undefined;
        out += `\\${next}`;
        at++;
      }
    } else {
      out += char === '[' ? '\\[' : char;
    }
  }
  return undefined;
}
