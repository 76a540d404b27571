// TypeScript types from the v2 namespaces: `AWS.S3` -> `S3Client`, `AWS.S3.GetObjectOutput` ->
// `GetObjectCommandOutput`, DocumentClient types -> lib-dynamodb's command types.
import { ts } from 'ts-morph';
import { memberRef } from './bindings.js';
import { addInstance, needType, report, type FileContext } from './context.js';
import { documentClient, documentTypes, type ServiceInfo } from './services.js';

function parts(name: ts.EntityName): ts.Identifier[] {
  return ts.isIdentifier(name) ? [name] : [...parts(name.left), name.right];
}

/** The v3 type for a v2 type path like [S3, Types, GetObjectOutput] of a service. */
function mapMember(service: ServiceInfo, rest: string[]): string | undefined {
  const names = rest[0] === 'Types' ? rest.slice(1) : rest;
  if (names.length === 0) return undefined;
  if (names.length > 1) return undefined;
  const name = names[0];
  if (service.doc) return documentTypes[name];
  if (name === 'ClientConfiguration') return `${service.v3}ClientConfig`;
  const op = /^(\w+?)(Request|Input|Output)$/.exec(name);
  if (op) return `${op[1]}Command${op[2] === 'Output' ? 'Output' : 'Input'}`;
  return name;
}

/** Convert one type reference; returns true when it named something from aws-sdk. */
export function convertTypeRef(ctx: FileContext, node: ts.TypeReferenceNode): boolean {
  const ids = parts(node.typeName);
  const head = ctx.names.get(ids[0].text);
  if (!head) return false;
  let i = 1;
  let service: ServiceInfo | undefined;
  if (head.kind === 'ns') {
    const member = ids[1] && memberRef(ids[1].text);
    if (member?.kind !== 'service') return report(ctx, node, 'type', `type \`${node.typeName.getText(ctx.sf)}\` has no v3 mapping; change it by hand`), true;
    service = member.service;
    i = 2;
  } else if (head.kind === 'service') service = head.service;
  else return false;
  if (service.v2 === 'DynamoDB' && ids[i]?.text === 'DocumentClient') {
    service = documentClient;
    i++;
  }
  const rest = ids.slice(i).map((id) => id.text);
  let text: string | undefined;
  if (rest.length === 0) {
    const base = service.doc ? 'DynamoDBDocument' : service.v3;
    text = ctx.style === 'bare' ? `${base}Client` : base;
    const holder = node.parent;
    if ((ts.isParameter(holder) || ts.isPropertyDeclaration(holder) || ts.isVariableDeclaration(holder) || ts.isPropertySignature(holder))
      && holder.type === node && (ts.isIdentifier(holder.name) || ts.isPrivateIdentifier(holder.name))) {
      addInstance(ctx, holder.name.text, service);
    }
  } else text = mapMember(service, rest);
  if (!text) return report(ctx, node, 'type', `type \`${node.typeName.getText(ctx.sf)}\` has no v3 mapping; change it by hand`), true;
  for (const id of ids) ctx.consumed.add(id);
  needType(ctx, service.pkg, text);
  ctx.edits.replaceNode(node.typeName, text, ctx.sf);
  return true;
}
