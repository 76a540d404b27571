// package.json: `engines.node`, `@types/node` and `@tsconfig/nodeNN` follow the target major
// (https://docs.npmjs.com/cli/configuring-npm/package-json#engines); the two type packages only
// as far as the project's TypeScript reads them (typescript-support.ts).
import { ts } from '../../../util/typescript.cjs';
import { applyEdits, type Edit } from '../../runtime-upgrade/edits.js';
import {
  getProp,
  parseJson,
  propertyName,
  rootObject,
  stringEdit,
  stringStart,
  type JsonFile,
} from '../../runtime-upgrade/json-doc.js';
import type { Surface, SurfaceContext } from '../../runtime-upgrade/surface.js';
import { baseName } from '../../runtime-upgrade/scope.js';
import {
  highestReadable,
  rangeReach,
  tsconfigBaseNeeds,
  typescriptOf,
  typesNodeNeeds,
  type ProjectTypeScript,
} from '../typescript-support.js';
import { admitsMajor, majorMinor, minVersion, parseMajorMinor } from '../../runtime-upgrade/version-numbers.js';
import { parseVersionToken } from '../versions.js';

const dependencyFields = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'];

/** `>=20`, `^20.11.0`, `~20.1`, `20.x`: one comparator we can raise while keeping its shape. */
const simpleRange = /^(\s*)(>=|\^|~|=)?(\s*)([^\s<>=^~|]+)(\s*)$/;

/** Rewrites a one-comparator range to the target; undefined when it is not that simple. */
export function upgradeRange(range: string, target: number): { major: number; text: string } | undefined {
  const match = simpleRange.exec(range);
  const token = match && parseVersionToken(match[4]);
  if (!match || !token) return undefined;
  const [, lead, op = '', gap, , trail] = match;
  return { major: token.major, text: `${lead}${op}${gap}${token.render(target, 'keep')}${trail}` };
}

function rangeEdit(file: JsonFile, literal: ts.StringLiteral, ctx: SurfaceContext, what: string): Edit | undefined {
  const offset = stringStart(file, literal);
  const upgraded = upgradeRange(literal.text, ctx.target);
  if (!upgraded) {
    // A compound range that already admits the target stays; one that shuts it out is for a person.
    const lowest = minVersion(literal.text);
    if (lowest && lowest[0] >= 4 && what === 'engines.node') ctx.declares(lowest[0]);
    if (admitsMajor(literal.text, ctx.target) === false) {
      ctx.report(
        offset,
        'manual-range',
        `${what} "${literal.text}" is a compound range that does not admit Node.js ${ctx.target}; set it for Node.js ${ctx.target} by hand`,
        'manual',
      );
    }
    return undefined;
  }
  if (!ctx.shouldUpgrade(upgraded.major, offset, `${what} ${literal.text}`)) return undefined;
  return stringEdit(file, literal, upgraded.text);
}

/** Whether `typescript` reads what `needs` names (a TypeScript major.minor such as "5.6"). */
function reads(typescript: ProjectTypeScript, needs: string): boolean {
  return majorMinor(typescript.version) >= parseMajorMinor(needs);
}

/**
 * `@types/node`: the target major when the project's TypeScript reads it (or nothing says which
 * TypeScript the project has), else the newest even major it reads, else left; either way short
 * of the target is a finding.
 */
function typesNodeEdit(
  file: JsonFile,
  literal: ts.StringLiteral,
  ctx: SurfaceContext,
  typescript: ProjectTypeScript | undefined,
): Edit | undefined {
  const match = simpleRange.exec(literal.text);
  const token = match && parseVersionToken(match[4]);
  if (!match || !token || !typescript) return rangeEdit(file, literal, ctx, '@types/node');
  const offset = stringStart(file, literal);
  if (!ctx.shouldUpgrade(token.major, offset, `@types/node ${literal.text}`)) return undefined;
  const reach = rangeReach(match[2] ?? '', match[4]);
  const needs = typesNodeNeeds(ctx.target, reach);
  if (reads(typescript, needs)) return stringEdit(file, literal, upgradeRange(literal.text, ctx.target)!.text);
  const major = highestReadable(typescript.version, token.major, ctx.target, (m) => typesNodeNeeds(m, reach));
  const written = upgradeRange(literal.text, major ?? token.major)!.text;
  ctx.report(
    offset,
    'types-node-needs-typescript',
    `@types/node "${upgradeRange(literal.text, ctx.target)!.text}" needs TypeScript ${needs} or later, and the project has ${typescript.label}; ` +
      `${major ? `@types/node moves to "${written}", the newest it can read` : `@types/node stays "${literal.text}"`}. ` +
      `Upgrade TypeScript to ${needs} or later, then set @types/node to Node.js ${ctx.target}`,
    'manual',
  );
  return major ? stringEdit(file, literal, written) : undefined;
}

/**
 * The major a `@tsconfig/nodeNN` base moves to: the target, or the newest base the project's
 * TypeScript reads. Decided only with the whole repository, where tsconfig files (which extend
 * the base by name) reach the same answer from the same lockfile.
 */
export function tsconfigBaseMajor(
  ctx: SurfaceContext,
  current: number,
  offset: number,
  what: string,
): number | undefined {
  if (!ctx.shouldUpgrade(current, offset, what)) return undefined;
  const typescript = ctx.project && typescriptOf(ctx);
  const needs = tsconfigBaseNeeds(ctx.target);
  if (!typescript || reads(typescript, needs)) return ctx.target;
  const major = highestReadable(typescript.version, current, ctx.target, tsconfigBaseNeeds);
  ctx.report(
    offset,
    'tsconfig-base-needs-typescript',
    `@tsconfig/node${ctx.target} needs TypeScript ${needs} or later (its lib and target options), and the project has ${typescript.label}; ` +
      `${major ? `${what} moves to @tsconfig/node${major}, the newest it can read` : `${what} stays`}. ` +
      `Upgrade TypeScript to ${needs} or later, then move to @tsconfig/node${ctx.target}`,
    'manual',
  );
  return major;
}

function dependencyEdits(
  file: JsonFile,
  deps: ts.Expression | undefined,
  ctx: SurfaceContext,
  typescript: ProjectTypeScript | undefined,
): Edit[] {
  if (!deps || !ts.isObjectLiteralExpression(deps)) return [];
  const edits: Edit[] = [];
  for (const prop of deps.properties) {
    const name = propertyName(prop);
    if (!name || !ts.isPropertyAssignment(prop) || !ts.isStringLiteral(prop.initializer)) continue;
    if (name === '@types/node') {
      const edit = typesNodeEdit(file, prop.initializer, ctx, typescript);
      if (edit) edits.push(edit);
    }
    const base = /^@tsconfig\/node(\d+)$/.exec(name);
    if (!base || !ts.isStringLiteral(prop.name)) continue;
    const major = tsconfigBaseMajor(ctx, Number(base[1]), stringStart(file, prop.name), name);
    if (major === undefined) continue;
    edits.push(stringEdit(file, prop.name, `@tsconfig/node${major}`));
    const range = upgradeRange(prop.initializer.text, major);
    if (range) edits.push(stringEdit(file, prop.initializer, range.text));
  }
  return edits;
}

/** The range this package.json declares for TypeScript, if any. */
function ownTypeScriptRange(root: ts.ObjectLiteralExpression): string | undefined {
  for (const field of dependencyFields) {
    const range = getProp(getProp(root, field), 'typescript');
    if (range && ts.isStringLiteral(range)) return range.text;
  }
  return undefined;
}

export const packageJson: Surface = {
  name: 'package-json',
  matches: (path, text) => baseName(path) === 'package.json' && /"(node|@types\/node|@tsconfig\/node\d+)"/.test(text),
  apply(text, ctx) {
    const file = parseJson(ctx.file, text);
    const root = file && rootObject(file);
    if (!file || !root) {
      ctx.report(0, 'parse-error', 'not valid JSON; left alone', 'warning');
      return text;
    }
    const edits: Edit[] = [];
    const engine = getProp(getProp(root, 'engines'), 'node');
    if (engine && ts.isStringLiteral(engine)) {
      const edit = rangeEdit(file, engine, ctx, 'engines.node');
      if (edit) edits.push(edit);
    }
    const typescript = typescriptOf(ctx, ownTypeScriptRange(root));
    for (const field of dependencyFields) edits.push(...dependencyEdits(file, getProp(root, field), ctx, typescript));
    return applyEdits(text, edits);
  },
};
