// Where a v2 credentials, token or Config object may become a v3 value: only where nothing can
// need its v2 methods (get, refresh, resolve, update). That is a client's `credentials`/`token`
// option, a client's configuration argument, a global setting moved into the clients, an
// unused expression, or a variable whose every use is one of these.
import { ts } from '../../util/typescript.cjs';
import { resolveRef } from './bindings.js';
import { propName } from './config.js';
import { textOf, type FileContext } from './context.js';
import { providerText } from './credentials.js';
import { lineOf } from './edits.js';

/** Where a converted value may go: keys of a client's config, a client's argument, properties to read. */
export interface Use {
  slots: ReadonlySet<string>;
  clientArg?: boolean;
  reads?: ReadonlySet<string>;
}

const tokenClasses = new Set(['SSOTokenProvider', 'StaticTokenProvider', 'TokenProviderChain', 'Token']);

/** The uses a converted `new <name>(...)` allows. */
export function useOf(name: string): Use {
  if (name === 'TokenProviderChain') return { slots: new Set(['token', 'tokenProvider']) };
  if (tokenClasses.has(name)) return { slots: new Set(['token']) };
  const slots = new Set(['credentials', 'masterCredentials']);
  if (name === 'CredentialProviderChain') slots.add('credentialProvider');
  const reads = name === 'Credentials' ? new Set(['accessKeyId', 'secretAccessKey', 'sessionToken']) : undefined;
  return { slots, reads };
}

/** The expression a value stands as, past parentheses and type assertions. */
function outer(node: ts.Expression): ts.Expression {
  let cur = node;
  const wraps = (n: ts.Node) =>
    ts.isParenthesizedExpression(n) || ts.isAsExpression(n) || ts.isSatisfiesExpression(n) || ts.isNonNullExpression(n);
  while (wraps(cur.parent)) cur = cur.parent as ts.Expression;
  return cur;
}

function expressionStatement(node: ts.Node): ts.ExpressionStatement | undefined {
  let cur: ts.Node | undefined = node;
  while (cur && !ts.isExpressionStatement(cur)) cur = cur.parent;
  return cur;
}

// the global settings statement being mapped: its values count as moved while it is decided
const moving = new Set<ts.Node>();

/** Decide a global settings statement, counting it as moved into the clients meanwhile. */
export function whileMoving<T>(stmt: ts.Node, decide: () => T): T {
  moving.add(stmt);
  try {
    return decide();
  } finally {
    moving.delete(stmt);
  }
}

/** In an `AWS.config.update(...)`/`AWS.config.x = ...` the globals pass moved into the clients. */
function inMovedGlobal(ctx: FileContext, node: ts.Node): boolean {
  const stmt = expressionStatement(node);
  return !!stmt && (ctx.removed.includes(stmt) || moving.has(stmt));
}

/** The object literal becomes v3 configuration: a client's options, a moved global, a converted provider's options. */
function feedsV3(ctx: FileContext, literal: ts.Node): boolean {
  const expr = outer(literal as ts.Expression);
  const parent = expr.parent;
  if (ts.isCallExpression(parent) && inMovedGlobal(ctx, parent)) return true;
  if (!ts.isNewExpression(parent) || parent.arguments?.[0] !== expr) return false;
  const ref = resolveRef(ctx, parent.expression);
  if (ref?.kind === 'service') return true;
  if (ref?.kind !== 'credentials') return false;
  return !('why' in providerText(ctx, parent)) && !unsafeUse(ctx, parent, useOf(ref.name));
}

function inSlot(ctx: FileContext, expr: ts.Expression, use: Use): boolean {
  const parent = expr.parent;
  if ((ts.isPropertyAssignment(parent) && parent.initializer === expr) || ts.isShorthandPropertyAssignment(parent)) {
    return use.slots.has(propName(parent) ?? '') && feedsV3(ctx, parent.parent);
  }
  if (ts.isNewExpression(parent) && parent.arguments?.[0] === expr) {
    return !!use.clientArg && resolveRef(ctx, parent.expression)?.kind === 'service';
  }
  const assigned = ts.isBinaryExpression(parent) && parent.right === expr;
  if (assigned && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    const left = parent.left;
    return ts.isPropertyAccessExpression(left) && use.slots.has(left.name.text) && inMovedGlobal(ctx, parent);
  }
  return ts.isExpressionStatement(parent);
}

const isAssignment = (kind: ts.SyntaxKind) =>
  kind >= ts.SyntaxKind.FirstAssignment && kind <= ts.SyntaxKind.LastAssignment;

/** `creds.accessKeyId` read (not written, not called) where the plain object has that key. */
function isRead(ref: ts.Identifier, use: Use): boolean {
  const access = ref.parent;
  if (!ts.isPropertyAccessExpression(access) || access.expression !== ref) return false;
  if (!use.reads?.has(access.name.text)) return false;
  const up = access.parent;
  if (ts.isCallExpression(up) && up.expression === access) return false;
  return !(ts.isBinaryExpression(up) && up.left === access && isAssignment(up.operatorToken.kind));
}

const identifiers = new WeakMap<FileContext, ts.Identifier[]>();

function identifiersOf(ctx: FileContext): ts.Identifier[] {
  let list = identifiers.get(ctx);
  if (!list) {
    const found: ts.Identifier[] = [];
    const visit = (n: ts.Node): void => {
      if (ts.isIdentifier(n)) found.push(n);
      ts.forEachChild(n, visit);
    };
    visit(ctx.sf);
    identifiers.set(ctx, (list = found));
  }
  return list;
}

/** Uses of a name: every identifier spelled the same that is not a property name (shadowing counts too). */
function referencesOf(ctx: FileContext, name: ts.Identifier): ts.Identifier[] {
  return identifiersOf(ctx).filter((id) => {
    if (id === name || id.text !== name.text) return false;
    const p = id.parent;
    if (ts.isPropertyAccessExpression(p) && p.name === id) return false;
    if (ts.isQualifiedName(p) && p.right === id) return false;
    return !((ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p) || ts.isMethodDeclaration(p)) && p.name === id);
  });
}

export function declarationOf(ctx: FileContext, name: string): ts.VariableDeclaration | undefined {
  const id = identifiersOf(ctx).find(
    (i) => i.text === name && ts.isVariableDeclaration(i.parent) && i.parent.name === i,
  );
  return id?.parent as ts.VariableDeclaration | undefined;
}

const namesV2 = (ctx: FileContext, node: ts.Node): boolean =>
  (ts.isIdentifier(node) && ctx.names.has(node.text)) || !!ts.forEachChild(node, (c) => namesV2(ctx, c) || undefined);

function unsafeBinding(ctx: FileContext, decl: ts.VariableDeclaration, use: Use): string | undefined {
  if (!ts.isIdentifier(decl.name)) return 'it is destructured';
  if (decl.type && namesV2(ctx, decl.type)) return `its declared type \`${textOf(ctx, decl.type)}\` is a v2 class`;
  const stmt = decl.parent.parent;
  const exported = ts.isVariableStatement(stmt) && stmt.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  if (exported) return 'it is exported';
  const bad = referencesOf(ctx, decl.name).find((ref) => !inSlot(ctx, outer(ref), use) && !isRead(ref, use));
  if (!bad) return undefined;
  const line = lineOf(ctx.sf, bad.getStart(ctx.sf));
  return `\`${decl.name.text}\` is used on line ${line} where the v2 object may be needed`;
}

// objects whose uses are being checked: a use that leads back to one of them counts as safe
const checking = new Set<ts.Node>();

/** Why a v3 value cannot replace this v2 object, or undefined when it can. */
export function unsafeUse(ctx: FileContext, node: ts.Expression, use: Use): string | undefined {
  if (checking.has(node)) return undefined;
  checking.add(node);
  try {
    const expr = outer(node);
    const parent = expr.parent;
    if (ts.isVariableDeclaration(parent) && parent.initializer === expr) return unsafeBinding(ctx, parent, use);
    return inSlot(ctx, expr, use) ? undefined : 'its value is used where the v2 object may be needed';
  } finally {
    checking.delete(node);
  }
}
