// Syntax questions the flow (flow.ts) asks about one node: is it a type position, a wrapper that
// passes its value through, a harmless test, an export, the callee of a call.
import { ts } from 'ts-morph';
import { memberRef } from './bindings.js';
import { exportsMember, isModuleExports } from './crossmodule.js';
import type { FileContext } from './context.js';
import { isDeclarationName } from './scopes.js';
import { documentClient, type ServiceInfo } from './services.js';

export const within = (node: ts.Node, outer: readonly ts.Node[]) =>
  outer.some((o) => node.pos >= o.pos && node.end <= o.end);

/** A node's code on one line, shortened for a finding. */
export function short(node: ts.Node, sf: ts.SourceFile): string {
  const text = node.getText(sf).replace(/\s+/g, ' ');
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** `(x)`, `x!`, `x as T`, `<T>x`, `x satisfies T`, `await x`: the value of `x` goes on. */
export const isTransparent = (n: ts.Node) => ts.isParenthesizedExpression(n) || ts.isNonNullExpression(n)
  || ts.isAsExpression(n) || ts.isTypeAssertionExpression(n) || ts.isSatisfiesExpression(n) || ts.isAwaitExpression(n);

export const isNullish = (n: ts.Expression) => n.kind === ts.SyntaxKind.NullKeyword || ts.isVoidExpression(n)
  || (ts.isIdentifier(n) && n.text === 'undefined');

/** `=`, `||=`, `??=`: the right side is stored in the left. */
export const assigns = (op: ts.SyntaxKind) => op === ts.SyntaxKind.EqualsToken || op === ts.SyntaxKind.BarBarEqualsToken
  || op === ts.SyntaxKind.QuestionQuestionEqualsToken;

export const compares = new Set([
  ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.EqualsEqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken,
]);

export const hasModifier = (n: ts.Node, kind: ts.SyntaxKind) =>
  !!ts.getModifiers(n as ts.HasModifiers)?.some((m) => m.kind === kind);

/** The service of a type annotation naming a v2 client class: `AWS.S3`, `S3`, `DynamoDB.DocumentClient`. */
export function typeService(ctx: FileContext, ref: ts.TypeReferenceNode): ServiceInfo | undefined {
  const ids: string[] = [];
  let n: ts.EntityName = ref.typeName;
  for (; ts.isQualifiedName(n); n = n.left) ids.unshift(n.right.text);
  ids.unshift(n.text);
  const head = ctx.names.get(ids[0]);
  let i = 1;
  let service = head?.kind === 'service' ? head.service : undefined;
  if (head?.kind === 'ns') {
    const member = ids[1] === undefined ? undefined : memberRef(ids[1]);
    service = member?.kind === 'service' ? member.service : undefined;
    i = 2;
  }
  if (service?.v2 === 'DynamoDB' && ids[i] === 'DocumentClient') [service, i] = [documentClient, i + 1];
  return i === ids.length ? service : undefined;
}

export function isTypePosition(id: ts.Identifier): boolean {
  const p = id.parent;
  return ts.isTypeReferenceNode(p) || ts.isQualifiedName(p) || ts.isTypeQueryNode(p)
    || ts.isExpressionWithTypeArguments(p) || ts.isTypeParameterDeclaration(p) || ts.isInterfaceDeclaration(p)
    || ts.isTypeAliasDeclaration(p) || ts.isTypePredicateNode(p);
}

/** `x.name` with a base other than `this`: also how plain data is read (`record.s3.bucket`). */
export function isLooseMember(node: ts.Node): boolean {
  return ts.isPropertyAccessExpression(node) && node.expression.kind !== ts.SyntaxKind.ThisKeyword;
}

/** `decl` is the only declaration of its name, at the top of the file: every reference is to it. */
export function isOnlyTopLevelDeclaration(decl: ts.Identifier, ids: readonly ts.Identifier[]): boolean {
  const stmt = decl.parent.parent?.parent;
  if (!ts.isVariableDeclaration(decl.parent) || !stmt || !ts.isVariableStatement(stmt)) return false;
  if (!ts.isSourceFile(stmt.parent)) return false;
  for (const id of ids) if (id !== decl && isDeclarationName(id)) return false;
  return true;
}

/** `s3.op(…)`: the access and its call, when `id` is the receiver. */
export function receiverOf(id: ts.Identifier) {
  const access = id.parent;
  if (!ts.isPropertyAccessExpression(access) || access.expression !== id) return undefined;
  const call = access.parent;
  return ts.isCallExpression(call) && call.expression === access ? { access, call } : undefined;
}

/** The call an identifier is the callee of: `f(…)`, `x.f(…)`. */
export function callOf(id: ts.Identifier): ts.CallExpression | undefined {
  const callee = ts.isPropertyAccessExpression(id.parent) && id.parent.name === id ? id.parent : id;
  const call = callee.parent;
  return ts.isCallExpression(call) && call.expression === callee ? call : undefined;
}

/** A function's name where it is declared, imported or exported (not where it is used). */
export function isDeclarationOrExport(id: ts.Identifier): boolean {
  const p = id.parent;
  const named = ts.isFunctionDeclaration(p) || ts.isVariableDeclaration(p) || ts.isImportSpecifier(p)
    || ts.isImportClause(p) || ts.isNamespaceImport(p) || ts.isBindingElement(p) || ts.isExportSpecifier(p)
    || ts.isMethodDeclaration(p);
  if (named && (p as { name?: ts.Node }).name === id) return true;
  if (ts.isExportSpecifier(p) || ts.isExportAssignment(p) || ts.isShorthandPropertyAssignment(p)) return true;
  return ts.isBinaryExpression(p) && p.right === id && (!!exportsMember(p.left) || isModuleExports(p.left));
}

/** Uses that do nothing with the client itself: truthiness tests, `typeof`, a statement of its own. */
export function isHarmless(parent: ts.Node, v: ts.Node): boolean {
  if (ts.isExpressionStatement(parent) || ts.isTypeOfExpression(parent) || ts.isVoidExpression(parent)) return true;
  if (ts.isPrefixUnaryExpression(parent)) return parent.operator === ts.SyntaxKind.ExclamationToken;
  const loop = ts.isIfStatement(parent) || ts.isWhileStatement(parent) || ts.isDoStatement(parent);
  return loop && parent.expression === v;
}
