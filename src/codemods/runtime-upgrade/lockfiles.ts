// Which version of a package a lockfile installs for one package of the repository: npm
// (package-lock.json / npm-shrinkwrap.json, lockfileVersion 1, 2 and 3), Yarn (classic and
// Berry yarn.lock) and pnpm (pnpm-lock.yaml, with or without `importers`). Read as text; where a
// lockfile holds several versions and none is clearly the package's own, the lowest one is taken,
// which is the cautious answer for both questions asked of it (does the CDK have a member, can
// this TypeScript read these types).
import { parse } from 'yaml';
import { compareVersions, parseVersion, type Version } from './version-numbers.js';

export const lockfileNames = ['package-lock.json', 'npm-shrinkwrap.json', 'pnpm-lock.yaml', 'yarn.lock'] as const;

/**
 * The version of `name` that the lockfile (its base name and text) installs for the package in
 * folder `pkgDir`, relative to the lockfile's folder ('' for the same folder). `declared` is the
 * range that package asks for, when it names the dependency itself.
 */
export function lockedVersion(
  lockfile: string,
  text: string,
  pkgDir: string,
  name: string,
  declared?: string,
): Version | undefined {
  try {
    if (lockfile === 'yarn.lock') return yarnVersion(text, name, declared);
    if (lockfile === 'pnpm-lock.yaml') return pnpmVersion(parse(text) as unknown, pkgDir, name);
    return npmVersion(JSON.parse(text) as unknown, pkgDir, name);
  } catch {
    return undefined;
  }
}

function record(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** npm v2/v3 `packages` (nested `node_modules` first, then each folder up), else v1 `dependencies`. */
function npmVersion(lock: unknown, pkgDir: string, name: string): Version | undefined {
  const packages = record(record(lock)?.packages);
  if (packages) {
    const dirs = pkgDir.split('/').filter(Boolean);
    for (let depth = dirs.length; depth >= 0; depth--) {
      const prefix = dirs.slice(0, depth).join('/');
      const entry = record(packages[`${prefix ? `${prefix}/` : ''}node_modules/${name}`]);
      const version = typeof entry?.version === 'string' ? parseVersion(entry.version) : undefined;
      if (version) return version;
    }
    return undefined;
  }
  const entry = record(record(record(lock)?.dependencies)?.[name]);
  return typeof entry?.version === 'string' ? parseVersion(entry.version) : undefined;
}

/** pnpm: `importers['<dir>']` (workspaces, and every project since lockfile v9), else the top-level lists. */
function pnpmVersion(lock: unknown, pkgDir: string, name: string): Version | undefined {
  const root = record(lock);
  const importer =
    record(record(root?.importers)?.[pkgDir === '' ? '.' : pkgDir]) ?? (pkgDir === '' ? root : undefined);
  for (const field of ['dependencies', 'devDependencies', 'optionalDependencies']) {
    const entry = record(importer?.[field])?.[name];
    // `2.100.0`, `2.100.0_constructs@10.3.0` (v5), `{ specifier, version: '2.100.0(constructs@10.3.0)' }`
    // (v6+); not `link:`.
    const raw = typeof entry === 'string' ? entry : record(entry)?.version;
    const match = typeof raw === 'string' ? /^\d+\.\d+\.\d+/.exec(raw) : undefined;
    const version = match ? parseVersion(match[0]) : undefined;
    if (version) return version;
  }
  return undefined;
}

/** Yarn classic (`"a@^1", a@^1.2:` / `  version "1.2.3"`) and Berry (`"a@npm:^1":` / `  version: 1.2.3`). */
function yarnVersion(text: string, name: string, declared?: string): Version | undefined {
  const entries: { ranges: string[]; version: Version }[] = [];
  let ranges: string[] | undefined;
  for (const line of text.split(/\r?\n/)) {
    if (/^[^\s#].*:$/.test(line)) {
      ranges = line
        .slice(0, -1)
        .split(/,\s*/)
        .map((descriptor) => descriptor.replace(/^"|"$/g, ''))
        .filter(
          (descriptor) => descriptor.lastIndexOf('@') > 0 && descriptor.slice(0, descriptor.lastIndexOf('@')) === name,
        )
        .map((descriptor) => descriptor.slice(descriptor.lastIndexOf('@') + 1).replace(/^npm:/, ''));
      if (ranges.length === 0) ranges = undefined;
      continue;
    }
    const version = ranges && /^\s+version:?\s+"?([^"\s]+)"?\s*$/.exec(line);
    if (ranges && version) {
      const parsed = parseVersion(version[1]);
      if (parsed) entries.push({ ranges, version: parsed });
      ranges = undefined;
    }
  }
  const own = declared !== undefined ? entries.find((entry) => entry.ranges.includes(declared.trim())) : undefined;
  if (own) return own.version;
  return entries.map((entry) => entry.version).sort(compareVersions)[0];
}
