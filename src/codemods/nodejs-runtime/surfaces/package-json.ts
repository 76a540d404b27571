// package.json: `engines.node`, `@types/node` and `@tsconfig/nodeNN` follow the target major
// (https://docs.npmjs.com/cli/configuring-npm/package-json#engines).
import { ts } from 'ts-morph';
import { applyEdits, type Edit } from '../edits.js';
import { getProp, parseJson, propertyName, rootObject, stringEdit, stringStart, type JsonFile } from '../json-doc.js';
import type { Surface, SurfaceContext } from '../surface.js';
import { baseName } from '../scope.js';
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
    const majors = [...literal.text.matchAll(/(?<![\d.])v?(\d+)(?=[.\s|]|$)/g)].map((m) => Number(m[1]));
    if (majors.length > 0 && Math.max(...majors) < ctx.target) {
      ctx.report(offset, 'manual-range', `${what} "${literal.text}" is a compound range; set it for Node.js ${ctx.target} by hand`, 'manual');
    }
    return undefined;
  }
  if (!ctx.shouldUpgrade(upgraded.major, offset, `${what} ${literal.text}`)) return undefined;
  return stringEdit(file, literal, upgraded.text);
}

function dependencyEdits(file: JsonFile, deps: ts.Expression | undefined, ctx: SurfaceContext): Edit[] {
  if (!deps || !ts.isObjectLiteralExpression(deps)) return [];
  const edits: Edit[] = [];
  for (const prop of deps.properties) {
    const name = propertyName(prop);
    if (!name || !ts.isPropertyAssignment(prop) || !ts.isStringLiteral(prop.initializer)) continue;
    if (name === '@types/node') {
      const edit = rangeEdit(file, prop.initializer, ctx, '@types/node');
      if (edit) edits.push(edit);
    }
    const base = /^@tsconfig\/node(\d+)$/.exec(name);
    if (base && ts.isStringLiteral(prop.name) && ctx.shouldUpgrade(Number(base[1]), stringStart(file, prop.name), name)) {
      edits.push(stringEdit(file, prop.name, `@tsconfig/node${ctx.target}`));
      const range = upgradeRange(prop.initializer.text, ctx.target);
      if (range) edits.push(stringEdit(file, prop.initializer, range.text));
    }
  }
  return edits;
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
    for (const field of dependencyFields) edits.push(...dependencyEdits(file, getProp(root, field), ctx));
    return applyEdits(text, edits);
  },
};
