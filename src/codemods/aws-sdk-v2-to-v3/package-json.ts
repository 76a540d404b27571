// package.json: add the @aws-sdk/* packages the converted code imports to the package that owns
// the code, in the sections where it declared `aws-sdk` (a library's peer dependency stays a peer
// dependency), and drop `aws-sdk` from every section once no file of that package still loads it.
// A file whose nearest package.json is not its package (a tooling-only root) gets a finding, not
// an edit. The lockfile is the package manager's job, later.
import { posix } from 'node:path';
import { versionOf } from './services.js';

const sections = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'] as const;
type Section = (typeof sections)[number];
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

function edit(section: Record<string, string>, add: string[], dropV2: boolean): Record<string, string> {
  const entries = { ...section };
  const sorted = isSorted(Object.keys(entries));
  for (const p of add) entries[p] ??= versionOf(p);
  if (dropV2) delete entries['aws-sdk'];
  const list = Object.entries(entries);
  if (sorted) list.sort(([a], [b]) => a.localeCompare(b));
  return Object.fromEntries(list);
}

/** New text for a manifest, or undefined when nothing changes. Throws on invalid JSON. */
export function updateManifest(text: string, add: Iterable<string>, removeV2: boolean): string | undefined {
  const json = JSON.parse(text) as Manifest;
  const homes = v2Sections(json);
  const present = new Set(sections.flatMap((s) => Object.keys(deps(json, s) ?? {})));
  const missing = [...new Set(add)].filter((p) => !present.has(p)).sort();
  const dropV2 = removeV2 && homes.length > 0;
  if (missing.length === 0 && !dropV2) return undefined;
  for (const home of homes.length ? homes : (['dependencies'] as const)) {
    json[home] = edit(deps(json, home) ?? {}, missing, dropV2);
  }
  const indent = /\n([ \t]+)"/.exec(text)?.[1] ?? '  ';
  return JSON.stringify(json, null, indent) + (text.endsWith('\n') ? '\n' : '');
}
