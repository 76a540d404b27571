// Finds every way a file brings in the v2 SDK (require, import, import-equals, aws-sdk/clients/x,
// aws-sdk/clients/all, aws-sdk/global, destructuring, property requires, local aliases, several
// declarators in one statement) and records what each local name stands for.
import { ts } from '../../util/typescript.cjs';
import { report, type FileContext, type V2Ref } from './context.js';
import { credentialClasses, documentClient, hasNoV3Client, serviceByClientsPath, serviceByV2Name } from './services.js';
import { bindServiceImports, namespaceTypeRef } from './types.js';

/** Quick text test used before parsing. */
export const v2Specifier = /['"`]aws-sdk(?:\/[\w./-]*)?['"`]/;

const clientsPath = /^aws-sdk\/clients\/(\w+)(?:\.js)?$/;
const allClients = /^aws-sdk\/clients\/all(?:\.js)?$/;

/** `aws-sdk/clients/all` exports every service class, so it binds like the namespace. */
function refOfSpecifier(spec: string): V2Ref | undefined {
  if (spec === 'aws-sdk' || spec === 'aws-sdk/global' || spec === 'aws-sdk/lib/core' || allClients.test(spec)) {
    return { kind: 'ns' };
  }
  const m = clientsPath.exec(spec);
  const service = m ? serviceByClientsPath(m[1]) : undefined;
  return service ? { kind: 'service', service } : undefined;
}

/** A v2 service class (`SimpleDB`) or module (`aws-sdk/clients/simpledb`) that no v3 client replaces. */
function withoutV3(what: string): boolean {
  return hasNoV3Client(clientsPath.exec(what)?.[1] ?? what);
}

/** Say why a v2 name or module is left: no v3 client exists, or the codemod does not know it. */
function reportUnmapped(ctx: FileContext, node: ts.Node, what: string): void {
  if (withoutV3(what)) {
    const why = 'is a v2 service with no v3 client; it stays on aws-sdk v2 (replace it by hand)';
    report(ctx, node, 'no-v3-client', `\`${what}\` ${why}`);
  } else report(ctx, node, 'unsupported-import', `\`${what}\` has no v3 mapping here; convert it by hand`);
}

/** `AWS.SimpleDB` left in the code: say that no v3 client exists; false for any other leftover. */
export function reportNoV3Client(ctx: FileContext, id: ts.Identifier): boolean {
  const parent = id.parent;
  if (!ts.isPropertyAccessExpression(parent) || parent.expression !== id) return false;
  if (ctx.names.get(id.text)?.kind !== 'ns' || !withoutV3(parent.name.text)) return false;
  reportUnmapped(ctx, parent, parent.name.text);
  return true;
}

/** What `AWS.<name>` is. */
export function memberRef(name: string): V2Ref | undefined {
  const service = serviceByV2Name(name);
  if (service) return { kind: 'service', service };
  if (credentialClasses.has(name)) return { kind: 'credentials', name };
  if (name === 'Config') return { kind: 'config' };
  if (name === 'util' || name === 'Endpoint') return { kind: 'helper', name };
  return namespaceTypeRef(name);
}

/** Resolve an expression like `AWS.S3`, `S3`, `AWS.DynamoDB.DocumentClient`. */
export function resolveRef(ctx: FileContext, expr: ts.Expression): V2Ref | undefined {
  if (ts.isIdentifier(expr)) return ctx.names.get(expr.text);
  if (ts.isParenthesizedExpression(expr)) return resolveRef(ctx, expr.expression);
  if (!ts.isPropertyAccessExpression(expr)) return undefined;
  const base = resolveRef(ctx, expr.expression);
  if (base?.kind === 'ns') return memberRef(expr.name.text);
  if (base?.kind === 'service' && base.service.v2 === 'DynamoDB' && expr.name.text === 'DocumentClient') {
    return { kind: 'service', service: documentClient };
  }
  return undefined;
}

function requireSpecifier(expr: ts.Expression | undefined): string | undefined {
  if (!expr || !ts.isCallExpression(expr)) return undefined;
  if (!ts.isIdentifier(expr.expression) || expr.expression.text !== 'require') return undefined;
  const arg = expr.arguments[0];
  return arg && ts.isStringLiteralLike(arg) ? arg.text : undefined;
}

const isV2 = (spec: string | undefined): spec is string => spec === 'aws-sdk' || !!spec?.startsWith('aws-sdk/');

/** Bind the names of `{ S3, DynamoDB: D }` against a namespace-like source. */
function bindPattern(ctx: FileContext, pattern: ts.ObjectBindingPattern, stmt: ts.Node): boolean {
  for (const el of pattern.elements) {
    const key = el.propertyName ?? el.name;
    if (!ts.isIdentifier(el.name) || !ts.isIdentifier(key) || el.dotDotDotToken) return false;
    const ref = memberRef(key.text);
    if (!ref) {
      reportUnmapped(ctx, stmt, key.text);
      return false;
    }
    ctx.names.set(el.name.text, ref);
  }
  return true;
}

/** The v2 module a declarator requires, whole or one property of it; undefined for anything else. */
function requiredSpec(decl: ts.VariableDeclaration): string | undefined {
  const spec = requireMember(decl.initializer)?.spec ?? requireSpecifier(decl.initializer);
  return isV2(spec) ? spec : undefined;
}

/** Bind one `x = require('aws-sdk…')` declarator; false (and a finding) when it cannot be converted. */
function bindRequire(ctx: FileContext, decl: ts.VariableDeclaration, stmt: ts.Node, spec: string): boolean {
  const member = requireMember(decl.initializer);
  const base = refOfSpecifier(spec);
  const ref = member ? (base?.kind === 'ns' ? memberRef(member.name) : undefined) : base;
  if (ts.isIdentifier(decl.name) && ref) {
    ctx.names.set(decl.name.text, ref);
    return true;
  }
  if (ts.isObjectBindingPattern(decl.name) && !member && ref?.kind === 'ns') return bindPattern(ctx, decl.name, stmt);
  if (member ? base?.kind === 'ns' : !base) reportUnmapped(ctx, stmt, member?.name ?? spec);
  else report(ctx, stmt, 'unsupported-import', `cannot convert this use of '${spec}'; convert it by hand`);
  return false;
}

/** Requires of v2, alone or among other declarators: `const A = require('aws-sdk'), fs = require('fs')`. */
function collectRequire(ctx: FileContext, stmt: ts.VariableStatement): void {
  const decls = stmt.declarationList.declarations;
  const bound: ts.VariableDeclaration[] = [];
  for (const decl of decls) {
    const spec = requiredSpec(decl);
    if (spec && bindRequire(ctx, decl, stmt, spec)) bound.push(decl);
  }
  if (bound.length === decls.length) ctx.v2Imports.push(stmt);
  else ctx.v2Imports.push(...bound);
}

/** `require('aws-sdk').S3` */
function requireMember(expr: ts.Expression | undefined): { spec: string; name: string } | undefined {
  if (!expr || !ts.isPropertyAccessExpression(expr)) return undefined;
  const spec = requireSpecifier(expr.expression);
  return spec ? { spec, name: expr.name.text } : undefined;
}

/**
 * `import { PromiseResult } from 'aws-sdk/lib/request'`: the type of a v2 `.promise()` result, the
 * output with its `$response`. A v3 `send` gives the output itself (types.ts unwraps it).
 */
function bindsPromiseResult(ctx: FileContext, stmt: ts.ImportDeclaration, spec: string): boolean {
  const bindings = stmt.importClause?.namedBindings;
  if (spec !== 'aws-sdk/lib/request' || stmt.importClause?.name || !bindings || !ts.isNamedImports(bindings))
    return false;
  if (!bindings.elements.every((el) => (el.propertyName ?? el.name).text === 'PromiseResult')) return false;
  for (const el of bindings.elements) ctx.names.set(el.name.text, { kind: 'type', name: 'PromiseResult' });
  return true;
}

function collectImport(ctx: FileContext, stmt: ts.ImportDeclaration): void {
  const spec = ts.isStringLiteral(stmt.moduleSpecifier) ? stmt.moduleSpecifier.text : undefined;
  if (!isV2(spec)) return;
  ctx.esm = true;
  const ref = refOfSpecifier(spec);
  const clause = stmt.importClause;
  if (bindsPromiseResult(ctx, stmt, spec)) return void ctx.v2Imports.push(stmt);
  if (!ref) return void reportUnmapped(ctx, stmt, spec);
  if (!clause) return void ctx.v2Imports.push(stmt); // side-effect import: drop it
  if (clause.name) ctx.names.set(clause.name.text, ref);
  const bindings = clause.namedBindings;
  let ok = true;
  if (bindings && ts.isNamespaceImport(bindings)) ctx.names.set(bindings.name.text, ref);
  else if (bindings && ref.kind === 'ns') {
    for (const el of bindings.elements) {
      const name = (el.propertyName ?? el.name).text;
      const member = memberRef(name);
      if (member) ctx.names.set(el.name.text, member);
      else if (withoutV3(name)) reportUnmapped(ctx, el, name);
      ok &&= !!member;
    }
  } else if (bindings) {
    ok = ref.kind === 'service' && ts.isNamedImports(bindings) && bindServiceImports(ctx, bindings, ref.service);
  }
  if (ok) ctx.v2Imports.push(stmt);
  else
    report(
      ctx,
      stmt,
      'unsupported-import',
      `some names imported from '${spec}' have no v3 mapping; convert them by hand`,
    );
}

function collectImportEquals(ctx: FileContext, stmt: ts.ImportEqualsDeclaration): void {
  const ref = stmt.moduleReference;
  if (!ts.isExternalModuleReference(ref) || !ts.isStringLiteral(ref.expression) || !isV2(ref.expression.text)) return;
  ctx.esm = true;
  const target = refOfSpecifier(ref.expression.text);
  if (!target) return void reportUnmapped(ctx, stmt, ref.expression.text);
  ctx.names.set(stmt.name.text, target);
  ctx.v2Imports.push(stmt);
}

/** Top-level import statements; aliases such as `const S3 = AWS.S3` are handled after them. */
export function collectImports(ctx: FileContext): void {
  for (const stmt of ctx.sf.statements) {
    if (ts.isVariableStatement(stmt)) collectRequire(ctx, stmt);
    else if (ts.isImportDeclaration(stmt)) collectImport(ctx, stmt);
    else if (ts.isImportEqualsDeclaration(stmt)) collectImportEquals(ctx, stmt);
    else if (ts.isExpressionStatement(stmt) && isV2(requireSpecifier(stmt.expression))) ctx.v2Imports.push(stmt);
  }
}

/** Bind `S3 = AWS.S3` or `{ S3 } = AWS`; false when the declarator is not such an alias. */
function bindAlias(ctx: FileContext, decl: ts.VariableDeclaration, stmt: ts.VariableStatement): boolean {
  const init = decl.initializer;
  const ref = init && resolveRef(ctx, init);
  if (!init || !ref) return false;
  // a helper alias stays: its uses may not all convert, and removing it would leave them unbound
  if (ref.kind === 'helper' || (ref.kind === 'ns' && bindsHelper(decl.name))) return false;
  if (ts.isIdentifier(decl.name) && ref.kind !== 'ns') ctx.names.set(decl.name.text, ref);
  else if (!ts.isObjectBindingPattern(decl.name) || ref.kind !== 'ns') return false;
  else if (!bindPattern(ctx, decl.name, stmt)) return false;
  markConsumed(ctx, init);
  return true;
}

/** `const S3 = AWS.S3;`, `const { S3 } = AWS;`, `const S3 = AWS.S3, x = 1;`: bind and remove, anywhere in the file. */
export function collectAliases(ctx: FileContext, decls: ts.VariableDeclaration[]): void {
  const aliases = new Map<ts.VariableStatement, Set<ts.Node>>();
  for (const decl of decls) {
    const stmt = decl.parent.parent;
    if (!ts.isVariableStatement(stmt) || ctx.v2Imports.includes(stmt)) continue;
    // `const A = require('aws-sdk'), S3 = A.S3` stays whole: the require's removal is decided later
    if (stmt.declarationList.declarations.some((d) => ctx.v2Imports.includes(d))) continue;
    if (!bindAlias(ctx, decl, stmt)) continue;
    aliases.set(stmt, (aliases.get(stmt) ?? new Set()).add(decl));
  }
  for (const [stmt, removed] of aliases) {
    const whole = stmt.declarationList.declarations.length === removed.size;
    ctx.removed.push(...(whole ? [stmt] : removed));
    removeDeclarators(ctx, stmt, removed);
  }
}

/** Remove some declarators of `const a = …, b = …` with their commas, or the statement when none stays. */
export function removeDeclarators(ctx: FileContext, stmt: ts.VariableStatement, removed: Set<ts.Node>): void {
  const decls = stmt.declarationList.declarations;
  const lastKept = decls.map((d) => !removed.has(d)).lastIndexOf(true);
  if (lastKept < 0) return ctx.edits.removeStatement(stmt, ctx.sf);
  decls.forEach((d, i) => {
    if (!removed.has(d)) return;
    if (i < lastKept) ctx.edits.replace(d.getStart(ctx.sf), decls[i + 1].getStart(ctx.sf), '');
    else ctx.edits.replace(decls[i - 1].getEnd(), d.getEnd(), '');
  });
}

function bindsHelper(name: ts.BindingName): boolean {
  return (
    ts.isObjectBindingPattern(name) &&
    name.elements.some((el) => {
      const key = el.propertyName ?? el.name;
      return ts.isIdentifier(key) && memberRef(key.text)?.kind === 'helper';
    })
  );
}

/** Mark the v2 identifiers inside a rewritten expression as handled. */
export function markConsumed(ctx: FileContext, node: ts.Node): void {
  if (ts.isIdentifier(node) && ctx.names.has(node.text)) ctx.consumed.add(node);
  ts.forEachChild(node, (child) => markConsumed(ctx, child));
}
