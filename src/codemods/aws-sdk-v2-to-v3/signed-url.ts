// S3 presigned URLs: `s3.getSignedUrl(op, params[, cb])` and `s3.getSignedUrlPromise(op, params)`
// -> `getSignedUrl(s3, new OpCommand(input), { expiresIn })` from @aws-sdk/s3-request-presigner
// (https://docs.aws.amazon.com/AWSJavaScriptSDK/v3/latest/Package/-aws-sdk-s3-request-presigner/).
// v2 read the expiry from `params.Expires` (`Expires || 900` seconds) and deleted it from the
// input; v3 takes `expiresIn` beside the command (900 when left out, but 3600 when given as
// undefined) and always signs with SigV4, whose URLs live at most 7 days. The sync form returned
// a string: it becomes an awaited promise only where `await` may be written.
import { ts } from '../../util/typescript.cjs';
import { awaitAround, callbackName, canAwait, thenCallback } from './awaiting.js';
import type { OpCall } from './calls.js';
import { propName } from './config.js';
import { needValue, report, textOf, type FileContext } from './context.js';
import { lineOf } from './edits.js';
import { removeProperty } from './pagination.js';
import { commandBase } from './services.js';
import { constNumber, literalOf, references } from './values.js';

const presigner = '@aws-sdk/s3-request-presigner';
const maxSigV4Seconds = 604800;

/** What the v2 params become: the command input, and the `Expires` property to move out. */
interface Input {
  literal?: ts.ObjectLiteralExpression;
  expires?: ts.ObjectLiteralElementLike;
}

function planInput(ctx: FileContext, params: ts.Expression | undefined): Input | string {
  if (!params) return {};
  const literal = literalOf(ctx, params, ts.isObjectLiteralExpression);
  if (!literal) return 'params that are not an object literal (or a const one) may hold Expires';
  if (literal.properties.some((p) => propName(p) === undefined)) {
    return 'params with a spread or computed key may hold Expires';
  }
  const expires = literal.properties.find((p) => propName(p) === 'Expires');
  if (expires && literal !== params && !onlyUse(ctx, params)) return 'Expires sits in a shared params object';
  return { literal: literal === params || expires ? literal : undefined, expires };
}

/** The const params object is read only by this call: its `Expires` may move out of the declaration. */
function onlyUse(ctx: FileContext, params: ts.Expression): boolean {
  if (!ts.isIdentifier(params)) return false;
  const uses = references(ctx, params.text).filter(
    (id) => !(ts.isVariableDeclaration(id.parent) && id.parent.name === id),
  );
  return uses.length === 1 && uses[0] === params;
}

/** `, { expiresIn: … }` (or nothing), or why the expiry cannot be carried over. */
function expiryOption(ctx: FileContext, expires?: ts.ObjectLiteralElementLike): string | { why: string } {
  if (!expires) return '';
  if (!ts.isPropertyAssignment(expires) && !ts.isShorthandPropertyAssignment(expires)) {
    return { why: 'Expires is not a plain property' };
  }
  const value = ts.isPropertyAssignment(expires) ? expires.initializer : expires.name;
  const seconds = constNumber(ctx, value);
  if (seconds === 0) return ''; // v2: `Expires || 900`
  if (seconds !== undefined && (!(seconds > 0) || seconds > maxSigV4Seconds)) {
    return { why: `Expires ${seconds} is not a SigV4 expiry (1 to ${maxSigV4Seconds} seconds), which v3 requires` };
  }
  if (seconds !== undefined) return `, { expiresIn: ${textOf(ctx, value)} }`;
  const simple = ts.isIdentifier(value) || ts.isPropertyAccessExpression(value) || ts.isCallExpression(value);
  return `, { expiresIn: ${simple ? textOf(ctx, value) : `(${textOf(ctx, value)})`} || 900 }`;
}

/** `signatureVersion` set in this file to something other than v4 (v3 has only SigV4). */
function otherSignatureVersion(ctx: FileContext): ts.Node | undefined {
  let found: ts.Node | undefined;
  const isV4 = (e: ts.Expression) => ts.isStringLiteralLike(e) && e.text === 'v4';
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isPropertyAssignment(node) && propName(node) === 'signatureVersion' && !isV4(node.initializer)) found = node;
    else if (
      ts.isBinaryExpression(node) &&
      node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      ts.isPropertyAccessExpression(node.left) &&
      node.left.name.text === 'signatureVersion' &&
      !isV4(node.right)
    ) {
      found = node;
    } else ts.forEachChild(node, visit);
  };
  visit(ctx.sf);
  return found;
}

function refuse(ctx: FileContext, op: OpCall, why: string): void {
  report(
    ctx,
    op.call,
    'presigned-url',
    `${op.name.text} left as is (${why}): use getSignedUrl from ${presigner} by hand`,
  );
}

interface SignedUrlPlan {
  input: Input;
  option: string;
  callback?: string;
  promised: boolean;
}

/** How one getSignedUrl / getSignedUrlPromise call converts, or why it does not. Reports nothing. */
export function planSignedUrl(ctx: FileContext, op: OpCall): SignedUrlPlan | string {
  const [opArg, params, callbackArg, extra] = op.call.arguments;
  const promised = op.name.text === 'getSignedUrlPromise';
  if (!opArg || !ts.isStringLiteralLike(opArg)) return 'the operation is not a string literal';
  if (extra || (promised && callbackArg)) return 'unexpected arguments';
  const callback = callbackArg && callbackName(ctx, op.call, callbackArg);
  if (callbackArg && !callback) return 'a callback that is not a plain identifier, or whose call result is used';
  if (!promised && !callback && !canAwait(ctx, op.call)) {
    return 'v3 returns a promise and `await` cannot be written here: not in an async function or an ES module (.mjs/.mts)';
  }
  const input = planInput(ctx, params);
  if (typeof input === 'string') return input;
  const option = expiryOption(ctx, input.expires);
  if (typeof option !== 'string') return option.why;
  return { input, option, callback: callback || undefined, promised };
}

/** Convert one getSignedUrl / getSignedUrlPromise call, or report why not. */
export function convertSignedUrl(ctx: FileContext, op: OpCall): void {
  const [opArg, params] = op.call.arguments as unknown as [ts.StringLiteral, ts.Expression | undefined];
  const plan = planSignedUrl(ctx, op);
  if (typeof plan === 'string') return refuse(ctx, op, plan);
  const { input, option, callback, promised } = plan;
  if (option.includes('|| 900')) {
    report(
      ctx,
      op.call,
      'presigned-url-expiry',
      'v3 presigned URLs are SigV4 and valid at most 7 days; getSignedUrl throws for a longer Expires',
      'info',
    );
  }
  const signed = otherSignatureVersion(ctx);
  if (signed) {
    const line = lineOf(ctx.sf, signed.getStart(ctx.sf));
    report(
      ctx,
      op.call,
      'presigned-url-signature',
      `this file sets a non-v4 signatureVersion (line ${line}); ` +
        'v3 presigns with SigV4 only: the URL changes form and must not outlive 7 days',
      'warning',
    );
  }
  const command = needValue(ctx, op.service.pkg, `${commandBase(opArg.text)}Command`);
  const [before, after] = promised || callback ? ['', ''] : awaitAround(op.call);
  const head = `${before}${needValue(ctx, presigner, 'getSignedUrl')}(${textOf(ctx, op.receiver)}, new ${command}(`;
  const tail = `)${option})${callback ? thenCallback(callback, 'url') : ''}${after}`;
  if (!params) return ctx.edits.replace(op.call.getStart(ctx.sf), op.call.getEnd(), `${head}{}${tail}`);
  ctx.edits.replace(op.call.getStart(ctx.sf), params.getStart(ctx.sf), head);
  if (input.expires) removeProperty(ctx, input.literal!, input.expires);
  ctx.edits.replace(params.getEnd(), op.call.getEnd(), tail);
}
