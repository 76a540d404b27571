// tsconfig `extends: "@tsconfig/node20/tsconfig.json"` follows the `@tsconfig/nodeNN` base
// package renamed in package.json (https://github.com/tsconfig/bases).
import { ts } from '../../../util/typescript.cjs';
import { applyEdits, type Edit } from '../../runtime-upgrade/edits.js';
import {
  getProp,
  parseJson,
  rootObject,
  stringEdit,
  stringStart,
  type JsonFile,
} from '../../runtime-upgrade/json-doc.js';
import type { Surface, SurfaceContext } from '../../runtime-upgrade/surface.js';
import { baseName } from '../../runtime-upgrade/scope.js';
import { tsconfigBaseMajor } from './package-json.js';

const base = /^@tsconfig\/node(\d+)(?=\/|$)/;

function extendsEdit(file: JsonFile, literal: ts.Node, ctx: SurfaceContext): Edit | undefined {
  if (!ts.isStringLiteral(literal)) return undefined;
  const match = base.exec(literal.text);
  // The same decision as the package.json that installs the base, from the same TypeScript.
  const major = match
    ? tsconfigBaseMajor(ctx, Number(match[1]), stringStart(file, literal), `extends ${literal.text}`)
    : undefined;
  return major === undefined
    ? undefined
    : stringEdit(file, literal, literal.text.replace(base, `@tsconfig/node${major}`));
}

export const tsconfig: Surface = {
  name: 'tsconfig',
  matches: (path, text) => /^(tsconfig.*|jsconfig)\.json$/i.test(baseName(path)) && text.includes('@tsconfig/node'),
  apply(text, ctx) {
    const file = parseJson(ctx.file, text);
    const root = file && rootObject(file);
    if (!file || !root) {
      ctx.report(0, 'parse-error', 'not valid JSON (with comments); left alone', 'warning');
      return text;
    }
    const value = getProp(root, 'extends');
    const literals = value && ts.isArrayLiteralExpression(value) ? [...value.elements] : value ? [value] : [];
    const edits = literals.map((literal) => extendsEdit(file, literal, ctx)).filter((e): e is Edit => !!e);
    return applyEdits(text, edits);
  },
};
