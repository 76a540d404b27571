// Version numbers of a project's packages as the runtime upgrade reads them: a version's numbers,
// their order, and the lowest version a declared range admits, answered by the `semver` package
// (npm's own reading of ranges: https://docs.npmjs.com/cli/v10/configuring-npm/package-json#dependencies).
import semver from 'semver';

export type Version = readonly [number, number, number];

/** `2.100.0`, `v2.100.0`, `2.100.0-rc.1` (the prerelease is dropped); undefined otherwise. */
export function parseVersion(text: string): Version | undefined {
  const parsed = semver.parse(text.trim(), { loose: true });
  return parsed ? [parsed.major, parsed.minor, parsed.patch] : undefined;
}

export function compareVersions(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

export function formatVersion(version: Version): string {
  return version.join('.');
}

/**
 * The lowest version `range` admits: `^2.100.0` → 2.100.0, `>1.2.3` → 1.2.4, `>=2.50.0 <3`,
 * `1.x`, `1.2.3 - 1.4`, `a || b`, `*` → 0.0.0. Undefined for tags (`latest`), paths, URLs,
 * `workspace:`/`npm:` specifiers and typos.
 */
export function minVersion(range: string): Version | undefined {
  try {
    const lowest =
      semver.validRange(range, { loose: true }) === null ? null : semver.minVersion(range, { loose: true });
    return lowest ? [lowest.major, lowest.minor, lowest.patch] : undefined;
  } catch {
    return undefined; // a range semver reads but no version satisfies (`>1 <1`)
  }
}

/**
 * Whether every release of Node.js `major` satisfies `range`: `>=18`, `^18 || >=20` and
 * `>=18 <25` admit 24; `>=18 <24`, `^18 || ^20` and `>=18 <24.5` do not (Lambda moves a function
 * to new minor releases on its own). Undefined when semver cannot read the range.
 */
export function admitsMajor(range: string, major: number): boolean | undefined {
  if (semver.validRange(range, { loose: true }) === null) return undefined;
  try {
    return semver.subset(`${major}.x`, range, { loose: true });
  } catch {
    return undefined;
  }
}

/** Major and minor of a version as a number that orders like the version (`3.7` → 3.007). */
export function majorMinor(version: Version): number {
  return version[0] + version[1] / 1000;
}

/** `"5.6"` → 5.006, the form `majorMinor` gives, for comparing with published requirements. */
export function parseMajorMinor(text: string): number {
  const [major, minor = '0'] = text.split('.');
  return Number(major) + Number(minor) / 1000;
}

/** Whether `version` satisfies `range`; true when semver cannot read the range (a tag, a path: nothing to hold it against). */
export function satisfiesRange(version: Version, range: string): boolean {
  if (semver.validRange(range, { loose: true }) === null) return true;
  return semver.satisfies(version.join('.'), range, { loose: true });
}
