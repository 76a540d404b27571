// The definitions atx ships (transformations/), parsed when atx is built: the build writes
// dist/definitions/shipped.json (scripts/shipped-definitions.mjs) with the parser of the same
// build, and a run of a shipped definition takes its parsed form from there instead of loading
// the markdown parser and parsing it again (a twentieth of a dry run). An entry is found by the
// exact text of the definition file (its SHA-256) and its kind, so an edited file is parsed like
// any other. Run from the TypeScript sources (the tests) there is no such file: everything is parsed.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Definition } from './types.js';

const TABLE = new URL('./shipped.json', import.meta.url);
let table: Readonly<Record<string, Definition>> | undefined;

/** The table's key of a definition file's text: its kind (SKILL.md or not) and SHA-256. */
export function shippedKey(text: string, file: string): string {
  const kind = basename(file).toLowerCase() === 'skill.md' ? 'skill' : 'definition';
  return `${kind}:${createHash('sha256').update(text).digest('hex')}`;
}

/** The parsed form of exactly this text, when atx shipped it (a copy the caller may change). */
export function shippedDefinition(text: string, file: string): Definition | undefined {
  table ??= readTable();
  const key = shippedKey(text, file);
  const found = Object.hasOwn(table, key) ? table[key] : undefined;
  return found && structuredClone(found);
}

function readTable(): Record<string, Definition> {
  try {
    return JSON.parse(readFileSync(TABLE, 'utf8')) as Record<string, Definition>;
  } catch {
    return {};
  }
}
