// `new AWS.S3(config)` -> `new S3Client(config)` (or the aggregated `new S3(config)`), and
// `new AWS.DynamoDB.DocumentClient(options)` -> `DynamoDBDocumentClient.from(new DynamoDBClient(...), ...)`.
import { ts } from 'ts-morph';
import { markConsumed, resolveRef } from './bindings.js';
import { applyConfig, planConfig, propName, propNames, type PropPlan } from './config.js';
import { needValue, report, textOf, type FileContext } from './context.js';
import { indentAt } from './edits.js';
import { documentClient, serviceByV2Name, type ServiceInfo } from './services.js';

export function clientClass(ctx: FileContext, service: ServiceInfo): string {
  const base = service.doc ? 'DynamoDBDocument' : service.v3;
  return needValue(ctx, service.pkg, ctx.style === 'bare' ? `${base}Client` : base);
}

/** Global `AWS.config` settings (already mapped) merged into a client's arguments. */
function mergeGlobals(ctx: FileContext, node: ts.NewExpression, globals: Map<string, string>): void {
  if (globals.size === 0) return;
  const arg = node.arguments?.[0];
  if (!arg) {
    const text = `{ ${[...globals.values()].join(', ')} }`;
    if (node.arguments) ctx.edits.insert(node.arguments.pos, text);
    else ctx.edits.insert(node.getEnd(), `(${text})`);
    return;
  }
  if (!ts.isObjectLiteralExpression(arg)) {
    ctx.edits.insert(arg.getStart(ctx.sf), `{ ${[...globals.values()].join(', ')}, ...`);
    ctx.edits.insert(arg.getEnd(), ' }');
    return;
  }
  const own = propNames(arg);
  const extra = [...globals].filter(([key]) => !own.has(key) && !(key === 'maxAttempts' && own.has('maxRetries'))).map(([, t]) => t);
  if (extra.length === 0) return;
  const first = arg.properties[0];
  if (!first) return ctx.edits.replaceNode(arg, `{ ${extra.join(', ')} }`, ctx.sf);
  const multiline = textOf(ctx, arg).includes('\n');
  const pos = first.getStart(ctx.sf);
  const sep = multiline ? `,\n${indentAt(ctx.edits.text, pos)}` : ', ';
  ctx.edits.insert(pos, extra.join(sep) + sep);
}

function convertDocumentClient(ctx: FileContext, node: ts.NewExpression, globals: Map<string, string>): void {
  const arg = node.arguments?.[0];
  const literal = arg && ts.isObjectLiteralExpression(arg) ? arg : undefined;
  if (arg && !literal) {
    report(ctx, node, 'document-client-options', 'DocumentClient options are not a literal: move convertEmptyValues/wrapNumbers into the translate config by hand', 'warning');
  }
  const translate: string[] = [];
  let marshall = 'removeUndefinedValues: true'; // v2 silently dropped undefined attributes
  let service: string | undefined;
  const moved = new Set<ts.ObjectLiteralElementLike>();
  for (const prop of literal?.properties ?? []) {
    const name = propName(prop);
    const value = ts.isPropertyAssignment(prop) ? textOf(ctx, prop.initializer) : ts.isShorthandPropertyAssignment(prop) ? prop.name.text : undefined;
    if (value === undefined) continue;
    if (name === 'convertEmptyValues') marshall += `, convertEmptyValues: ${value}`;
    else if (name === 'wrapNumbers') translate.push(`unmarshallOptions: { wrapNumbers: ${value} }`);
    else if (name === 'service') service = value;
    else continue;
    moved.add(prop);
  }
  translate.unshift(`marshallOptions: { ${marshall} }`);
  const from = `${clientClass(ctx, documentClient)}.from(`;
  const ddb = clientClass(ctx, serviceByV2Name('DynamoDB')!);
  const args = node.arguments;
  if (service !== undefined && literal && literal.properties.length === moved.size) {
    ctx.edits.replace(node.getStart(ctx.sf), node.getEnd(), `${from}${service}, { ${translate.join(', ')} })`);
    return;
  }
  if (service !== undefined) report(ctx, node, 'document-client-options', 'DocumentClient has both `service` and client options; the options were applied to a new DynamoDB client', 'warning');
  ctx.edits.replace(node.getStart(ctx.sf), node.expression.getEnd(), `${from}new ${ddb}`);
  configure(ctx, node, literal ? planConfig(ctx, literal, moved) : undefined, globals);
  if (!args && globals.size === 0) ctx.edits.insert(node.getEnd(), '()');
  ctx.edits.insert(node.getEnd(), `, { ${translate.join(', ')} })`);
}

/** Convert one `new <v2 client>(...)` the flow accepted; returns false when it is not a client construction. */
export function convertClient(ctx: FileContext, node: ts.NewExpression, globals: Map<string, string>): boolean {
  const ref = resolveRef(ctx, node.expression);
  if (ref?.kind !== 'service') return false;
  markConsumed(ctx, node.expression);
  if (ref.service.doc) {
    convertDocumentClient(ctx, node, globals);
    return true;
  }
  ctx.edits.replaceNode(node.expression, clientClass(ctx, ref.service), ctx.sf);
  const arg = node.arguments?.[0];
  configure(ctx, node, arg && ts.isObjectLiteralExpression(arg) ? planConfig(ctx, arg) : undefined, globals);
  return true;
}

/** Map the client's own options and add the global ones, as one set of non-overlapping edits. */
function configure(ctx: FileContext, node: ts.NewExpression, plan: PropPlan | undefined, globals: Map<string, string>): void {
  const literal = node.arguments?.[0];
  if (plan && literal && ts.isObjectLiteralExpression(literal)) {
    const emptied = literal.properties.length > 0 && literal.properties.every((p) => plan.get(p) === null);
    if (emptied && globals.size) return ctx.edits.replaceNode(literal, `{ ${[...globals.values()].join(', ')} }`, ctx.sf);
    applyConfig(ctx, literal, plan);
  }
  mergeGlobals(ctx, node, globals);
}
