// package.json: add the @aws-sdk/* packages the converted code imports to the package that owns
// the code, in the sections where it declared `aws-sdk` (a library's peer dependency stays a peer
// dependency), and drop `aws-sdk` from every section once no file of that package still loads it.
// A file whose nearest package.json is not its package (a tooling-only root) gets a finding, not
// an edit. The lockfile is the package manager's job, later.
import { posix } from 'node:path';
import { ts } from '../../util/typescript.cjs';
import { parseJson, propertyName, rootObject, type JsonFile } from '../runtime-upgrade/json-doc.js';
import { Edits } from './edits.js';
import { versionOf } from './services.js';

const sections = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'] as const;
export type Section = (typeof sections)[number];
type Manifest = Record<string, unknown>;

/** The package.json that owns a file: the nearest one up its folders. */
export function owningManifest(file: string, manifests: ReadonlySet<string>): string | undefined {
  for (let dir = posix.dirname(file); ; dir = posix.dirname(dir)) {
    const candidate = dir === '.' ? 'package.json' : `${dir}/package.json`;
    if (manifests.has(candidate)) return candidate;
    if (dir === '.' || dir === '/' || dir === '') return undefined;
  }
}

function deps(json: Manifest, section: Section): Record<string, string> | undefined {
  const value = json[section];
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, string>) : undefined;
}

/** Sections that declare `aws-sdk`, in the order above. */
function v2Sections(json: Manifest): Section[] {
  return sections.filter((s) => deps(json, s)?.['aws-sdk'] !== undefined);
}

/**
 * Whether a manifest declares the dependencies of `file`: it names `aws-sdk`, or has runtime
 * dependencies, or sits in the file's own folder. A root that only holds tooling does not.
 * Throws on invalid JSON.
 */
export function declaresDependenciesOf(manifestPath: string, text: string, file: string): boolean {
  const json = JSON.parse(text) as Manifest;
  const own = posix.dirname(manifestPath) === posix.dirname(file);
  return own || v2Sections(json).length > 0 || deps(json, 'dependencies') !== undefined;
}

function isSorted(keys: string[]): boolean {
  return keys.every((k, i) => i === 0 || keys[i - 1].localeCompare(k) <= 0);
}

const lineIndent = (text: string, pos: number) => /^[ \t]*/.exec(text.slice(text.lastIndexOf('\n', pos - 1) + 1))![0];

/**
 * The section's new text: its entries as written, `aws-sdk` dropped, the new ones added (in order
 * when the section was sorted), one entry a line.
 */
function sectionText(
  file: JsonFile,
  node: ts.ObjectLiteralExpression | undefined,
  close: string,
  unit: string,
  add: string[],
  dropV2: boolean,
): string {
  const text = file.text;
  const entries = new Map<string, string>();
  for (const prop of node?.properties ?? []) {
    const name = propertyName(prop);
    if (name !== undefined && !(dropV2 && name === 'aws-sdk'))
      entries.set(name, text.slice(prop.getStart(file), prop.end));
  }
  const sorted = isSorted([...entries.keys()]);
  for (const p of add) if (!entries.has(p)) entries.set(p, `${JSON.stringify(p)}: ${JSON.stringify(versionOf(p))}`);
  const list = [...entries];
  if (sorted) list.sort(([a], [b]) => a.localeCompare(b));
  const first = node?.properties[0];
  const indent =
    first && text.lastIndexOf('\n', first.getStart(file)) > node!.getStart(file)
      ? lineIndent(text, first.getStart(file))
      : close + unit;
  if (!list.length) return '{}';
  return `{\n${list.map(([, entry]) => indent + entry).join(',\n')}\n${close}}`;
}

/**
 * New text for a manifest, or undefined when nothing changes. The packages go where `aws-sdk` was
 * declared, else to `dependencies`; `into` names the section instead (a package deployed with a
 * function that needs them at run time). Only the dependency sections it edits change; every
 * other byte stays. Throws on invalid JSON.
 */
export function updateManifest(
  text: string,
  add: Iterable<string>,
  removeV2: boolean,
  into?: Section,
): string | undefined {
  const json = JSON.parse(text) as Manifest;
  const homes = v2Sections(json);
  const present = new Set(sections.flatMap((s) => Object.keys(deps(json, s) ?? {})));
  const missing = [...new Set(add)].filter((p) => !present.has(p)).sort();
  const dropV2 = removeV2 && homes.length > 0;
  if (missing.length === 0 && !dropV2) return undefined;
  const file = parseJson('package.json', text);
  const root = file && rootObject(file);
  if (!root) throw new Error('package.json is not an object');
  const unit = /\n([ \t]+)"/.exec(text)?.[1] ?? '  ';
  const edits = new Edits(text);
  const targets: readonly Section[] = into ? [into] : homes.length ? homes : ['dependencies'];
  for (const home of new Set([...targets, ...(dropV2 ? homes : [])])) {
    const adds = targets.includes(home) ? missing : [];
    const drop = dropV2 && homes.includes(home);
    if (!adds.length && !drop) continue;
    const prop = root.properties.find((p) => propertyName(p) === home) as ts.PropertyAssignment | undefined;
    if (prop && ts.isObjectLiteralExpression(prop.initializer)) {
      const close = lineIndent(text, prop.getStart(file));
      const section = sectionText(file!, prop.initializer, close, unit, adds, drop);
      edits.replace(prop.initializer.getStart(file), prop.initializer.end, section);
    } else if (!prop) {
      const last = root.properties[root.properties.length - 1];
      const entry = `${JSON.stringify(home)}: ${sectionText(file!, undefined, unit, unit, adds, drop)}`;
      if (last) edits.insert(last.end, `,\n${unit}${entry}`);
      else edits.replace(root.getStart(file), root.end, `{\n${unit}${entry}\n}`);
    }
  }
  return edits.apply();
}
