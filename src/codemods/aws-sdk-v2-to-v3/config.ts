// Maps v2 client configuration keys to their v3 equivalents, property by property, so values
// and comments stay as written. One table serves client constructors, `new AWS.Config(...)` and
// the global `AWS.config` settings (https://github.com/aws/aws-sdk-js-v3/blob/main/UPGRADING.md).
import { ts } from '../../util/typescript.cjs';
import type { Severity } from '../types.js';
import { markConsumed } from './bindings.js';
import { report, textOf, type FileContext } from './context.js';
import { v3Value } from './credentials.js';
import { endpointValue } from './endpoints.js';
import { unsafeUse } from './value-uses.js';

/**
 * What one key becomes: the v3 key (with a new value text when the value changes), null when
 * v3 behaves as the key asks without it, or why it stays as written for a person to check.
 */
export type KeyResult =
  { to: string; value?: string; note?: string } | null | { why: string; severity: Severity; rule?: string };

/** `literal` is the object the key is in, when it is in one. */
type Rule = (ctx: FileContext, value: ts.Expression, name: string, literal?: ts.ObjectLiteralExpression) => KeyResult;

const as =
  (to?: string): Rule =>
  (_ctx, _value, name) => ({ to: to ?? name });
const drop: Rule = () => null;
const keepBecause =
  (why: string, severity: Severity = 'warning'): Rule =>
  () => ({ why, severity });

/** The literal text of a simple value: 'v4', true, 3. */
function literalOf(value: ts.Expression): string | undefined {
  if (ts.isStringLiteralLike(value) || ts.isNumericLiteral(value)) return value.text;
  if (value.kind === ts.SyntaxKind.TrueKeyword) return 'true';
  if (value.kind === ts.SyntaxKind.FalseKeyword) return 'false';
  return undefined;
}

/** Dropped when the value asks for what v3 always does; any other value stays and is reported. */
const dropWhen =
  (v3: string, why: string): Rule =>
  (_ctx, value) =>
    literalOf(value) === v3 ? null : { why, severity: 'warning' };

const paren = (ctx: FileContext, value: ts.Expression) =>
  /^[\w.]+$/.test(textOf(ctx, value)) ? textOf(ctx, value) : `(${textOf(ctx, value)})`;

const maxRetries: Rule = (ctx, value) => ({
  to: 'maxAttempts',
  value: ts.isNumericLiteral(value) ? String(Number(value.text) + 1) : `${paren(ctx, value)} + 1`,
});

const httpOptionKeys: Record<string, string> = {
  timeout: 'requestTimeout',
  connectTimeout: 'connectionTimeout',
  agent: 'httpsAgent',
};

const httpOptions: Rule = (ctx, value) => {
  const unmapped = {
    why: 'has keys or a shape with no v3 mapping; set requestHandler by hand',
    severity: 'manual' as const,
    rule: 'config-http-options',
  };
  if (!ts.isObjectLiteralExpression(value)) return unmapped;
  const parts: string[] = [];
  for (const inner of value.properties) {
    const name = propName(inner);
    const text = valueOf(inner);
    if (!name || !text || !(name in httpOptionKeys)) return unmapped;
    parts.push(`${httpOptionKeys[name]}: ${textOf(ctx, text)}`);
  }
  return { to: 'requestHandler', value: `{ ${parts.join(', ')} }` };
};

// v3 needs a full URL; v2 accepted a bare host and added https, or http with sslEnabled: false.
const endpoint: Rule = (ctx, value, _name, literal) => {
  const { text, why } = endpointValue(ctx, value, literal);
  if (why) return { why, severity: 'warning', rule: 'endpoint-scheme' };
  return text === undefined ? { to: 'endpoint' } : { to: 'endpoint', value: text };
};

const logger: Rule = (ctx, value) =>
  textOf(ctx, value) === 'console'
    ? { to: 'logger' }
    : {
        to: 'logger',
        note: 'v3 calls logger.debug/info/warn/error where v2 called log() or write(): check this logger has them',
      };

const hostPrefixEnabled: Rule = (ctx, value) => {
  const literal = literalOf(value);
  if (literal === 'true') return null;
  return { to: 'disableHostPrefix', value: literal === 'false' ? 'true' : `!${paren(ctx, value)}` };
};

/** `credentials`/`token`: a v2 object in it must convert, or the v3 client would get a v2 object. */
const identity: Rule = (ctx, value, name) => {
  const inner = v3Value(ctx, value);
  if (!inner || !('why' in inner)) return { to: name };
  return { why: `stays a v2 object a v3 client cannot use (${inner.why}); convert it by hand`, severity: 'manual' };
};

/**
 * v2 `credentialProvider`/`tokenProvider` took a provider chain object, used only when no
 * `credentials`/`token` were found; v3 takes a provider function as `credentials`/`token`.
 */
const chainKey =
  (to: string): Rule =>
  (ctx, value, _name, literal) => {
    const explicit = [to, ...(to === 'credentials' ? credentialKeys : [])];
    if (literal?.properties.some((p) => explicit.includes(propName(p) ?? ''))) return null;
    const inner = v3Value(ctx, value);
    if (inner && 'why' in inner) return { why: `is ${inner.why}`, severity: 'manual' };
    if (!inner)
      return { why: `takes a v2 chain object; v3 takes a provider function as \`${to}\``, severity: 'manual' };
    if (to !== 'credentials') return { to };
    const note = 'v2 tried the environment and shared ini file before this chain; v3 uses the chain first';
    return { to, note };
  };

const globalRegion = 'region "aws-global" selects the global one';

const rules: Record<string, Rule> = {
  region: as(),
  endpoint,
  logger,
  credentials: identity,
  token: identity,
  useFipsEndpoint: as(),
  useDualstackEndpoint: as(),
  useAccelerateEndpoint: as(),
  customUserAgent: as(),
  systemClockOffset: as(),
  endpointDiscoveryEnabled: as(),
  endpointCacheSize: as(),
  // already v3 keys (code written for both versions)
  maxAttempts: as(),
  requestHandler: as(),
  forcePathStyle: as(),
  tls: as(),
  bucketEndpoint: as(),
  useArnRegion: as(),
  disableHostPrefix: as(),
  s3ForcePathStyle: as('forcePathStyle'),
  s3BucketEndpoint: as('bucketEndpoint'),
  sslEnabled: as('tls'),
  s3UseArnRegion: as('useArnRegion'),
  credentialProvider: chainKey('credentials'),
  tokenProvider: chainKey('token'),
  maxRetries,
  httpOptions,
  hostPrefixEnabled,
  // v3 always does what these ask for, or they only ever changed how failures looked
  apiVersion: drop,
  apiVersions: drop,
  correctClockSkew: drop,
  paramValidation: drop,
  computeChecksums: drop,
  dynamoDbCrc32: drop,
  signatureCache: drop,
  s3DisableBodySigning: drop,
  signatureVersion: dropWhen('v4', 'v3 signs every request with Signature Version 4'),
  convertResponseTypes: dropWhen('true', 'v3 always converts response types (timestamps become Date objects)'),
  clientSideMonitoring: dropWhen('false', 'v3 has no client-side monitoring'),
  s3UsEast1RegionalEndpoint: dropWhen('regional', `v3 uses the regional endpoint in us-east-1; ${globalRegion}`),
  stsRegionalEndpoints: dropWhen('regional', `v3 STS uses regional endpoints; ${globalRegion}`),
  params: keepBecause('v3 clients have no bound parameters: pass them to each command', 'manual'),
  maxRedirects: keepBecause('v3 does not follow redirects (S3 has followRegionRedirects)'),
  retryDelayOptions: keepBecause('v3 sets retry delays through retryStrategy (@smithy/util-retry)'),
};

/** Map one v2 key and its value. Keys the table does not know are kept and reported. */
export function mapKey(
  ctx: FileContext,
  name: string,
  value: ts.Expression,
  literal?: ts.ObjectLiteralExpression,
): KeyResult {
  const rule = Object.hasOwn(rules, name) ? rules[name] : undefined;
  if (!rule) return { why: 'has no v3 equivalent; check it by hand', severity: 'warning' };
  return rule(ctx, value, name, literal);
}

/** True when the key with this value means the same in v3, under the same name. */
export function sameInV3(ctx: FileContext, name: string, value: ts.Expression): boolean {
  const result = mapKey(ctx, name, value);
  return result !== null && 'to' in result && result.to === name && result.value === undefined && !result.note;
}

export function reportKey(ctx: FileContext, node: ts.Node, name: string, result: KeyResult): void {
  if (result === null) return;
  const option = `client option \`${name}\``;
  if ('why' in result) report(ctx, node, result.rule ?? 'config-key', `${option} ${result.why}`, result.severity);
  else if (result.note) report(ctx, node, 'config-key', `${option}: ${result.note}`, 'warning');
}

/** New text for each property of a v2 config literal: a string, or null to drop it. */
export type PropPlan = Map<ts.ObjectLiteralElementLike, string | null>;

function propName(prop: ts.ObjectLiteralElementLike): string | undefined {
  if (!prop.name) return undefined;
  if (ts.isIdentifier(prop.name) || ts.isStringLiteral(prop.name)) return prop.name.text;
  return undefined;
}

/** The value of `key: value` or of the shorthand `{ key }`. */
export function valueOf(prop: ts.ObjectLiteralElementLike): ts.Expression | undefined {
  if (ts.isPropertyAssignment(prop)) return prop.initializer;
  if (ts.isShorthandPropertyAssignment(prop)) return prop.name;
  return undefined;
}

const credentialKeys = ['accessKeyId', 'secretAccessKey', 'sessionToken'];

/** Decide the fate of every property; reports what it must leave for a person. */
export function planConfig(
  ctx: FileContext,
  literal: ts.ObjectLiteralExpression,
  skip: ReadonlySet<ts.Node> = new Set(),
): PropPlan {
  const plan: PropPlan = new Map();
  for (const prop of skip) plan.set(prop as ts.ObjectLiteralElementLike, null);
  const creds = literal.properties.filter((p) => credentialKeys.includes(propName(p) ?? '') && valueOf(p));
  if (creds.length > 0) {
    const body = creds.map((p) => `${propName(p)}: ${textOf(ctx, valueOf(p)!)}`).join(', ');
    creds.forEach((p, i) => plan.set(p, i === 0 ? `credentials: { ${body} }` : null));
  }
  for (const prop of literal.properties) {
    if (plan.has(prop)) continue;
    const name = propName(prop);
    const value = valueOf(prop);
    if (name === undefined || !value) {
      const why = 'client configuration built from a spread: check its keys against v3';
      report(ctx, prop, 'config-spread', why, 'warning');
      continue;
    }
    const result = mapKey(ctx, name, value, literal);
    reportKey(ctx, prop, name, result);
    if (result === null) plan.set(prop, null);
    else if ('to' in result) {
      const same = result.to === name && result.value === undefined;
      plan.set(prop, same ? textOf(ctx, prop) : `${result.to}: ${result.value ?? textOf(ctx, value)}`);
    }
  }
  return plan;
}

/** Replace a property; when only its key changes, only the key, so edits inside its value stay possible. */
function replaceProp(ctx: FileContext, prop: ts.ObjectLiteralElementLike, text: string): void {
  if (ts.isPropertyAssignment(prop) && text.endsWith(`: ${textOf(ctx, prop.initializer)}`)) {
    const key = text.slice(0, text.length - textOf(ctx, prop.initializer).length);
    return ctx.edits.replace(prop.getStart(ctx.sf), prop.initializer.getStart(ctx.sf), key);
  }
  ctx.edits.replaceNode(prop, text, ctx.sf);
}

/** A dropped property goes whole: nothing in it is converted or left. */
function dropProp(ctx: FileContext, prop: ts.ObjectLiteralElementLike): void {
  markConsumed(ctx, prop);
  ctx.removed.push(prop);
}

/** Apply a plan to the literal in place: replace changed properties, remove dropped ones. */
export function applyConfig(ctx: FileContext, literal: ts.ObjectLiteralExpression, plan: PropPlan): void {
  const props = literal.properties;
  const removed = props.map((p) => plan.get(p) === null);
  if (props.length > 0 && removed.every(Boolean)) {
    props.forEach((p) => dropProp(ctx, p));
    return ctx.edits.replaceNode(literal, '{}', ctx.sf);
  }
  for (let i = 0; i < props.length; i++) {
    const text = plan.get(props[i]);
    if (typeof text === 'string' && text !== textOf(ctx, props[i])) replaceProp(ctx, props[i], text);
    if (removed[i]) dropProp(ctx, props[i]);
    if (!removed[i] || (i > 0 && removed[i - 1])) continue;
    // a run of removed properties: take the separator after it, or the one before it at the end
    let j = i;
    while (j + 1 < props.length && removed[j + 1]) j++;
    if (j + 1 < props.length) ctx.edits.replace(props[i].getStart(ctx.sf), props[j + 1].getStart(ctx.sf), '');
    else ctx.edits.replace(props[i - 1].getEnd(), props[j].getEnd(), '');
  }
}

export function propNames(literal: ts.ObjectLiteralExpression): Set<string> {
  return new Set(literal.properties.map(propName).filter((n): n is string => n !== undefined));
}

/** Keys a plain object keeps under the same name and value, so reading them still works. */
function readableKeys(ctx: FileContext, literal: ts.ObjectLiteralExpression | undefined): Set<string> {
  const keys = new Set<string>();
  for (const prop of literal?.properties ?? []) {
    const name = propName(prop);
    const value = valueOf(prop);
    const identity = name === 'credentials' || name === 'token';
    if (name && value && !identity && sameInV3(ctx, name, value)) keys.add(name);
  }
  return keys;
}

/** `new AWS.Config({...})` -> the plain object a v3 client takes, where nothing needs the v2 object. */
export function convertConfigObject(ctx: FileContext, node: ts.NewExpression): void {
  const args = node.arguments ?? [];
  const literal = args[0];
  if (args.length > 1 || (literal && !ts.isObjectLiteralExpression(literal))) {
    const why = 'AWS.Config built from something other than an object literal: its keys cannot be mapped';
    return report(ctx, node, 'config-object', why);
  }
  const why = unsafeUse(ctx, node, { slots: new Set(), clientArg: true, reads: readableKeys(ctx, literal) });
  if (why) return report(ctx, node, 'config-object', `AWS.Config object stays on v2: ${why}`);
  markConsumed(ctx, node.expression);
  // an object literal cannot start a statement
  const [open, close] = ts.isExpressionStatement(node.parent) ? ['(', ')'] : ['', ''];
  if (!literal) return ctx.edits.replaceNode(node, `${open}{}${close}`, ctx.sf);
  const plan = planConfig(ctx, literal);
  ctx.edits.replace(node.getStart(ctx.sf), literal.getStart(ctx.sf), open);
  ctx.edits.replace(literal.getEnd(), node.getEnd(), close);
  applyConfig(ctx, literal, plan);
}

export { propName };
