// Finds every way a file brings in the v2 SDK (require, import, import-equals, aws-sdk/clients/x,
// aws-sdk/global, destructuring, local aliases) and records what each local name stands for.
import { ts } from 'ts-morph';
import { report, type FileContext, type V2Ref } from './context.js';
import { credentialProviders, documentClient, otherCredentialClasses, serviceByClientsPath, serviceByV2Name } from './services.js';

/** Quick text test used before parsing. */
export const v2Specifier = /['"`]aws-sdk(?:\/[\w./-]*)?['"`]/;

function refOfSpecifier(spec: string): V2Ref | undefined {
  if (spec === 'aws-sdk' || spec === 'aws-sdk/global') return { kind: 'ns' };
  const m = /^aws-sdk\/clients\/([\w]+)(?:\.js)?$/.exec(spec);
  const service = m ? serviceByClientsPath(m[1]) : undefined;
  return service ? { kind: 'service', service } : undefined;
}

/** What `AWS.<name>` is. */
export function memberRef(name: string): V2Ref | undefined {
  const service = serviceByV2Name(name);
  if (service) return { kind: 'service', service };
  if (name in credentialProviders || otherCredentialClasses.has(name)) return { kind: 'credentials', name };
  return undefined;
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
      report(ctx, stmt, 'unsupported-import', `\`${key.text}\` from aws-sdk has no v3 mapping here; convert it by hand`);
      return false;
    }
    ctx.names.set(el.name.text, ref);
  }
  return true;
}

function collectRequire(ctx: FileContext, stmt: ts.VariableStatement): void {
  const decls = stmt.declarationList.declarations;
  const specs = decls.map((d) => requireSpecifier(d.initializer) ?? requireMember(d.initializer)?.spec);
  if (!specs.some(isV2)) return;
  if (decls.length !== 1) {
    report(ctx, stmt, 'unsupported-import', 'aws-sdk required in a declaration list; split it to convert');
    return;
  }
  const decl = decls[0];
  const spec = specs[0]!;
  const member = requireMember(decl.initializer);
  const ref = member ? (spec === 'aws-sdk' ? memberRef(member.name) : undefined) : refOfSpecifier(spec);
  let ok = false;
  if (ts.isIdentifier(decl.name) && ref) {
    ctx.names.set(decl.name.text, ref);
    ok = true;
  } else if (ts.isObjectBindingPattern(decl.name) && !member && ref?.kind === 'ns') {
    ok = bindPattern(ctx, decl.name, stmt);
  }
  if (ok) ctx.v2Imports.push(stmt);
  else report(ctx, stmt, 'unsupported-import', `cannot convert this use of '${spec}'; convert it by hand`);
}

/** `require('aws-sdk').S3` */
function requireMember(expr: ts.Expression | undefined): { spec: string; name: string } | undefined {
  if (!expr || !ts.isPropertyAccessExpression(expr)) return undefined;
  const spec = requireSpecifier(expr.expression);
  return spec ? { spec, name: expr.name.text } : undefined;
}

function collectImport(ctx: FileContext, stmt: ts.ImportDeclaration): void {
  const spec = ts.isStringLiteral(stmt.moduleSpecifier) ? stmt.moduleSpecifier.text : undefined;
  if (!isV2(spec)) return;
  ctx.esm = true;
  const ref = refOfSpecifier(spec);
  const clause = stmt.importClause;
  if (!ref) return void report(ctx, stmt, 'unsupported-import', `'${spec}' has no v3 mapping; convert it by hand`);
  if (!clause) return void ctx.v2Imports.push(stmt); // side-effect import: drop it
  if (clause.name) ctx.names.set(clause.name.text, ref);
  const bindings = clause.namedBindings;
  let ok = true;
  if (bindings && ts.isNamespaceImport(bindings)) ctx.names.set(bindings.name.text, ref);
  else if (bindings && ref.kind === 'ns') {
    for (const el of bindings.elements) {
      const member = memberRef((el.propertyName ?? el.name).text);
      if (member) ctx.names.set(el.name.text, member);
      else ok = false;
    }
  } else if (bindings) ok = false;
  if (ok) ctx.v2Imports.push(stmt);
  else report(ctx, stmt, 'unsupported-import', `some names imported from '${spec}' have no v3 mapping; convert them by hand`);
}

function collectImportEquals(ctx: FileContext, stmt: ts.ImportEqualsDeclaration): void {
  const ref = stmt.moduleReference;
  if (!ts.isExternalModuleReference(ref) || !ts.isStringLiteral(ref.expression) || !isV2(ref.expression.text)) return;
  ctx.esm = true;
  const target = refOfSpecifier(ref.expression.text);
  if (!target) return void report(ctx, stmt, 'unsupported-import', `'${ref.expression.text}' has no v3 mapping`);
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

/** `const S3 = AWS.S3;` and `const { S3 } = AWS;`: bind and remove, anywhere in the file. */
export function collectAliases(ctx: FileContext, decls: ts.VariableDeclaration[]): void {
  for (const decl of decls) {
    const init = decl.initializer;
    const list = decl.parent;
    if (!init || !ts.isVariableDeclarationList(list) || list.declarations.length !== 1) continue;
    const stmt = list.parent;
    if (!ts.isVariableStatement(stmt) || ctx.v2Imports.includes(stmt)) continue;
    const ref = resolveRef(ctx, init);
    if (!ref) continue;
    if (ts.isIdentifier(decl.name) && ref.kind !== 'ns') ctx.names.set(decl.name.text, ref);
    else if (ts.isObjectBindingPattern(decl.name) && ref.kind === 'ns') {
      if (!bindPattern(ctx, decl.name, stmt)) continue;
    } else continue;
    markConsumed(ctx, init);
    ctx.removed.push(stmt);
    ctx.edits.removeStatement(stmt, ctx.sf);
  }
}

/** Mark the v2 identifiers inside a rewritten expression as handled. */
export function markConsumed(ctx: FileContext, node: ts.Node): void {
  if (ts.isIdentifier(node) && ctx.names.has(node.text)) ctx.consumed.add(node);
  ts.forEachChild(node, (child) => markConsumed(ctx, child));
}
