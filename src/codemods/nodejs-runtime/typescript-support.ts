// Which TypeScript can read the type packages the runtime upgrade moves. Types newer than the
// project's compiler do not parse (TS1005/TS1110 inside node_modules/@types/node), and a
// tsconfig base naming a `lib` or `target` the compiler does not know fails with TS6046; so
// `@types/node` and `@tsconfig/nodeNN` move only as far as the project's TypeScript reads.
import {
  formatVersion,
  majorMinor,
  minVersion,
  parseMajorMinor,
  type Version,
} from '../runtime-upgrade/version-numbers.js';
import type { SurfaceContext } from '../runtime-upgrade/surface.js';

/**
 * The oldest TypeScript each `@types/node` major supports, from the `typeScriptVersion` field
 * DefinitelyTyped publishes in every release's package.json (npm registry, `npm view
 * @types/node@N typeScriptVersion version`, read 2026-11-30). DefinitelyTyped raises it as
 * TypeScript versions leave its two-year support window, so within one major it depends on the
 * release: `exact` is N.0.0, `patches` the newest N.0.x, `latest` the newest N.x (10.17.60,
 * 12.20.55, 14.18.63, 16.18.126, 18.19.130, 20.19.43, 22.20.7, 24.19.4). `latest` only rises
 * over time; refresh these when a major gets a release with a higher field.
 */
export const TYPES_NODE_TYPESCRIPT: Readonly<Record<number, { exact: string; patches: string; latest: string }>> = {
  10: { exact: '2.0', patches: '2.0', latest: '3.5' },
  12: { exact: '2.0', patches: '2.0', latest: '3.9' },
  14: { exact: '2.9', patches: '3.0', latest: '4.5' },
  16: { exact: '3.6', patches: '3.6', latest: '5.0' },
  18: { exact: '4.0', patches: '4.0', latest: '5.2' },
  20: { exact: '4.3', patches: '4.3', latest: '5.3' },
  22: { exact: '4.8', patches: '4.8', latest: '5.6' },
  24: { exact: '5.1', patches: '5.1', latest: '5.6' },
};

/**
 * The oldest TypeScript that reads the newest release of each `@tsconfig/nodeNN` base (what a
 * `^NN` range installs), from its options (tsconfig/bases bases/nodeNN.json at 270039f) and the
 * TypeScript release that first accepted each: `module`/`moduleResolution: node16|nodenext` 4.7;
 * `lib: es2023` 5.0; `lib: es2024` 5.7 (microsoft/TypeScript#58573); `lib: ESNext.Error` 5.9
 * (@tsconfig/node24 24.0.4, tsconfig/bases#348, fails on 5.8.3).
 */
export const TSCONFIG_BASE_TYPESCRIPT: Readonly<Record<number, string>> = {
  12: '4.7',
  14: '4.7',
  16: '4.7',
  18: '5.0',
  20: '5.0',
  22: '5.7',
  24: '5.9',
};

/**
 * What a range written for another major installs of it: an exact pin (`16.0.0`), the newest
 * patch of N.0 (`~16.0.0`, `16.0`), the newest N.x (`^16.0.0`, `16.x`), or the newest of any
 * major (`>=16.0.0`), whichever the range's operator and precision say.
 */
export type RangeReach = 'exact' | 'patches' | 'latest' | 'open';

export function rangeReach(operator: string, token: string): RangeReach {
  const parts = token.replace(/^v/, '').split('.');
  const numeric = parts.filter((part) => /^\d+$/.test(part)).length;
  if (operator === '>=') return 'open';
  if (operator === '^' || numeric === 1) return 'latest';
  if (operator === '~' || numeric === 2) return 'patches';
  return numeric === 3 ? 'exact' : 'latest';
}

/** The reach of a declared range with one operator (`^18.0.0`, `~16.4`, `>=20`); `latest` for any other form. */
export function reachOf(range: string): RangeReach {
  const token = /^\s*(>=|\^|~|=)?\s*(\S+)\s*$/.exec(range);
  return token ? rangeReach(token[1] ?? '', token[2]) : 'latest';
}

const typesNodeMajors = Object.keys(TYPES_NODE_TYPESCRIPT)
  .map(Number)
  .sort((a, b) => a - b);

/** The TypeScript `@types/node` of `major` needs when written with `reach`; a major atx has no data on needs at least the newest known requirement. */
export function typesNodeNeeds(major: number, reach: RangeReach): string {
  const newest = TYPES_NODE_TYPESCRIPT[typesNodeMajors[typesNodeMajors.length - 1]].latest;
  const known = TYPES_NODE_TYPESCRIPT[major];
  if (!known || reach === 'open') return newest;
  return known[reach];
}

/** The TypeScript the newest `@tsconfig/node{major}` needs (the newest known requirement for a major atx has no data on). */
export function tsconfigBaseNeeds(major: number): string {
  const known = Object.keys(TSCONFIG_BASE_TYPESCRIPT).map(Number);
  return TSCONFIG_BASE_TYPESCRIPT[major] ?? TSCONFIG_BASE_TYPESCRIPT[Math.max(...known)];
}

/**
 * The highest even (LTS) major above `current` and at most `target` whose requirement
 * `typescript` meets, or undefined when none is. Odd majors are short-lived lines nobody deploys.
 */
export function highestReadable(
  typescript: Version,
  current: number,
  target: number,
  needs: (major: number) => string,
): number | undefined {
  const have = majorMinor(typescript);
  for (let major = target; major > current; major--) {
    if (major % 2 === 0 && parseMajorMinor(needs(major)) <= have) return major;
  }
  return undefined;
}

/** The project's TypeScript, as found, with where it was read for the finding. */
export interface ProjectTypeScript {
  version: Version;
  /** `TypeScript 3.7.7 (package-lock.json)`, `TypeScript ~3.7.2 (package.json)`. */
  label: string;
}

/**
 * The TypeScript of the package that owns `ctx.file`: resolved in its lockfile, else the lowest
 * version of the range its package.json (or one above it) declares. Without the repository,
 * only `ownRange` (the range this very file declares) is known.
 */
export function typescriptOf(ctx: SurfaceContext, ownRange?: string): ProjectTypeScript | undefined {
  // `*`, `x` and `>=0` admit 0.0.0, which says nothing: they install the newest TypeScript.
  const installed = ctx.project?.installedVersion(ctx.file, 'typescript');
  if (installed && installed.version.some((part) => part > 0)) {
    const shown = installed.source === 'lockfile' ? formatVersion(installed.version) : `"${installed.declared}"`;
    return { version: installed.version, label: `TypeScript ${shown} (${installed.file})` };
  }
  const lowest = ownRange !== undefined && !ctx.project ? minVersion(ownRange) : undefined;
  return lowest && lowest.some((part) => part > 0)
    ? { version: lowest, label: `TypeScript "${ownRange}" (${ctx.file})` }
    : undefined;
}
