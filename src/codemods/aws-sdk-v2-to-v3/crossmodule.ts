// How modules of the repository see each other: what a file imports from which repository module
// (import, require, import-equals, re-export), and which functions a module exports, so a client
// can be followed into the module it is exported, passed or returned to.
import { posix } from 'node:path';
import { ts } from 'ts-morph';

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
/** The repository's source files. */
type Known = { has(path: string): boolean };

export function resolveModule(from: string, spec: string, known: Known): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = posix.normalize(posix.join(posix.dirname(from), spec));
  const stem = base.replace(/\.(c|m)?js$/, '');
  for (const candidate of [base, ...extensions.map((e) => stem + e)]) if (known.has(candidate)) return candidate;
  return undefined;
}

export function isModuleExports(expr: ts.Node): boolean {
  return ts.isPropertyAccessExpression(expr) && ts.isIdentifier(expr.expression) && expr.expression.text === 'module'
    && expr.name.text === 'exports';
}

/** `exports.x` or `module.exports.x`: the exported name. */
export function exportsMember(expr: ts.Node): string | undefined {
  if (!ts.isPropertyAccessExpression(expr)) return undefined;
  const base = expr.expression;
  return isModuleExports(base) || (ts.isIdentifier(base) && base.text === 'exports') ? expr.name.text : undefined;
}

function requireSpec(expr: ts.Expression | undefined): string | undefined {
  if (!expr || !ts.isCallExpression(expr) || !ts.isIdentifier(expr.expression)) return undefined;
  const arg = expr.arguments[0];
  return expr.expression.text === 'require' && arg && ts.isStringLiteralLike(arg) ? arg.text : undefined;
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

type Add = (spec: string, b: Omit<ImportBinding, 'target'>) => void;

/** A local name bound by an import (`whole` for a default or namespace import). */
const local = (node: ts.Identifier, imported: string, whole = false) =>
  ({ imported, local: node.text, whole, reexport: false, node });

function fromImport(stmt: ts.ImportDeclaration, add: Add): void {
  const clause = stmt.importClause;
  if (!clause || !ts.isStringLiteral(stmt.moduleSpecifier)) return;
  const spec = stmt.moduleSpecifier.text;
  if (clause.name) add(spec, local(clause.name, 'default', true));
  const nb = clause.namedBindings;
  if (nb && ts.isNamespaceImport(nb)) add(spec, local(nb.name, '*', true));
  else if (nb) for (const el of nb.elements) add(spec, local(el.name, (el.propertyName ?? el.name).text));
}

function fromRequire(decl: ts.VariableDeclaration, add: Add): void {
  const req = requireOf(decl.initializer);
  if (!req) return;
  if (ts.isIdentifier(decl.name)) add(req.spec, local(decl.name, req.member ?? 'default', req.member === undefined));
  else if (ts.isObjectBindingPattern(decl.name) && req.member === undefined) {
    for (const el of decl.name.elements) {
      const key = el.propertyName ?? el.name;
      if (ts.isIdentifier(el.name) && ts.isIdentifier(key)) add(req.spec, local(el.name, key.text));
    }
  }
}

/** `export * from './m'`, `export { a as b } from './m'`. */
function fromReexport(stmt: ts.ExportDeclaration, add: Add): void {
  if (!stmt.moduleSpecifier || !ts.isStringLiteral(stmt.moduleSpecifier)) return;
  const spec = stmt.moduleSpecifier.text;
  const clause = stmt.exportClause;
  if (!clause) add(spec, { imported: '*', local: '*', whole: false, reexport: true });
  else if (ts.isNamedExports(clause)) {
    for (const el of clause.elements) {
      add(spec, { imported: (el.propertyName ?? el.name).text, local: el.name.text, whole: false, reexport: true });
    }
  }
}

/** `const x = require(m)`, `const { a, b: c } = require(m)`, `const x = require(m).a` at the top of the file. */
function isFollowedRequire(call: ts.CallExpression, sf: ts.SourceFile): boolean {
  const holder = ts.isPropertyAccessExpression(call.parent) && call.parent.expression === call ? call.parent : call;
  const decl = holder.parent;
  if (!ts.isVariableDeclaration(decl) || decl.initializer !== holder || decl.parent.parent.parent !== sf) return false;
  if (ts.isIdentifier(decl.name)) return true;
  const simple = (el: ts.BindingElement) => !el.dotDotDotToken && ts.isIdentifier(el.name)
    && (!el.propertyName || ts.isIdentifier(el.propertyName));
  return holder === call && ts.isObjectBindingPattern(decl.name) && decl.name.elements.every(simple);
}

/** Loads of a module (`require`, `import()`) other than the bindings followed above. */
function opaqueLoads(calls: readonly ts.CallExpression[], sf: ts.SourceFile, add: Add): void {
  for (const call of calls) {
    const callee = call.expression;
    const load = callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require');
    const arg = call.arguments[0];
    if (!load || !arg || !ts.isStringLiteralLike(arg)) continue;
    if (callee.kind === ts.SyntaxKind.ImportKeyword || !isFollowedRequire(call, sf)) {
      add(arg.text, { imported: '?', local: '', whole: false, reexport: false, opaque: call });
    }
  }
}

/** Every binding of `sf` to a module among `known`; `calls` are the file's calls, for loads in other forms. */
export function importBindings(path: string, sf: ts.SourceFile, known: Known, calls: readonly ts.CallExpression[]) {
  const out: ImportBinding[] = [];
  const add: Add = (spec, b) => {
    const target = resolveModule(path, spec, known);
    if (target) out.push({ ...b, target });
  };
  opaqueLoads(calls, sf, add);
  for (const stmt of sf.statements) {
    if (ts.isImportDeclaration(stmt)) fromImport(stmt, add);
    else if (ts.isVariableStatement(stmt)) stmt.declarationList.declarations.forEach((d) => fromRequire(d, add));
    else if (ts.isExportDeclaration(stmt)) fromReexport(stmt, add);
    else if (ts.isImportEqualsDeclaration(stmt) && ts.isExternalModuleReference(stmt.moduleReference)) {
      const spec = stmt.moduleReference.expression;
      if (ts.isStringLiteral(spec)) add(spec.text, local(stmt.name, 'default', true));
    }
  }
  return out;
}

const isFunction = (n: ts.Node | undefined): n is ts.ArrowFunction | ts.FunctionExpression =>
  !!n && (ts.isArrowFunction(n) || ts.isFunctionExpression(n));

const hasModifier = (n: ts.Node, kind: ts.SyntaxKind) =>
  !!ts.getModifiers(n as ts.HasModifiers)?.some((m) => m.kind === kind);

/** Top-level functions by name: declarations and `const f = (…) => …`. */
export function localFunctions(sf: ts.SourceFile): Map<string, ts.SignatureDeclaration> {
  const out = new Map<string, ts.SignatureDeclaration>();
  for (const stmt of sf.statements) {
    if (ts.isFunctionDeclaration(stmt) && stmt.name) out.set(stmt.name.text, stmt);
    if (!ts.isVariableStatement(stmt)) continue;
    for (const d of stmt.declarationList.declarations) {
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
    if (isFunction(expr)) return void out.set(name, { decl: expr });
    const decl = expr && ts.isIdentifier(expr) ? locals.get(expr.text) : undefined;
    if (decl) out.set(name, { decl, local: (expr as ts.Identifier).text });
  };
  const object = (literal: ts.ObjectLiteralExpression) => {
    for (const p of literal.properties) {
      if (ts.isShorthandPropertyAssignment(p)) value(p.name.text, p.name);
      else if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name)) value(p.name.text, p.initializer);
      else if (ts.isMethodDeclaration(p) && ts.isIdentifier(p.name)) out.set(p.name.text, { decl: p });
    }
  };
  const exported = (n: ts.Node) => hasModifier(n, ts.SyntaxKind.ExportKeyword);
  for (const stmt of sf.statements) {
    if (ts.isFunctionDeclaration(stmt) && exported(stmt)) {
      if (hasModifier(stmt, ts.SyntaxKind.DefaultKeyword)) out.set('default', { decl: stmt, local: stmt.name?.text });
      else if (stmt.name) out.set(stmt.name.text, { decl: stmt, local: stmt.name.text });
    } else if (ts.isVariableStatement(stmt) && exported(stmt)) {
      for (const d of stmt.declarationList.declarations) if (ts.isIdentifier(d.name)) value(d.name.text, d.name);
    } else if (ts.isExportDeclaration(stmt) && !stmt.moduleSpecifier && stmt.exportClause) {
      const clause = stmt.exportClause;
      if (ts.isNamedExports(clause)) for (const el of clause.elements) value(el.name.text, el.propertyName ?? el.name);
    } else if (ts.isExportAssignment(stmt)) {
      value('default', stmt.expression);
    } else if (ts.isExpressionStatement(stmt) && ts.isBinaryExpression(stmt.expression)) {
      const { left, operatorToken, right } = stmt.expression;
      if (operatorToken.kind !== ts.SyntaxKind.EqualsToken) continue;
      const member = exportsMember(left);
      if (member) value(member, right);
      else if (isModuleExports(left) && ts.isObjectLiteralExpression(right)) object(right);
      else if (isModuleExports(left)) value('default', right);
    }
  }
  return out;
}
