// Raising a package.json's `typescript` (or another type package) to the lowest release that
// reads what the project now declares: the range keeps its operator and precision, only its
// version moves, and only up (https://docs.npmjs.com/cli/configuring-npm/package-json#dependencies).
import { ts } from '../../util/typescript.cjs';
import { applyEdits, lineAt } from '../runtime-upgrade/edits.js';
import { getProp, parseJson, rootObject, stringEdit, stringStart } from '../runtime-upgrade/json-doc.js';
import { majorMinor, minVersion, parseMajorMinor, type Version } from '../runtime-upgrade/version-numbers.js';

export const dependencyFields = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'];

/**
 * The newest patch of each TypeScript minor from 4.0 on (`npm view typescript versions`, read
 * 2026-12-02): an exact pin raised to a minor gets its last fixes, not its first release.
 */
export const TYPESCRIPT_NEWEST_PATCH: Readonly<Record<string, string>> = {
  '4.0': '4.0.8',
  '4.1': '4.1.6',
  '4.2': '4.2.4',
  '4.3': '4.3.5',
  '4.4': '4.4.4',
  '4.5': '4.5.5',
  '4.6': '4.6.4',
  '4.7': '4.7.4',
  '4.8': '4.8.4',
  '4.9': '4.9.5',
  '5.0': '5.0.4',
  '5.1': '5.1.6',
  '5.2': '5.2.2',
  '5.3': '5.3.3',
  '5.4': '5.4.5',
  '5.5': '5.5.4',
  '5.6': '5.6.3',
  '5.7': '5.7.3',
  '5.8': '5.8.3',
  '5.9': '5.9.3',
};

/** Something the project declares that needs a TypeScript release: `needs` is its major.minor. */
export interface TypeScriptNeed {
  needs: string;
  /** `@types/node "^24.0.0"`, for the finding. */
  why: string;
}

/** The most demanding of `needs`, or undefined when there are none. */
export function strictestNeed(needs: readonly TypeScriptNeed[]): TypeScriptNeed | undefined {
  return [...needs].sort((a, b) => parseMajorMinor(b.needs) - parseMajorMinor(a.needs))[0];
}

const simpleRange = /^(\s*)(>=|\^|~|=)?(\s*)v?(\d+)((?:\.(?:\d+|x|\*))*)(\s*)$/;

/**
 * `range` raised so that its lowest release is `version` (a full x.y.z): `^4.9.5` → `^5.6.3`,
 * `4.9` → `5.6`, `~4.9` → `~5.6`, `4.x` → `5.x`, `>=4` → `>=5`. Undefined for a compound range,
 * a tag or a path (a person raises those).
 */
export function raiseRange(range: string, version: string): string | undefined {
  const match = simpleRange.exec(range);
  if (!match) return undefined;
  const [, lead, op = '', gap, , rest, trail] = match;
  const parts = version.split('.');
  const precision = rest.split('.').filter(Boolean);
  const numeric = precision.filter((part) => /^\d+$/.test(part)).length;
  const kept = parts.slice(0, numeric + 1).join('.');
  const wildcards = precision
    .slice(numeric)
    .map((part) => `.${part}`)
    .join('');
  return `${lead}${op}${gap}${kept}${wildcards}${trail}`;
}

/** The version a raise to `needs` writes: the newest patch of that minor. */
export function releaseFor(needs: string): string {
  return TYPESCRIPT_NEWEST_PATCH[needs] ?? `${needs}.0`;
}

/** Whether TypeScript `version` reads what needs TypeScript `needs`. */
export function meets(version: Version, needs: string): boolean {
  return majorMinor(version) >= parseMajorMinor(needs);
}

/** A dependency's range as declared, with the 1-based line of its entry. */
export interface DeclaredRange {
  field: string;
  range: string;
  line: number;
}

function literalOf(text: string, file: string, name: string) {
  const json = parseJson(file, text);
  const root = json && rootObject(json);
  if (!json || !root) return undefined;
  for (const field of dependencyFields) {
    const value = getProp(getProp(root, field), name);
    if (value && ts.isStringLiteral(value)) return { json, field, literal: value };
  }
  return undefined;
}

/** Where a package.json declares `name`, or undefined. */
export function declaredRange(text: string, file: string, name: string): DeclaredRange | undefined {
  const found = literalOf(text, file, name);
  if (!found) return undefined;
  const { json, field, literal } = found;
  return { field, range: literal.text, line: lineAt(text, stringStart(json, literal)) };
}

/** `text` with the range of `name` replaced (every other byte kept), or undefined when it declares none. */
export function setRange(text: string, file: string, name: string, range: string): string | undefined {
  const found = literalOf(text, file, name);
  return found && applyEdits(text, [stringEdit(found.json, found.literal, range)]);
}

/** The lowest release a declared range installs, when it names one. */
export function lowestOf(range: string): Version | undefined {
  const lowest = minVersion(range);
  return lowest && lowest.some((part) => part > 0) ? lowest : undefined;
}
