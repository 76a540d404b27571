// Global `AWS.config` settings. v3 has no global configuration: the settings move into each
// client created after them in the same file.
import { ts } from '../../util/typescript.cjs';
import { markConsumed, resolveRef } from './bindings.js';
import { mapKey, planConfig, reportKey, valueOf, type PropPlan } from './config.js';
import { needValue, report, textOf, type FileContext } from './context.js';
import { lineOf } from './edits.js';
import { copiedText } from './credentials.js';
import { whileMoving } from './value-uses.js';

/** `AWS.config` (or `AWS.config.<member>`) where AWS is the v2 namespace. */
function configMember(ctx: FileContext, expr: ts.Expression): string | undefined {
  if (!ts.isPropertyAccessExpression(expr)) return undefined;
  const base = expr.expression;
  if (!ts.isPropertyAccessExpression(base) || base.name.text !== 'config') return undefined;
  return resolveRef(ctx, base.expression)?.kind === 'ns' ? expr.name.text : undefined;
}

export interface Globals {
  /** From a position on (the statement's end), v3 key -> property text. */
  settings: { after: number; key: string; text: string }[];
  removed: ts.Node[];
  /** Global settings left on v2: clients created after them do not get them. */
  left: { after: number; line: number }[];
}

function keyOf(text: string): string {
  return /^\s*([\w$]+)/.exec(text)![1];
}

/** The client option texts of a global settings statement; undefined when it stays; 'other' when it is none. */
function settingTexts(ctx: FileContext, stmt: ts.ExpressionStatement): string[] | undefined | 'other' {
  const expr = stmt.expression;
  if (ts.isCallExpression(expr) && configMember(ctx, expr.expression) === 'setPromisesDependency') return [];
  if (ts.isCallExpression(expr) && configMember(ctx, expr.expression) === 'update') {
    const arg = expr.arguments[0];
    if (expr.arguments.length !== 1 || !ts.isObjectLiteralExpression(arg)) return undefined;
    const plan = planConfig(ctx, arg);
    if (plan.size !== arg.properties.length) return undefined; // keys it could not map stay for a person
    return updateTexts(ctx, arg, plan, stmt);
  }
  if (ts.isBinaryExpression(expr) && expr.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    const key = configMember(ctx, expr.left);
    return key ? mapAssignment(ctx, key, expr.right, stmt) : 'other';
  }
  return 'other';
}

/** Collect and remove top-level `AWS.config.update({...})` and `AWS.config.x = y` statements. */
/** `stays`: a client of this file stays on v2, so the statements stay too (v3 clients still get them). */
export function collectGlobals(ctx: FileContext, stays = false): Globals {
  const globals: Globals = { settings: [], removed: [], left: [] };
  for (const stmt of ctx.sf.statements) {
    if (!ts.isExpressionStatement(stmt)) continue;
    const texts = whileMoving(stmt, () => settingTexts(ctx, stmt));
    if (texts === 'other') continue;
    if (!texts) {
      globals.left.push({ after: stmt.getEnd(), line: lineOf(ctx.sf, stmt.getStart(ctx.sf)) });
      continue;
    }
    for (const text of texts) globals.settings.push({ after: stmt.getEnd(), key: keyOf(text), text });
    markConsumed(ctx, stmt);
    globals.removed.push(stmt);
    ctx.removed.push(stmt);
    ctx.edits.removeStatement(stmt, ctx.sf);
    const moved = stays
      ? 'AWS.config stays for the clients kept on v2 here; v3 clients created after it in this file get its settings'
      : 'AWS.config moved into the clients created in this file; clients in other modules do not get it';
    report(ctx, stmt, 'global-config', moved, 'info');
  }
  return globals;
}

/** `AWS.config.<key> = value` as client option text (none when dropped), or undefined to leave it. */
function mapAssignment(ctx: FileContext, key: string, value: ts.Expression, stmt: ts.Node): string[] | undefined {
  const result = mapKey(ctx, key, value);
  reportKey(ctx, stmt, key, result);
  if (result === null) return [];
  if (!('to' in result)) return undefined;
  const copied = result.value === undefined ? copiedText(ctx, value) : { text: result.value, imports: [] };
  return 'why' in copied ? reportCopy(ctx, stmt, copied.why) : [`${result.to}: ${take(ctx, copied)}`];
}

/** Texts of a planned `AWS.config.update({...})` with the v2 credentials in its values converted. */
function updateTexts(
  ctx: FileContext,
  literal: ts.ObjectLiteralExpression,
  plan: PropPlan,
  stmt: ts.Node,
): string[] | undefined {
  const texts: string[] = [];
  for (const prop of literal.properties) {
    const text = plan.get(prop);
    if (typeof text !== 'string') continue;
    const value = valueOf(prop)!;
    const copied = copiedText(ctx, value);
    if ('why' in copied) return reportCopy(ctx, stmt, copied.why);
    texts.push(text.replace(textOf(ctx, value), take(ctx, copied)));
  }
  return texts;
}

function reportCopy(ctx: FileContext, stmt: ts.Node, why: string): undefined {
  report(ctx, stmt, 'global-config', `AWS.config setting left on v2: ${why}`);
  return undefined;
}

/** The text of a converted value, with the imports it needs. */
function take(ctx: FileContext, out: { text: string; imports: [string, string][] }): string {
  for (const [pkg, name] of out.imports) needValue(ctx, pkg, name);
  return out.text;
}

/** A `new AWS.Config(...)`, directly or through the variable holding it. */
function isConfigObject(ctx: FileContext, arg: ts.Expression | undefined): boolean {
  let expr = arg;
  if (arg && ts.isIdentifier(arg)) {
    const decl = ctx.sf.statements
      .filter(ts.isVariableStatement)
      .flatMap((s) => [...s.declarationList.declarations])
      .find((d) => ts.isIdentifier(d.name) && d.name.text === arg.text);
    expr = decl?.initializer;
  }
  return !!expr && ts.isNewExpression(expr) && resolveRef(ctx, expr.expression)?.kind === 'config';
}

/**
 * Settings that apply to the client `node` creates. A v2 client given an AWS.Config object took
 * every key from it (its defaults too), so AWS.config did not reach that client.
 */
export function settingsFor(ctx: FileContext, globals: Globals, node: ts.NewExpression): Map<string, string> {
  const out = new Map<string, string>();
  if (isConfigObject(ctx, node.arguments?.[0])) return out;
  const pos = node.getStart(ctx.sf);
  for (const s of globals.settings) if (s.after <= pos) out.set(s.key, s.text);
  const left = globals.left.filter((l) => l.after <= pos).map((l) => l.line);
  const why = `AWS.config set on line ${left.join(', ')} stays v2 and does not reach this v3 client: set it here`;
  if (left.length) report(ctx, node, 'global-config', why, 'warning');
  return out;
}
