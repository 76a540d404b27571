// `new AWS.S3(config)` -> `new S3Client(config)` (or the aggregated `new S3(config)`), and
// `new AWS.DynamoDB.DocumentClient(options)` -> `DynamoDBDocumentClient.from(new DynamoDBClient(...), ...)`.
import { ts } from '../../util/typescript.cjs';
import { markConsumed, resolveRef } from './bindings.js';
import { applyConfig, planConfig, propName, propNames, type PropPlan } from './config.js';
import { addInstance, instanceOf, needValue, report, textOf, type FileContext } from './context.js';
import { indentAt } from './edits.js';
import { resolve, type Names } from './scopes.js';
import { documentClient, serviceByV2Name, type ServiceInfo } from './services.js';
import { captureClient, capturingCall } from './xray.js';

/** Where a new client is stored, so calls through that name can be found. */
function storedName(node: ts.Expression): string | undefined {
  const parent = node.parent;
  if (
    (ts.isVariableDeclaration(parent) ||
      ts.isPropertyDeclaration(parent) ||
      ts.isPropertyAssignment(parent) ||
      ts.isParameter(parent)) &&
    parent.initializer === node &&
    (ts.isIdentifier(parent.name) || ts.isPrivateIdentifier(parent.name))
  ) {
    return parent.name.text;
  }
  if (
    ts.isBinaryExpression(parent) &&
    parent.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
    parent.right === node
  ) {
    const left = parent.left;
    if (ts.isIdentifier(left)) return left.text;
    if (ts.isPropertyAccessExpression(left)) return left.name.text;
  }
  return undefined;
}

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
  const extra = [...globals]
    .filter(([key]) => !own.has(key) && !(key === 'maxAttempts' && own.has('maxRetries')))
    .map(([, t]) => t);
  if (extra.length === 0) return;
  const first = arg.properties[0];
  if (!first) return ctx.edits.replaceNode(arg, `{ ${extra.join(', ')} }`, ctx.sf);
  const multiline = textOf(ctx, arg).includes('\n');
  const pos = first.getStart(ctx.sf);
  const sep = multiline ? `,\n${indentAt(ctx.edits.text, pos)}` : ', ';
  ctx.edits.insert(pos, extra.join(sep) + sep);
}

/**
 * With `service`, v2 built the DocumentClient on a copy of that client's configuration and ignored
 * other client options (all but `params`, which v3 has no place for); true when that applies.
 */
function fromService(
  ctx: FileContext,
  node: ts.NewExpression,
  literal: ts.ObjectLiteralExpression,
  moved: Set<ts.ObjectLiteralElementLike>,
  service: ts.Expression,
): boolean {
  const others = literal.properties.filter((p) => !moved.has(p));
  if (others.some((p) => propName(p) === undefined || propName(p) === 'params')) return false;
  if (others.length) {
    report(
      ctx,
      node,
      'document-client-options',
      `v2 ignored ${others.map(propName).join(', ')} beside \`service\`; left out`,
      'warning',
    );
  }
  const made = ts.isNewExpression(service) ? resolveRef(ctx, service.expression) : undefined;
  const known = made?.kind === 'service' ? made.service : instanceOf(ctx, service);
  if (known === undefined || known === 'ambiguous' || known.v2 !== 'DynamoDB') {
    report(
      ctx,
      service,
      'document-client-service',
      '`service` is not a DynamoDB client made in this file: it must be a v3 DynamoDBClient',
      'warning',
    );
  }
  return true;
}

function convertDocumentClient(
  ctx: FileContext,
  node: ts.NewExpression,
  globals: Map<string, string>,
  names: Names,
): void {
  const arg = node.arguments?.[0];
  const literal = arg && ts.isObjectLiteralExpression(arg) ? arg : undefined;
  if (arg && !literal) {
    report(
      ctx,
      node,
      'document-client-options',
      'DocumentClient options are not a literal: move convertEmptyValues/wrapNumbers into the translate config by hand',
      'warning',
    );
  }
  const translate: string[] = [];
  let marshall = 'removeUndefinedValues: true'; // v2 silently dropped undefined attributes
  let service: ts.Expression | undefined;
  const moved = new Set<ts.ObjectLiteralElementLike>();
  for (const prop of literal?.properties ?? []) {
    const name = propName(prop);
    const expr = ts.isPropertyAssignment(prop)
      ? prop.initializer
      : ts.isShorthandPropertyAssignment(prop)
        ? prop.name
        : undefined;
    if (expr === undefined) continue;
    const value = textOf(ctx, expr);
    if (name === 'convertEmptyValues') marshall += `, convertEmptyValues: ${value}`;
    else if (name === 'wrapNumbers') translate.push(`unmarshallOptions: { wrapNumbers: ${value} }`);
    else if (name === 'service') service = expr;
    else continue;
    moved.add(prop);
  }
  translate.unshift(`marshallOptions: { ${marshall} }`);
  const from = `${clientClass(ctx, documentClient)}.from(`;
  const ddb = clientClass(ctx, serviceByV2Name('DynamoDB')!);
  const args = node.arguments;
  if (service && literal && fromService(ctx, node, literal, moved, service)) {
    // only the text around the service changes, so a `new AWS.DynamoDB(…)` there converts too
    ctx.edits.replace(node.getStart(ctx.sf), service.getStart(ctx.sf), from);
    ctx.edits.replace(service.getEnd(), node.getEnd(), `, { ${translate.join(', ')} })`);
    return;
  }
  if (service !== undefined)
    report(
      ctx,
      node,
      'document-client-options',
      'DocumentClient has both `service` and client options; the options were applied to a new DynamoDB client',
      'warning',
    );
  ctx.edits.replace(node.getStart(ctx.sf), node.expression.getEnd(), `${from}new ${ddb}`);
  configure(ctx, node, literal ? planConfig(ctx, literal, moved) : undefined, globals, names);
  if (!args && globals.size === 0) ctx.edits.insert(node.getEnd(), '()');
  ctx.edits.insert(node.getEnd(), `, { ${translate.join(', ')} })`);
}

/** Convert one `new <v2 client>(...)`; returns false when it is not a client construction. */
/** `names`: the file's identifiers, to find what an argument is declared as. */
export function convertClient(
  ctx: FileContext,
  node: ts.NewExpression,
  globals: Map<string, string>,
  names: Names,
): boolean {
  const ref = resolveRef(ctx, node.expression);
  if (ref?.kind !== 'service') return false;
  markConsumed(ctx, node.expression);
  const name = storedName(capturingCall(node) ?? node);
  if (name) addInstance(ctx, name, ref.service);
  else
    report(
      ctx,
      node,
      'untracked-client',
      'client is not stored in a variable or property; calls made through it are not converted',
      'warning',
    );
  if (ref.service.doc) {
    convertDocumentClient(ctx, node, globals, names);
  } else {
    ctx.edits.replaceNode(node.expression, clientClass(ctx, ref.service), ctx.sf);
    const arg = node.arguments?.[0];
    configure(ctx, node, arg && ts.isObjectLiteralExpression(arg) ? planConfig(ctx, arg) : undefined, globals, names);
  }
  captureClient(ctx, node); // last: its closing parenthesis goes after every other edit at the end
  return true;
}

/** Map the client's own options and add the global ones, as one set of non-overlapping edits. */
function configure(
  ctx: FileContext,
  node: ts.NewExpression,
  plan: PropPlan | undefined,
  globals: Map<string, string>,
  names: Names,
): void {
  const literal = node.arguments?.[0];
  if (plan && literal && ts.isObjectLiteralExpression(literal)) {
    const emptied = literal.properties.length > 0 && literal.properties.every((p) => plan.get(p) === null);
    if (emptied && globals.size)
      return ctx.edits.replaceNode(literal, `{ ${[...globals.values()].join(', ')} }`, ctx.sf);
    applyConfig(ctx, literal, plan);
  }
  if (!globals.size && literal && mayBeUndefined(literal, names)) ctx.edits.insert(literal.getEnd(), ' ?? {}');
  mergeGlobals(ctx, node, globals);
}

/**
 * A configuration the code declares optional (`config?: …`, `… | undefined`): v2 took undefined for
 * the defaults; a v3 client's types take no undefined, and `{}` gives the same defaults.
 */
function mayBeUndefined(arg: ts.Expression, names: Names): boolean {
  const decl = ts.isIdentifier(arg) ? resolve(names, arg)?.parent : undefined;
  if (!decl || !(ts.isParameter(decl) || ts.isVariableDeclaration(decl))) return false;
  if (ts.isParameter(decl) && decl.questionToken && !decl.initializer) return true;
  const type = decl.type;
  return (
    !!type &&
    ts.isUnionTypeNode(type) &&
    type.types.some(
      (t) =>
        t.kind === ts.SyntaxKind.UndefinedKeyword ||
        (ts.isLiteralTypeNode(t) && t.literal.kind === ts.SyntaxKind.UndefinedKeyword),
    )
  );
}
