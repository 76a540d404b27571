// Settings of Python's configuration files read line by line, with offsets, so an edit touches
// only a value: TOML (`pyproject.toml`, `Pipfile`: `key = "value"`, `key = ['a', 'b']`, `key = 3.9`, under
// `[table]` headers) and INI (`setup.cfg`, `tox.ini`: `key = value`, continued on indented lines).
// Comments, spacing and quoting stay as written; forms outside these (dotted keys, inline
// tables) are not read.

export interface SettingItem {
  /** The item's text without quotes. */
  value: string;
  /** Offset of that text in the file. */
  start: number;
  end: number;
}

export interface Setting {
  /** `tool.ruff`, `project`, `testenv:py39`. */
  table: string;
  key: string;
  /** Offset of the key, for findings. */
  at: number;
  /** A string value (TOML: inside its quotes), when the value is one. */
  text?: SettingItem;
  /** The items of a list value (TOML array of strings; INI words separated by commas or lines). */
  items?: SettingItem[];
  /** A TOML value that is a bare decimal number (`python_version = 3.9`, read by TOML as a float). */
  number?: SettingItem;
}

const header = /^[ \t]*\[\[?\s*([^\]]+?)\s*\]\]?[ \t]*(?:[#;].*)?$/;

interface Line {
  text: string;
  start: number;
}

/** The file's lines without their `\r\n` or `\n`, so a CRLF file reads like any other. */
function lines(text: string): Line[] {
  const out: Line[] = [];
  let start = 0;
  for (const line of text.split('\n')) {
    out.push({ text: line.endsWith('\r') ? line.slice(0, -1) : line, start });
    start += line.length + 1;
  }
  return out;
}

/** TOML strings on one line, or an array of strings that may span lines. */
export function tomlSettings(text: string): Setting[] {
  const found: Setting[] = [];
  let table = '';
  const all = lines(text);
  for (let i = 0; i < all.length; i++) {
    const line = all[i];
    const head = header.exec(line.text);
    if (head) {
      table = head[1].replace(/\s*\.\s*/g, '.').replace(/["']/g, '');
      continue;
    }
    const pair = /^([ \t]*)(["']?)([\w.-]+)\2[ \t]*=[ \t]*/.exec(line.text);
    if (!pair) continue;
    const at = line.start + pair[1].length;
    const valueStart = line.start + pair[0].length;
    const rest = text.slice(valueStart);
    const string = /^("([^"\\\n]*)"|'([^'\n]*)')/.exec(rest);
    if (string) {
      const inner = string[2] ?? string[3];
      found.push({
        table,
        key: pair[3],
        at,
        text: { value: inner, start: valueStart + 1, end: valueStart + 1 + inner.length },
      });
      continue;
    }
    const number = /^\d+\.\d+(?=[ \t]*(?:#|$))/m.exec(rest);
    if (number) {
      const item = { value: number[0], start: valueStart, end: valueStart + number[0].length };
      found.push({ table, key: pair[3], at, number: item });
      continue;
    }
    if (!rest.startsWith('[')) continue;
    const close = arrayEnd(rest);
    if (close === undefined) continue;
    const items: SettingItem[] = [];
    for (const m of rest.slice(0, close).matchAll(/"([^"\\\n]*)"|'([^'\n]*)'/g)) {
      const inner = m[1] ?? m[2];
      items.push({ value: inner, start: valueStart + m.index + 1, end: valueStart + m.index + 1 + inner.length });
    }
    found.push({ table, key: pair[3], at, items });
    while (i + 1 < all.length && all[i + 1].start < valueStart + close) i++;
  }
  return found;
}

/** Offset of the `]` that closes the array `rest` starts with, skipping strings and comments. */
function arrayEnd(rest: string): number | undefined {
  let depth = 0;
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i];
    if (c === '"' || c === "'") {
      const end = rest.indexOf(c, i + 1);
      if (end === -1) return undefined;
      i = end;
    } else if (c === '#') {
      const end = rest.indexOf('\n', i);
      if (end === -1) return undefined;
      i = end;
    } else if (c === '[') depth++;
    else if (c === ']' && --depth === 0) return i;
  }
  return undefined;
}

/** INI values: the rest of the line (without an inline ` #`/` ;` comment) and indented lines after it. */
export function iniSettings(text: string): Setting[] {
  const found: Setting[] = [];
  let table = '';
  const all = lines(text);
  for (let i = 0; i < all.length; i++) {
    const line = all[i];
    const head = header.exec(line.text);
    if (head) {
      table = head[1];
      continue;
    }
    const pair = /^([\w.-]+)[ \t]*[=:][ \t]*/.exec(line.text);
    if (!pair) continue;
    const parts: Line[] = [{ text: line.text.slice(pair[0].length), start: line.start + pair[0].length }];
    while (i + 1 < all.length && /^[ \t]+\S/.test(all[i + 1].text) && !/^\s*[#;]/.test(all[i + 1].text)) {
      parts.push(all[++i]);
    }
    const items: SettingItem[] = [];
    for (const part of parts) {
      const body = part.text.replace(/(^|\s)[#;].*$/, '');
      for (const m of body.matchAll(/[^\s,]+/g))
        items.push({ value: m[0], start: part.start + m.index, end: part.start + m.index + m[0].length });
    }
    // A value on one line, whether after the key or alone on the next (`python_requires =\n    >=3.9`).
    const filled = parts.filter((part) => part.text.replace(/(^|\s)[#;].*$/, '').trim() !== '');
    const only = filled.length === 1 ? filled[0] : undefined;
    const lead = only ? /^\s*/.exec(only.text)![0].length : 0;
    const value = only?.text
      .slice(lead)
      .replace(/\s+[#;].*$/, '')
      .trimEnd();
    const text_ =
      only && value ? { value, start: only.start + lead, end: only.start + lead + value.length } : undefined;
    found.push({ table, key: pair[1], at: line.start, text: text_, items });
  }
  return found;
}
