// The little of semver the runtime upgrade needs to read a project's installed packages: a
// version's numbers, an order, and the lowest version a declared range admits
// (https://docs.npmjs.com/cli/v10/configuring-npm/package-json#dependencies). The `semver`
// package is not a dependency of atx, and these three questions do not justify one.

export type Version = readonly [number, number, number];

const exact = /^\s*[=v]*\s*(\d+)\.(\d+)\.(\d+)(?:[-+][0-9A-Za-z.+-]*)?\s*$/;

/** `2.100.0`, `v2.100.0`, `2.100.0-rc.1` (the prerelease is dropped); undefined otherwise. */
export function parseVersion(text: string): Version | undefined {
  const match = exact.exec(text);
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : undefined;
}

export function compareVersions(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

export function formatVersion(version: Version): string {
  return version.join('.');
}

/** One comparator's lower bound: `^1.2` → 1.2.0, `>1.2.3` → 1.2.4, `1.x` → 1.0.0, `<2` → 0.0.0. */
function lowerBound(comparator: string): Version | undefined {
  const match = /^(>=|<=|>|<|=|\^|~>?|v)?\s*v?(\d+|[xX*])(?:\.(\d+|[xX*]))?(?:\.(\d+|[xX*]))?(?:[-+][0-9A-Za-z.+-]*)?$/.exec(comparator);
  if (!match) return undefined;
  const [, op = '', ...parts] = match;
  if (op === '<' || op === '<=') return [0, 0, 0];
  const numbers = parts.map((part) => (part === undefined || /[xX*]/.test(part) ? undefined : Number(part)));
  const [major = 0, minor = 0, patch = 0] = numbers;
  if (numbers[0] === undefined) return [0, 0, 0];
  if (op === '>') {
    // `>1` means 2.0.0, `>1.2` means 1.3.0, `>1.2.3` means 1.2.4.
    if (numbers[1] === undefined) return [major + 1, 0, 0];
    if (numbers[2] === undefined) return [major, minor + 1, 0];
    return [major, minor, patch + 1];
  }
  return [major, minor, patch];
}

/**
 * The lowest version `range` admits (semver's `minVersion`), for the plain ranges package.json
 * files use: `^2.100.0`, `~3.7.2`, `>=2.50.0 <3`, `1.x`, `1.2.3 - 1.4`, `a || b`, `*` (0.0.0).
 * Undefined for tags (`latest`), paths, URLs, `workspace:`/`npm:` specifiers and typos.
 */
export function minVersion(range: string): Version | undefined {
  const trimmed = range.trim();
  if (trimmed === '' || trimmed === '*' || /^[xX]$/.test(trimmed)) return [0, 0, 0];
  let lowest: Version | undefined;
  for (const alternative of trimmed.split('||')) {
    const hyphen = /^\s*(\S+)\s+-\s+(\S+)\s*$/.exec(alternative);
    const comparators = hyphen ? [hyphen[1]] : alternative.trim().replace(/(>=|<=|>|<|=|\^|~>?)\s+/g, '$1').split(/\s+/);
    const bounds = comparators.map(lowerBound);
    if (bounds.length === 0 || bounds.some((bound) => bound === undefined)) return undefined;
    // Within one alternative every comparator must hold: the lowest admitted version is the highest lower bound.
    const bound = (bounds as Version[]).reduce((a, b) => (compareVersions(a, b) >= 0 ? a : b));
    if (!lowest || compareVersions(bound, lowest) < 0) lowest = bound;
  }
  return lowest;
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
