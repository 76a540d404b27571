// package.json: add the @aws-sdk/* packages the converted code imports, drop `aws-sdk` when no
// file of that package still needs it. The lockfile is the package manager's job, later.
import { posix } from 'node:path';
import { versionOf } from './services.js';

const sections = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'] as const;

/** The package.json that owns a file: the nearest one up its folders. */
export function owningManifest(file: string, manifests: ReadonlySet<string>): string | undefined {
  for (let dir = posix.dirname(file); ; dir = posix.dirname(dir)) {
    const candidate = dir === '.' ? 'package.json' : `${dir}/package.json`;
    if (manifests.has(candidate)) return candidate;
    if (dir === '.' || dir === '/' || dir === '') return undefined;
  }
}

function isSorted(keys: string[]): boolean {
  return keys.every((k, i) => i === 0 || keys[i - 1].localeCompare(k) <= 0);
}

/** New text for a manifest, or undefined when nothing changes. Throws on invalid JSON. */
export function updateManifest(text: string, add: Iterable<string>, removeV2: boolean): string | undefined {
  const json = JSON.parse(text) as Record<string, Record<string, string> | unknown>;
  const deps = (name: (typeof sections)[number]) => json[name] as Record<string, string> | undefined;
  const home = sections.find((s) => deps(s)?.['aws-sdk'] !== undefined) ?? 'dependencies';
  const present = new Set(sections.flatMap((s) => Object.keys(deps(s) ?? {})));
  const missing = [...new Set(add)].filter((p) => !present.has(p)).sort();
  const dropV2 = removeV2 && home !== undefined && deps(home)?.['aws-sdk'] !== undefined;
  if (missing.length === 0 && !dropV2) return undefined;
  const section = { ...(deps(home) ?? {}) };
  const sorted = isSorted(Object.keys(section));
  for (const p of missing) section[p] = versionOf(p);
  if (dropV2) delete section['aws-sdk'];
  const entries = Object.entries(section);
  if (sorted) entries.sort(([a], [b]) => a.localeCompare(b));
  json[home] = Object.fromEntries(entries);
  const indent = /\n([ \t]+)"/.exec(text)?.[1] ?? '  ';
  return JSON.stringify(json, null, indent) + (text.endsWith('\n') ? '\n' : '');
}
