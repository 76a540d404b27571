// TypeScript types from the v2 namespaces: `AWS.S3` -> `S3Client`, `AWS.S3.GetObjectOutput` ->
// `GetObjectCommandOutput`, `AWS.S3.ObjectKey` -> `string`, `AWS.S3.Buckets` -> `Bucket[]`,
// DocumentClient types -> lib-dynamodb's, `AWSError` -> `ServiceException`. Names come from the
// generated table (type-table.ts), so no import of a name v3 lacks is written; the rest is reported.
import { ts } from '../../util/typescript.cjs';
import { markConsumed } from './bindings.js';
import { wholeLines } from './edits.js';
import { addInstance, needType, report, type FileContext, type V2Ref } from './context.js';
import { documentClient, serviceByV2Name, type ServiceInfo } from './services.js';
import { documentTable, v3TypeOf } from './type-table.js';

// v2's AWSError is the type of every service error. In v3 each client's `<Service>ServiceException`
// extends smithy's ServiceException, so that one type covers the errors of every client, as
// AWSError did. @smithy/smithy-client exports it for every v3 release (older clients import it from
// there, newer ones from @smithy/core, which 4.x re-exports); the import is type-only, nothing runs.
const awsError = { pkg: '@smithy/smithy-client', name: 'ServiceException' };
const dynamoDbPkg = serviceByV2Name('DynamoDB')!.pkg;

/**
 * `AWS.<name>` that is a type to this codemod: AWSError, which v3 has; and `Response`, the class of
 * a v2 result's `$response`, which it has not: known so that an import of it left unused goes.
 */
export function namespaceTypeRef(name: string): V2Ref | undefined {
  return name === 'AWSError' || name === 'Response' ? { kind: 'type', name } : undefined;
}

/** A name a v2 service namespace declares (its table knows it) or the DocumentClient class. */
function namedImportRef(service: ServiceInfo, name: string): V2Ref | undefined {
  if (service.v2 === 'DynamoDB' && name === 'DocumentClient') return { kind: 'service', service: documentClient };
  return name === 'ClientConfiguration' || v3TypeOf(service.v2, name) ? { kind: 'type', name, service } : undefined;
}

/**
 * `import { GetObjectOutput } from 'aws-sdk/clients/s3'`: bind every name, or none (false) when one
 * has no v3 type, so the import is either replaced whole or left as it is.
 */
export function bindServiceImports(ctx: FileContext, bindings: ts.NamedImports, service: ServiceInfo): boolean {
  const refs = bindings.elements.map((el) => namedImportRef(service, (el.propertyName ?? el.name).text));
  if (refs.some((r) => !r)) return false;
  bindings.elements.forEach((el, i) => ctx.names.set(el.name.text, refs[i]!));
  return true;
}

function parts(name: ts.EntityName): ts.Identifier[] {
  return ts.isIdentifier(name) ? [name] : [...parts(name.left), name.right];
}

/** The service (none for AWSError) and the names after it, from the head binding and the rest. */
function resolve(head: V2Ref, rest: string[]): { service?: ServiceInfo; names: string[] } | undefined {
  let service: ServiceInfo | undefined;
  let names = rest;
  if (head.kind === 'ns') {
    if (rest.length === 1 && namespaceTypeRef(rest[0])) return { names: rest };
    service = rest[0] === undefined ? undefined : serviceByV2Name(rest[0]);
    if (!service) return undefined;
    names = rest.slice(1);
  } else if (head.kind === 'service') service = head.service;
  else if (head.kind === 'type') {
    if (!head.service) return rest.length ? undefined : { names: [head.name] };
    service = head.service;
    names = [head.name, ...rest];
  } else return undefined;
  if (service?.v2 === 'DynamoDB' && names[0] === 'DocumentClient') {
    service = documentClient;
    names = names.slice(1);
  }
  if (names[0] === 'Types') {
    names = names.slice(1);
    if (names.length === 0) return undefined; // the namespace itself is no type
  }
  return { service, names };
}

interface Converted {
  text: string;
  imports: [pkg: string, name: string][];
}

/** The quote the file's imports are written with. */
function quoteOf(ctx: FileContext): string {
  const first = ctx.v2Imports[0];
  return (first && /["']/.exec(first.getText(ctx.sf))?.[0]) ?? "'";
}

/**
 * The v3 type for a name under a service namespace. A v2 output type becomes the command's output
 * without `$metadata`: v3 adds that required field, and the project's own values of the type (a
 * fake implementing an interface, a test's canned answer) do not have it; every v3 result still is one.
 */
function member(ctx: FileContext, service: ServiceInfo, name: string): Converted | undefined {
  if (name === 'ClientConfiguration' && !service.doc) {
    const config = `${service.v3}ClientConfig`;
    return { text: config, imports: [[service.pkg, config]] };
  }
  const v3 = v3TypeOf(service.doc ? documentTable : service.v2, name);
  if (!v3) return undefined;
  if (v3.kind === 'command') {
    const command = `${v3.op}Command${v3.io}`;
    const q = quoteOf(ctx);
    const text = v3.io === 'Output' ? `Omit<${command}, ${q}$metadata${q}>` : command;
    return { text, imports: [[service.pkg, command]] };
  }
  // DocumentClient's structures without attribute values are DynamoDB's own
  const pkgOf = (n: string) => (!service.doc || n === 'NativeAttributeValue' ? service.pkg : dynamoDbPkg);
  return { text: v3.text, imports: v3.names.map((n) => [pkgOf(n), n]) };
}

/** The client class itself: `AWS.S3` -> `S3Client`; a typed holder becomes a known client instance. */
function clientType(ctx: FileContext, node: ts.TypeReferenceNode, service: ServiceInfo): Converted {
  const base = service.doc ? 'DynamoDBDocument' : service.v3;
  const text = ctx.style === 'bare' ? `${base}Client` : base;
  const holder = node.parent;
  const typed =
    ts.isParameter(holder) ||
    ts.isPropertyDeclaration(holder) ||
    ts.isVariableDeclaration(holder) ||
    ts.isPropertySignature(holder);
  if (typed && holder.type === node && (ts.isIdentifier(holder.name) || ts.isPrivateIdentifier(holder.name))) {
    addInstance(ctx, holder.name.text, service);
  }
  return { text, imports: [[service.pkg, text]] };
}

const declarationKinds = new Set([
  ts.SyntaxKind.VariableDeclaration,
  ts.SyntaxKind.BindingElement,
  ts.SyntaxKind.Parameter,
  ts.SyntaxKind.FunctionDeclaration,
  ts.SyntaxKind.ClassDeclaration,
  ts.SyntaxKind.InterfaceDeclaration,
  ts.SyntaxKind.TypeAliasDeclaration,
  ts.SyntaxKind.EnumDeclaration,
  ts.SyntaxKind.ModuleDeclaration,
  ts.SyntaxKind.TypeParameter,
  ts.SyntaxKind.ImportSpecifier,
  ts.SyntaxKind.ImportClause,
  ts.SyntaxKind.NamespaceImport,
  ts.SyntaxKind.ImportEqualsDeclaration,
]);
const declaredNames = new WeakMap<FileContext, Set<string>>();

/** Names the file declares outside its v2 imports: an imported v3 type must not collide with one. */
function declared(ctx: FileContext): Set<string> {
  let names = declaredNames.get(ctx);
  if (names) return names;
  names = new Set();
  const found = names;
  const visit = (node: ts.Node): void => {
    if (ctx.v2Imports.includes(node)) return;
    const name = (node as { name?: ts.Node }).name;
    if (declarationKinds.has(node.kind) && name && ts.isIdentifier(name)) found.add(name.text);
    ts.forEachChild(node, visit);
  };
  visit(ctx.sf);
  declaredNames.set(ctx, found);
  return found;
}

/** Why an import of `name` from `pkg` would clash, if it would. */
function clash(ctx: FileContext, pkg: string, name: string): string | undefined {
  if (declared(ctx).has(name)) return `the file already declares \`${name}\``;
  for (const [other, set] of [...ctx.types, ...ctx.values]) {
    if (other !== pkg && set.has(name)) return `\`${name}\` is imported from ${other} too`;
  }
  return undefined;
}

// Fields of a v2 AWSError that v3's ServiceException does not have (it has `$metadata.httpStatusCode`,
// `$retryable`, `$metadata.requestId`…, and `name` for `code`).
const v2ErrorFields = new Set([
  'code',
  'statusCode',
  'retryable',
  'retryDelay',
  'time',
  'hostname',
  'region',
  'requestId',
  'extendedRequestId',
  'cfId',
  'originalError',
]);

/** A v2-only field the parameter or variable this AWSError type declares is read for, if any. */
function v2ErrorFieldRead(ctx: FileContext, node: ts.TypeReferenceNode): string | undefined {
  const holder = node.parent;
  if (!(ts.isParameter(holder) || ts.isVariableDeclaration(holder)) || holder.type !== node) return undefined;
  if (!ts.isIdentifier(holder.name)) return undefined;
  const name = holder.name.text;
  let field: string | undefined;
  const visit = (n: ts.Node): void => {
    if (field) return;
    if (ts.isPropertyAccessExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === name) {
      if (v2ErrorFields.has(n.name.text)) field = n.name.text;
    }
    ts.forEachChild(n, visit);
  };
  visit(ts.isParameter(holder) ? holder.parent : (holder.parent.parent.parent ?? ctx.sf));
  return field;
}

/** `PromiseResult<Output, AWSError>` -> `Output`: what a v3 `send` resolves to (its output types convert on their own). */
function unwrapPromiseResult(ctx: FileContext, node: ts.TypeReferenceNode): true {
  const [output, ...rest] = node.typeArguments ?? [];
  if (!output) return (report(ctx, node, 'type', '`PromiseResult` without its output type; change it by hand'), true);
  ctx.consumed.add(node.typeName);
  ctx.edits.replace(node.getStart(ctx.sf), output.getStart(ctx.sf), '');
  ctx.edits.replace(output.getEnd(), node.getEnd(), '');
  ctx.removed.push(...rest); // the error type goes with it
  dropResponse(ctx, node);
  return true;
}

/**
 * A value written as a v2 result (`const answer: PromiseResult<…> = { $response: new Response(), … }`,
 * a test's canned answer): v3 results have no `$response`, so that property goes with the type.
 */
function dropResponse(ctx: FileContext, type: ts.TypeReferenceNode): void {
  const holder = type.parent;
  if (!ts.isVariableDeclaration(holder) || holder.type !== type) return;
  const literal = holder.initializer;
  if (!literal || !ts.isObjectLiteralExpression(literal)) return;
  const prop = literal.properties.find((p) => p.name && ts.isIdentifier(p.name) && p.name.text === '$response');
  if (!prop) return;
  const text = ctx.edits.text;
  let end = prop.getEnd();
  const comma = /^\s*,/.exec(text.slice(end));
  if (comma) end += comma[0].length;
  const [start, stop] = wholeLines(text, prop.getStart(ctx.sf), end);
  ctx.edits.replace(start, stop, '');
  markConsumed(ctx, prop);
  ctx.removed.push(prop);
}

/** Convert one type reference; returns true when it named something from aws-sdk. */
export function convertTypeRef(ctx: FileContext, node: ts.TypeReferenceNode): boolean {
  const ids = parts(node.typeName);
  const head = ctx.names.get(ids[0].text);
  if (!head || head.kind === 'credentials') return false;
  if (head.kind === 'type' && head.name === 'PromiseResult' && !head.service && ids.length === 1)
    return unwrapPromiseResult(ctx, node);
  const where = resolve(
    head,
    ids.slice(1).map((id) => id.text),
  );
  const what = `type \`${node.typeName.getText(ctx.sf)}\``;
  let v3: Converted | undefined;
  if (where && !where.service && where.names[0] === 'AWSError') {
    const field = v2ErrorFieldRead(ctx, node);
    if (field) {
      const why = `reads \`${field}\`, which v3's ServiceException does not have (it has $metadata, $retryable and name); the type stays v2: change it, and the reads, by hand`;
      return (report(ctx, node, 'type', `${what} ${why}`), true);
    }
    v3 = { text: awsError.name, imports: [[awsError.pkg, awsError.name]] };
  } else if (where?.service && where.names.length === 0) v3 = clientType(ctx, node, where.service);
  else if (where?.service && where.names.length === 1) v3 = member(ctx, where.service, where.names[0]);
  if (!v3) return (report(ctx, node, 'type', `${what} has no v3 mapping; change it by hand`), true);
  const why = v3.imports.map(([pkg, name]) => clash(ctx, pkg, name)).find(Boolean);
  if (why) return (report(ctx, node, 'type', `${what} is \`${v3.text}\` in v3, but ${why}; change it by hand`), true);
  for (const id of ids) ctx.consumed.add(id);
  for (const [pkg, name] of v3.imports) needType(ctx, pkg, name);
  ctx.edits.replaceNode(node.typeName, v3.text, ctx.sf);
  return true;
}
