// Global `AWS.config` settings and credential providers. v3 has no global configuration: the
// settings move into each client created after them in the same file.
import { ts } from 'ts-morph';
import { markConsumed, resolveRef } from './bindings.js';
import { planConfig } from './config.js';
import { needValue, report, textOf, type FileContext } from './context.js';
import { credentialProviders } from './services.js';

/** `AWS.config` (or `AWS.config.<member>`) where AWS is the v2 namespace. */
function configMember(ctx: FileContext, expr: ts.Expression): string | undefined {
  if (!ts.isPropertyAccessExpression(expr)) return undefined;
  const base = expr.expression;
  if (ts.isPropertyAccessExpression(base) && base.name.text === 'config' && resolveRef(ctx, base.expression)?.kind === 'ns') return expr.name.text;
  return undefined;
}

export interface Globals {
  /** From a position on (the statement's end), v3 key -> property text. */
  settings: { after: number; key: string; text: string }[];
  removed: ts.Node[];
}

function keyOf(text: string): string {
  return /^\s*([\w$]+)/.exec(text)![1];
}

/** Collect and remove top-level `AWS.config.update({...})` and `AWS.config.x = y` statements. */
export function collectGlobals(ctx: FileContext): Globals {
  const globals: Globals = { settings: [], removed: [] };
  for (const stmt of ctx.sf.statements) {
    if (!ts.isExpressionStatement(stmt)) continue;
    const expr = stmt.expression;
    let texts: string[] | undefined;
    if (ts.isCallExpression(expr) && configMember(ctx, expr.expression) === 'update') {
      const arg = expr.arguments[0];
      if (expr.arguments.length !== 1 || !ts.isObjectLiteralExpression(arg)) continue;
      const plan = planConfig(ctx, arg);
      if (plan.size !== arg.properties.length) continue; // keys it could not map stay for a person
      texts = [...plan.values()].filter((t): t is string => t !== null).map((t) => credentialText(ctx, arg, t));
    } else if (ts.isCallExpression(expr) && configMember(ctx, expr.expression) === 'setPromisesDependency') {
      texts = [];
    } else if (ts.isBinaryExpression(expr) && expr.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const key = configMember(ctx, expr.left);
      if (!key) continue;
      texts = mapAssignment(ctx, key, expr.right);
      if (!texts) continue;
    } else continue;
    for (const text of texts) globals.settings.push({ after: stmt.getEnd(), key: keyOf(text), text });
    markConsumed(ctx, stmt);
    globals.removed.push(stmt);
    ctx.removed.push(stmt);
    ctx.edits.removeStatement(stmt, ctx.sf);
    report(ctx, stmt, 'global-config', 'AWS.config moved into the clients created in this file; clients in other modules do not get it', 'info');
  }
  return globals;
}

function mapAssignment(ctx: FileContext, key: string, value: ts.Expression): string[] | undefined {
  const valueText = credentialExpr(ctx, value) ?? textOf(ctx, value);
  if (key === 'region' || key === 'credentials' || key === 'endpoint') return [`${key}: ${valueText}`];
  if (key === 'maxRetries' && ts.isNumericLiteral(value)) return [`maxAttempts: ${Number(value.text) + 1}`];
  return undefined;
}

/** Replace a credentials constructor inside copied property text. */
function credentialText(ctx: FileContext, literal: ts.ObjectLiteralExpression, text: string): string {
  for (const prop of literal.properties) {
    if (!ts.isPropertyAssignment(prop)) continue;
    const converted = credentialExpr(ctx, prop.initializer);
    if (converted) return text.replace(textOf(ctx, prop.initializer), converted);
  }
  return text;
}

/** v3 text for `new AWS.SharedIniFileCredentials(opts)` and friends, or undefined. */
export function credentialExpr(ctx: FileContext, expr: ts.Expression): string | undefined {
  if (!ts.isNewExpression(expr)) return undefined;
  const ref = resolveRef(ctx, expr.expression);
  if (ref?.kind !== 'credentials') return undefined;
  const args = expr.arguments ?? [];
  if (ref.name === 'Credentials') {
    if (args.length === 1 && ts.isObjectLiteralExpression(args[0])) return textOf(ctx, args[0]);
    if (args.length < 2) return undefined;
    const keys = ['accessKeyId', 'secretAccessKey', 'sessionToken'];
    return `{ ${args.map((a, i) => `${keys[i]}: ${textOf(ctx, a)}`).join(', ')} }`;
  }
  const provider = credentialProviders[ref.name];
  const prefixOnly = ref.name === 'EnvironmentCredentials' && args.length === 1 && ts.isStringLiteralLike(args[0]) && args[0].text === 'AWS';
  if (!provider || args.length > 1 || (args.length === 1 && !provider.sameOptions && !prefixOnly)) return undefined;
  const fn = needValue(ctx, '@aws-sdk/credential-providers', provider.fn);
  return `${fn}(${prefixOnly ? '' : args.map((a) => textOf(ctx, a)).join('')})`;
}

/** A credentials constructor anywhere else in the file. */
export function convertCredentials(ctx: FileContext, expr: ts.NewExpression): boolean {
  if (resolveRef(ctx, expr.expression)?.kind !== 'credentials') return false;
  const text = credentialExpr(ctx, expr);
  if (text === undefined) {
    report(ctx, expr, 'credentials', 'credentials object with arguments v3 providers do not take; convert it by hand');
    return true;
  }
  markConsumed(ctx, expr.expression);
  ctx.edits.replaceNode(expr, text, ctx.sf);
  return true;
}

/** Settings that apply to a client created at `pos`. */
export function settingsAt(globals: Globals, pos: number): Map<string, string> {
  const out = new Map<string, string>();
  for (const s of globals.settings) if (s.after <= pos) out.set(s.key, s.text);
  return out;
}
