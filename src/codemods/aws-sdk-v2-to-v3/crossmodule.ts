// How modules of the repository see each other: what a file imports from which repository module
// (import, require, import-equals, re-export), and which functions a module exports, so a client
// can be followed into the module it is exported, passed or returned to.
import { posix } from 'node:path';
import { ts } from '../../util/typescript.cjs';

/** One local name bound to another module's export; `whole` for `require(m)` and default imports. */
export interface ImportBinding {
  target: string;
  /** The exported name, `default`, or `*` for a namespace. */
  imported: string;
  local: string;
  whole: boolean;
  /** `export { x } from './m'`: `local` is the name this file exports it under. */
  reexport: boolean;
  /** The identifier that declares `local` (absent for re-exports). */
  node?: ts.Identifier;
  /** A `require`/`import()` of the module in a form not followed (`{ ...require('./m') }`): the call. */
  opaque?: ts.CallExpression;
}

/** A function a module exports: its declaration and the name it has inside the module, if any. */
export interface ExportedFunction {
  decl: ts.SignatureDeclaration;
  local?: string;
}

const extensions = ['', '.js', '.ts', '.mjs', '.cjs', '.mts', '.cts', '.tsx', '.jsx', '/index.js', '/index.ts'];

/** Resolve a relative specifier to a repository path among the known modules. */
export function resolveModule(from: string, spec: string, known: { has(path: string): boolean }): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = posix.normalize(posix.join(posix.dirname(from), spec));
  const stem = base.replace(/\.(c|m)?js$/, '');
  for (const candidate of [base, ...extensions.map((e) => stem + e)]) if (known.has(candidate)) return candidate;
  return undefined;
}

export function isModuleExports(expr: ts.Node): boolean {
  return (
    ts.isPropertyAccessExpression(expr) &&
    ts.isIdentifier(expr.expression) &&
    expr.expression.text === 'module' &&
    expr.name.text === 'exports'
  );
}

/** `exports.x` or `module.exports.x`: the exported name. */
export function exportsMember(expr: ts.Node): string | undefined {
  if (!ts.isPropertyAccessExpression(expr)) return undefined;
  const base = expr.expression;
  return isModuleExports(base) || (ts.isIdentifier(base) && base.text === 'exports') ? expr.name.text : undefined;
}

function requireSpec(expr: ts.Expression | undefined): string | undefined {
  if (!expr || !ts.isCallExpression(expr) || !ts.isIdentifier(expr.expression) || expr.expression.text !== 'require')
    return undefined;
  const arg = expr.arguments[0];
  return arg && ts.isStringLiteralLike(arg) ? arg.text : undefined;
}

/** `require('./m')` or `require('./m').x`: the specifier and the member. */
export function requireOf(expr: ts.Expression | undefined): { spec: string; member?: string } | undefined {
  const spec = requireSpec(expr);
  if (spec !== undefined) return { spec };
  if (expr && ts.isPropertyAccessExpression(expr)) {
    const inner = requireSpec(expr.expression);
    if (inner !== undefined) return { spec: inner, member: expr.name.text };
  }
  return undefined;
}

function fromImport(stmt: ts.ImportDeclaration, add: (spec: string, b: Omit<ImportBinding, 'target'>) => void): void {
  const clause = stmt.importClause;
  if (!clause || !ts.isStringLiteral(stmt.moduleSpecifier)) return;
  const spec = stmt.moduleSpecifier.text;
  if (clause.name)
    add(spec, { imported: 'default', local: clause.name.text, whole: true, reexport: false, node: clause.name });
  const nb = clause.namedBindings;
  if (nb && ts.isNamespaceImport(nb))
    add(spec, { imported: '*', local: nb.name.text, whole: true, reexport: false, node: nb.name });
  else if (nb) {
    for (const el of nb.elements)
      add(spec, {
        imported: (el.propertyName ?? el.name).text,
        local: el.name.text,
        whole: false,
        reexport: false,
        node: el.name,
      });
  }
}

function fromRequire(
  decl: ts.VariableDeclaration,
  add: (spec: string, b: Omit<ImportBinding, 'target'>) => void,
): void {
  const req = requireOf(decl.initializer);
  if (!req) return;
  if (ts.isIdentifier(decl.name)) {
    add(req.spec, {
      imported: req.member ?? 'default',
      local: decl.name.text,
      whole: req.member === undefined,
      reexport: false,
      node: decl.name,
    });
  } else if (ts.isObjectBindingPattern(decl.name) && req.member === undefined) {
    for (const el of decl.name.elements) {
      const key = el.propertyName ?? el.name;
      if (ts.isIdentifier(el.name) && ts.isIdentifier(key))
        add(req.spec, { imported: key.text, local: el.name.text, whole: false, reexport: false, node: el.name });
    }
  }
}

/** `const x = require(m)`, `const { a, b: c } = require(m)`, `const x = require(m).a` at the top of the file. */
function isFollowedRequire(call: ts.CallExpression, sf: ts.SourceFile): boolean {
  const holder = ts.isPropertyAccessExpression(call.parent) && call.parent.expression === call ? call.parent : call;
  const decl = holder.parent;
  if (!ts.isVariableDeclaration(decl) || decl.initializer !== holder || decl.parent.parent.parent !== sf) return false;
  if (ts.isIdentifier(decl.name)) return true;
  const simple = (el: ts.BindingElement) =>
    !el.dotDotDotToken && ts.isIdentifier(el.name) && (!el.propertyName || ts.isIdentifier(el.propertyName));
  return holder === call && ts.isObjectBindingPattern(decl.name) && decl.name.elements.every(simple);
}

/** Loads of a module (`require`, `import()`) in other forms than the bindings followed here. */
function opaqueLoads(
  calls: readonly ts.CallExpression[],
  sf: ts.SourceFile,
  add: (spec: string, b: Omit<ImportBinding, 'target'>) => void,
) {
  for (const call of calls) {
    const callee = call.expression;
    const dynamic = callee.kind === ts.SyntaxKind.ImportKeyword;
    const arg = call.arguments[0];
    if (!(dynamic || (ts.isIdentifier(callee) && callee.text === 'require')) || !arg || !ts.isStringLiteralLike(arg))
      continue;
    if (dynamic || !isFollowedRequire(call, sf))
      add(arg.text, { imported: '?', local: '', whole: false, reexport: false, opaque: call });
  }
}

/** Every binding of `sf` to a module among `known`; `calls` (the file's calls) give the loads in other forms. */
export function importBindings(
  path: string,
  sf: ts.SourceFile,
  known: { has(path: string): boolean },
  calls: readonly ts.CallExpression[],
) {
  const out: ImportBinding[] = [];
  const add = (spec: string, b: Omit<ImportBinding, 'target'>) => {
    const target = resolveModule(path, spec, known);
    if (target) out.push({ ...b, target });
  };
  opaqueLoads(calls, sf, add);
  for (const stmt of sf.statements) {
    if (ts.isImportDeclaration(stmt)) fromImport(stmt, add);
    else if (ts.isVariableStatement(stmt)) stmt.declarationList.declarations.forEach((d) => fromRequire(d, add));
    else if (
      ts.isImportEqualsDeclaration(stmt) &&
      ts.isExternalModuleReference(stmt.moduleReference) &&
      ts.isStringLiteral(stmt.moduleReference.expression)
    ) {
      add(stmt.moduleReference.expression.text, {
        imported: 'default',
        local: stmt.name.text,
        whole: true,
        reexport: false,
        node: stmt.name,
      });
    } else if (ts.isExportDeclaration(stmt) && stmt.moduleSpecifier && ts.isStringLiteral(stmt.moduleSpecifier)) {
      const spec = stmt.moduleSpecifier.text;
      const clause = stmt.exportClause;
      if (!clause) add(spec, { imported: '*', local: '*', whole: false, reexport: true });
      else if (ts.isNamedExports(clause)) {
        for (const el of clause.elements)
          add(spec, { imported: (el.propertyName ?? el.name).text, local: el.name.text, whole: false, reexport: true });
      }
    }
  }
  return out;
}

const isFunction = (n: ts.Node | undefined): n is ts.ArrowFunction | ts.FunctionExpression =>
  !!n && (ts.isArrowFunction(n) || ts.isFunctionExpression(n));

const exported = (n: ts.Node) =>
  !!ts.getModifiers(n as ts.HasModifiers)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
const isDefault = (n: ts.Node) =>
  !!ts.getModifiers(n as ts.HasModifiers)?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);

/** Top-level functions by name: declarations and `const f = (…) => …`. */
export function localFunctions(sf: ts.SourceFile): Map<string, ts.SignatureDeclaration> {
  const out = new Map<string, ts.SignatureDeclaration>();
  for (const stmt of sf.statements) {
    if (ts.isFunctionDeclaration(stmt) && stmt.name) out.set(stmt.name.text, stmt);
    else if (ts.isVariableStatement(stmt)) {
      for (const d of stmt.declarationList.declarations)
        if (ts.isIdentifier(d.name) && isFunction(d.initializer)) out.set(d.name.text, d.initializer);
    }
  }
  return out;
}

/** The functions a module exports, by exported name. */
export function exportedFunctions(sf: ts.SourceFile): Map<string, ExportedFunction> {
  const locals = localFunctions(sf);
  const out = new Map<string, ExportedFunction>();
  const value = (name: string, expr: ts.Expression | undefined) => {
    if (isFunction(expr)) out.set(name, { decl: expr });
    else if (expr && ts.isIdentifier(expr) && locals.has(expr.text))
      out.set(name, { decl: locals.get(expr.text)!, local: expr.text });
  };
  const object = (literal: ts.ObjectLiteralExpression) => {
    for (const p of literal.properties) {
      if (ts.isShorthandPropertyAssignment(p)) value(p.name.text, p.name);
      else if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name)) value(p.name.text, p.initializer);
      else if (ts.isMethodDeclaration(p) && ts.isIdentifier(p.name)) out.set(p.name.text, { decl: p });
    }
  };
  for (const stmt of sf.statements) {
    if (ts.isFunctionDeclaration(stmt) && exported(stmt)) {
      if (isDefault(stmt)) out.set('default', { decl: stmt, local: stmt.name?.text });
      else if (stmt.name) out.set(stmt.name.text, { decl: stmt, local: stmt.name.text });
    } else if (ts.isVariableStatement(stmt) && exported(stmt)) {
      for (const d of stmt.declarationList.declarations) if (ts.isIdentifier(d.name)) value(d.name.text, d.name);
    } else if (
      ts.isExportDeclaration(stmt) &&
      !stmt.moduleSpecifier &&
      stmt.exportClause &&
      ts.isNamedExports(stmt.exportClause)
    ) {
      for (const el of stmt.exportClause.elements) value(el.name.text, el.propertyName ?? el.name);
    } else if (ts.isExportAssignment(stmt)) {
      value('default', stmt.expression);
    } else if (
      ts.isExpressionStatement(stmt) &&
      ts.isBinaryExpression(stmt.expression) &&
      stmt.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken
    ) {
      const { left, right } = stmt.expression;
      const member = exportsMember(left);
      if (member) value(member, right);
      else if (isModuleExports(left) && ts.isObjectLiteralExpression(right)) object(right);
      else if (isModuleExports(left)) value('default', right);
    }
  }
  return out;
}
