// Client `endpoint` values: v2 accepted a bare host (`abc.execute-api.eu-west-1.amazonaws.com/prod`)
// and put `https://` (`http://` with `sslEnabled: false`) in front of any value not starting with
// "http"; v3 needs a full URL and throws "Invalid URL" on the first call otherwise
// (https://docs.aws.amazon.com/sdk-for-javascript/v3/developer-guide/migrating.html).
// Values this file can read get the scheme v2 would have used; values it cannot read are reported.
import { ts } from '../../util/typescript.cjs';
import { report, textOf, type FileContext } from './context.js';

type Fix = { start: number; end: number; text: string };

const globalSsl = /\bconfig\s*\.\s*sslEnabled\b|\bconfig\s*\.\s*update\s*\(\s*\{[^}]*\bsslEnabled\b/;

/** Names that hold a host name, never a URL: `event.requestContext.domainName`. */
const hostName = /^(?:domainName|domain|hostName|host)$/i;

function isHost(expr: ts.Expression): boolean {
  if (ts.isIdentifier(expr)) return hostName.test(expr.text);
  if (ts.isNonNullExpression(expr)) return isHost(expr.expression);
  return ts.isPropertyAccessExpression(expr) && hostName.test(expr.name.text);
}

/** v2's test for "already has a scheme". */
const hasScheme = (text: string) => /^http/.test(text);

/** The scheme v2 would add, or undefined when `sslEnabled` is set in a way this file cannot read. */
function schemeOf(ctx: FileContext, literal: ts.ObjectLiteralExpression | undefined): string | undefined {
  const own = literal?.properties.find((p) => p.name && ts.isIdentifier(p.name) && p.name.text === 'sslEnabled');
  if (own) {
    if (!ts.isPropertyAssignment(own)) return undefined;
    const kind = own.initializer.kind;
    if (kind === ts.SyntaxKind.TrueKeyword) return 'https://';
    return kind === ts.SyntaxKind.FalseKeyword ? 'http://' : undefined;
  }
  // a global AWS.config.sslEnabled in the file could turn the default to http
  return globalSsl.test(ctx.sf.text) ? undefined : 'https://';
}

/** A `const NAME = <string>` in this file, when NAME is declared nowhere else. */
function constString(ctx: FileContext, name: string): string | undefined {
  let found: string | undefined;
  let declarations = 0;
  const visit = (node: ts.Node): void => {
    const declares = ts.isVariableDeclaration(node) || ts.isParameter(node) || ts.isBindingElement(node);
    if (declares && ts.isIdentifier(node.name) && node.name.text === name) {
      declarations++;
      const list = node.parent;
      const isConst =
        ts.isVariableDeclaration(node) && ts.isVariableDeclarationList(list) && list.flags & ts.NodeFlags.Const;
      if (isConst && node.initializer && ts.isStringLiteralLike(node.initializer)) found = node.initializer.text;
    }
    ts.forEachChild(node, visit);
  };
  visit(ctx.sf);
  return declarations === 1 ? found : undefined;
}

/** Edits that give every string `expr` can evaluate to the scheme v2 would add; undefined when unreadable. */
function fixes(ctx: FileContext, expr: ts.Expression, scheme: string): Fix[] | undefined {
  if (ts.isParenthesizedExpression(expr)) return fixes(ctx, expr.expression, scheme);
  if (ts.isConditionalExpression(expr)) {
    return both(fixes(ctx, expr.whenTrue, scheme), fixes(ctx, expr.whenFalse, scheme));
  }
  const fallback = [ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken];
  if (ts.isBinaryExpression(expr) && fallback.includes(expr.operatorToken.kind)) {
    return both(fixes(ctx, expr.left, scheme), fixes(ctx, expr.right, scheme));
  }
  if (ts.isIdentifier(expr) && expr.text === 'undefined') return [];
  if (expr.kind === ts.SyntaxKind.NullKeyword) return [];
  if (ts.isStringLiteralLike(expr)) {
    // '' was "no endpoint" to v2; leave it for the report below
    if (expr.text === '') return undefined;
    const at = expr.getStart(ctx.sf) + 1; // after the quote
    return hasScheme(expr.text) ? [] : [{ start: at, end: at, text: scheme }];
  }
  if (ts.isTemplateExpression(expr)) return templateFixes(ctx, expr, scheme);
  if (ts.isBinaryExpression(expr) && expr.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    return concatFixes(ctx, expr, scheme);
  }
  if (ts.isIdentifier(expr)) {
    const value = constString(ctx, expr.text);
    if (value === undefined || value === '') return undefined;
    if (hasScheme(value)) return [];
    return [{ start: expr.getStart(ctx.sf), end: expr.getEnd(), text: `\`${scheme}\${${expr.text}}\`` }];
  }
  return undefined;
}

function both(a: Fix[] | undefined, b: Fix[] | undefined): Fix[] | undefined {
  return a && b ? [...a, ...b] : undefined;
}

/**
 * `abc.${region}.example.com`: the head decides. `${apiId}.execute-api.…`: a substitution followed
 * by `.` is a host label, so the value starts with a host. `${base}/prod` may carry its own scheme.
 */
function templateFixes(ctx: FileContext, expr: ts.TemplateExpression, scheme: string): Fix[] | undefined {
  const at = expr.getStart(ctx.sf) + 1;
  if (expr.head.text) return hasScheme(expr.head.text) ? [] : [{ start: at, end: at, text: scheme }];
  const next = expr.templateSpans[0].literal.text;
  const host = /^\.[\w-]/.test(next) || isHost(expr.templateSpans[0].expression);
  return host ? [{ start: at, end: at, text: scheme }] : undefined;
}

/** `domainName + '/' + stage`: the leftmost operand decides, as the head of a template does. */
function concatFixes(ctx: FileContext, expr: ts.BinaryExpression, scheme: string): Fix[] | undefined {
  let left: ts.Expression = expr;
  while (ts.isBinaryExpression(left) && left.operatorToken.kind === ts.SyntaxKind.PlusToken) left = left.left;
  if (ts.isStringLiteralLike(left) && left.text) return fixes(ctx, left, scheme);
  if (!isHost(left)) return undefined;
  const quote = /['"]/.exec(textOf(ctx, expr).replace(/^[^'"]*/, ''))?.[0] ?? "'";
  return [{ start: left.getStart(ctx.sf), end: left.getStart(ctx.sf), text: `${quote}${scheme}${quote} + ` }];
}

/**
 * The v3 text of an `endpoint` value (`{}` when it stays as written), or why it cannot be known to
 * carry its scheme. `literal` is the configuration object it is in, for its `sslEnabled`.
 */
export function endpointValue(
  ctx: FileContext,
  value: ts.Expression,
  literal?: ts.ObjectLiteralExpression,
): {
  text?: string;
  why?: string;
} {
  // an AWS.Endpoint object: handled (or reported) where Endpoint is converted
  if (ts.isNewExpression(value)) return {};
  const scheme = schemeOf(ctx, literal);
  const found = scheme === undefined ? undefined : fixes(ctx, value, scheme);
  if (found === undefined) {
    return {
      why:
        `\`${textOf(ctx, value).slice(0, 60)}\`: v3 needs a full URL here (v2 added https:// to a bare ` +
        'host, or http:// with sslEnabled: false); make sure the value has its scheme',
    };
  }
  if (found.length === 0) return {};
  const start = value.getStart(ctx.sf);
  let text = textOf(ctx, value);
  for (const fix of [...found].sort((a, b) => b.start - a.start)) {
    text = text.slice(0, fix.start - start) + fix.text + text.slice(fix.end - start);
  }
  return { text };
}

/** The v3 text of an `endpoint` property of a configuration literal; what cannot be known is reported. */
export function endpointProperty(ctx: FileContext, prop: ts.ObjectLiteralElementLike): string {
  const value = ts.isPropertyAssignment(prop)
    ? prop.initializer
    : ts.isShorthandPropertyAssignment(prop)
      ? prop.name
      : undefined;
  if (!value) return textOf(ctx, prop);
  const result = endpointValue(ctx, value, ts.isObjectLiteralExpression(prop.parent) ? prop.parent : undefined);
  if (result.why) report(ctx, prop, 'endpoint-scheme', result.why, 'warning');
  return result.text === undefined ? textOf(ctx, prop) : `${textOf(ctx, prop.name!)}: ${result.text}`;
}
