// `new AWS.Endpoint(url)` -> the URL string. A v2 Endpoint was made to be a client's `endpoint`,
// and v3 clients take that option as a URL string
// (https://docs.aws.amazon.com/sdk-for-javascript/v3/developer-guide/migrating.html).
// Converted only where the value goes nowhere else: written in place as the `endpoint` option of
// a client created in this file, or held by a variable used only so. A `URL` object would not do:
// v3 reads an object endpoint's `path`, which a URL lacks. The URL must carry its scheme, as v2
// added http:// or https:// to a bare host from `sslEnabled`, a setting any module may change.
import { ts } from '../../util/typescript.cjs';
import { markConsumed, resolveRef } from './bindings.js';
import { propName } from './config.js';
import { report, type FileContext } from './context.js';
import { references } from './values.js';

/** The URL argument, when it is written with its http(s) scheme. */
function fullUrl(arg: ts.Expression | undefined): boolean {
  if (!arg) return false;
  const head = ts.isStringLiteralLike(arg) ? arg.text : ts.isTemplateExpression(arg) ? arg.head.text : undefined;
  return head !== undefined && /^https?:\/\//i.test(head);
}

/** `endpoint: <node>` (or `{ endpoint }`) in the options of a v2 client constructed in this file. */
function isClientEndpoint(ctx: FileContext, node: ts.Node): boolean {
  const prop = node.parent;
  const named =
    (ts.isPropertyAssignment(prop) && prop.initializer === node) ||
    (ts.isShorthandPropertyAssignment(prop) && prop.name === node);
  if (!named || propName(prop) !== 'endpoint') return false;
  const literal = prop.parent;
  const construct = literal.parent;
  return (
    ts.isNewExpression(construct) &&
    construct.arguments?.[0] === literal &&
    resolveRef(ctx, construct.expression)?.kind === 'service'
  );
}

/** Every way the Endpoint value can be reached is a client's `endpoint` option. */
function onlyClientEndpoint(ctx: FileContext, node: ts.NewExpression): boolean {
  if (isClientEndpoint(ctx, node)) return true;
  const decl = node.parent;
  if (!ts.isVariableDeclaration(decl) || decl.initializer !== node || !ts.isIdentifier(decl.name)) return false;
  if (decl.type) return false; // `: AWS.Endpoint` would no longer fit a string
  const stmt = decl.parent.parent;
  if (ts.isVariableStatement(stmt) && stmt.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) return false;
  return references(ctx, decl.name.text).every((id) => isClientEndpoint(ctx, id));
}

/** Convert `new AWS.Endpoint(…)`; true when the expression was one (converted or reported). */
export function convertEndpoint(ctx: FileContext, node: ts.NewExpression): boolean {
  const ref = resolveRef(ctx, node.expression);
  if (ref?.kind !== 'helper' || ref.name !== 'Endpoint') return false;
  const args = node.arguments ?? [];
  const why =
    args.length !== 1 || !fullUrl(args[0])
      ? 'the URL is not a literal with its http(s):// scheme'
      : !onlyClientEndpoint(ctx, node)
        ? 'the object is used other than as the endpoint option of a client made here'
        : undefined;
  if (why) {
    report(
      ctx,
      node,
      'endpoint',
      `new Endpoint left as is (${why}): v3 clients take endpoint as a URL string; ` + 'change it by hand',
    );
    return true;
  }
  markConsumed(ctx, node.expression);
  ctx.edits.replace(node.getStart(ctx.sf), args[0].getStart(ctx.sf), '');
  ctx.edits.replace(args[0].getEnd(), node.getEnd(), '');
  return true;
}
