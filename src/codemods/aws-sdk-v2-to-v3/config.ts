// Maps v2 client configuration keys to their v3 equivalents, property by property, so values
// and comments stay as written.
import { ts } from 'ts-morph';
import { report, textOf, type FileContext } from './context.js';
import { endpointProperty } from './endpoints.js';

const renamed: Record<string, string> = {
  s3ForcePathStyle: 'forcePathStyle',
  s3BucketEndpoint: 'bucketEndpoint',
  sslEnabled: 'tls',
};

// Options v3 has no use for: it always signs with SigV4, validates, and corrects clock skew.
const dropped = new Set([
  'apiVersion', 'signatureVersion', 'paramValidation', 'correctClockSkew', 'computeChecksums',
  'convertResponseTypes', 'dynamoDbCrc32', 'hostPrefixEnabled', 'signatureCache', 'stsRegionalEndpoints',
]);

const kept = new Set([
  'region', 'credentials', 'endpoint', 'logger', 'useFipsEndpoint', 'useDualstackEndpoint',
  'useAccelerateEndpoint', 'customUserAgent', 'maxAttempts', 'requestHandler', 'forcePathStyle', 'tls',
]);

const httpOptionKeys: Record<string, string> = { timeout: 'requestTimeout', connectTimeout: 'connectionTimeout', agent: 'httpsAgent' };
const credentialKeys = ['accessKeyId', 'secretAccessKey', 'sessionToken'];

/** New text for each property of a v2 config literal: a string, or null to drop it. */
export type PropPlan = Map<ts.ObjectLiteralElementLike, string | null>;

function propName(prop: ts.ObjectLiteralElementLike): string | undefined {
  if (!prop.name) return undefined;
  if (ts.isIdentifier(prop.name) || ts.isStringLiteral(prop.name)) return prop.name.text;
  return undefined;
}

function valueText(ctx: FileContext, prop: ts.ObjectLiteralElementLike): string | undefined {
  if (ts.isPropertyAssignment(prop)) return textOf(ctx, prop.initializer);
  if (ts.isShorthandPropertyAssignment(prop)) return prop.name.text;
  return undefined;
}

function maxAttempts(ctx: FileContext, prop: ts.ObjectLiteralElementLike): string | undefined {
  const value = ts.isPropertyAssignment(prop) ? prop.initializer : undefined;
  if (value && ts.isNumericLiteral(value)) return `maxAttempts: ${Number(value.text) + 1}`;
  const text = valueText(ctx, prop);
  return text === undefined ? undefined : `maxAttempts: ${/^[\w.]+$/.test(text) ? text : `(${text})`} + 1`;
}

function requestHandler(ctx: FileContext, prop: ts.ObjectLiteralElementLike): string | undefined {
  if (!ts.isPropertyAssignment(prop) || !ts.isObjectLiteralExpression(prop.initializer)) return undefined;
  const parts: string[] = [];
  for (const inner of prop.initializer.properties) {
    const name = propName(inner);
    const value = valueText(ctx, inner);
    if (!name || value === undefined || !(name in httpOptionKeys)) return undefined;
    parts.push(`${httpOptionKeys[name]}: ${value}`);
  }
  return `requestHandler: { ${parts.join(', ')} }`;
}

/** Decide the fate of every property; reports what it must leave for a person. */
export function planConfig(ctx: FileContext, literal: ts.ObjectLiteralExpression, skip: ReadonlySet<ts.Node> = new Set()): PropPlan {
  const plan: PropPlan = new Map();
  for (const prop of skip) plan.set(prop as ts.ObjectLiteralElementLike, null);
  const creds = literal.properties.filter((p) => credentialKeys.includes(propName(p) ?? ''));
  if (creds.length > 0) {
    const body = creds.map((p) => `${propName(p)}: ${valueText(ctx, p)}`).join(', ');
    creds.forEach((p, i) => plan.set(p, i === 0 ? `credentials: { ${body} }` : null));
  }
  for (const prop of literal.properties) {
    if (plan.has(prop)) continue;
    const name = propName(prop);
    if (name === undefined) {
      report(ctx, prop, 'config-spread', 'client configuration built from a spread: check its keys against v3', 'warning');
      continue;
    }
    if (kept.has(name)) plan.set(prop, name === 'endpoint' ? endpointProperty(ctx, prop) : textOf(ctx, prop));
    else if (name in renamed) plan.set(prop, `${renamed[name]}: ${valueText(ctx, prop)}`);
    else if (dropped.has(name)) plan.set(prop, null);
    else if (name === 'maxRetries') plan.set(prop, maxAttempts(ctx, prop) ?? textOf(ctx, prop));
    else if (name === 'httpOptions') {
      const handler = requestHandler(ctx, prop);
      if (handler) plan.set(prop, handler);
      else report(ctx, prop, 'config-http-options', 'httpOptions has keys or a shape with no v3 mapping; set requestHandler by hand');
    } else {
      report(ctx, prop, 'config-key', `client option \`${name}\` has no v3 equivalent; check it by hand`, name === 'params' ? 'manual' : 'warning');
    }
  }
  return plan;
}

/** Apply a plan to the literal in place: replace changed properties, remove dropped ones. */
export function applyConfig(ctx: FileContext, literal: ts.ObjectLiteralExpression, plan: PropPlan): void {
  const props = literal.properties;
  const removed = props.map((p) => plan.get(p) === null);
  if (props.length > 0 && removed.every(Boolean)) return ctx.edits.replaceNode(literal, '{}', ctx.sf);
  for (let i = 0; i < props.length; i++) {
    const text = plan.get(props[i]);
    if (typeof text === 'string' && text !== textOf(ctx, props[i])) ctx.edits.replaceNode(props[i], text, ctx.sf);
    if (!removed[i] || (i > 0 && removed[i - 1])) continue;
    // a run of removed properties: take the separator after it, or the one before it at the end
    let j = i;
    while (j + 1 < props.length && removed[j + 1]) j++;
    if (j + 1 < props.length) ctx.edits.replace(props[i].getStart(ctx.sf), props[j + 1].getStart(ctx.sf), '');
    else ctx.edits.replace(props[i - 1].getEnd(), props[j].getEnd(), '');
  }
}

/** The text of a plan's surviving properties, for copying global config into a client. */
export function planText(plan: PropPlan): string[] {
  return [...plan.values()].filter((t): t is string => t !== null);
}

export function propNames(literal: ts.ObjectLiteralExpression): Set<string> {
  return new Set(literal.properties.map(propName).filter((n): n is string => n !== undefined));
}

export { propName };
