// S3 `createPresignedPost` -> `createPresignedPost` from @aws-sdk/s3-presigned-post
// (https://docs.aws.amazon.com/AWSJavaScriptSDK/v3/latest/Package/-aws-sdk-s3-presigned-post/).
// v2 signs synchronously and takes the object key as `Fields.key`; v3 is async and takes `Key`
// beside `Fields` (it adds the key field and its condition itself, as v2 did for every field).
// Converted: a literal `Fields.key`, either awaited where `await` may be written, or handed to
// a callback named by an identifier.
import { ts } from '../../util/typescript.cjs';
import { awaitAround, callbackName, canAwait, thenCallback } from './awaiting.js';
import type { OpCall } from './calls.js';
import { needValue, report, textOf, type FileContext } from './context.js';
import { propName } from './config.js';
import { indentAt } from './edits.js';
import { removeProperty } from './pagination.js';

const literalProp = (literal: ts.ObjectLiteralExpression, name: string) =>
  literal.properties.find((p) => propName(p) === name);

const refusal =
  'createPresignedPost with a callback that is not a plain identifier in a statement, without a literal ' +
  'Fields.key, or where `await` cannot be written (not in an async function or an ES module): use createPresignedPost ' +
  'from @aws-sdk/s3-presigned-post by hand (Key is a separate parameter)';

interface PostPlan {
  params: ts.ObjectLiteralExpression;
  fields: ts.ObjectLiteralElementLike;
  fieldsLiteral: ts.ObjectLiteralExpression;
  key: ts.PropertyAssignment | ts.ShorthandPropertyAssignment;
  callback?: string;
}

/** How a createPresignedPost call converts, or why it does not. Reports nothing. */
export function planPresignedPost(ctx: FileContext, op: OpCall): PostPlan | string {
  const [params, callbackArg, extra] = op.call.arguments;
  const callback = callbackName(ctx, op.call, callbackArg);
  const fields = params && ts.isObjectLiteralExpression(params) ? literalProp(params, 'Fields') : undefined;
  const fieldsLiteral =
    fields && ts.isPropertyAssignment(fields) && ts.isObjectLiteralExpression(fields.initializer)
      ? fields.initializer
      : undefined;
  const key = fieldsLiteral && literalProp(fieldsLiteral, 'key');
  const spread = fieldsLiteral?.properties.some((p) => ts.isSpreadAssignment(p));
  const reachable = callbackArg ? !!callback : canAwait(ctx, op.call);
  const plainKey = key && (ts.isPropertyAssignment(key) || ts.isShorthandPropertyAssignment(key));
  if (!params || extra || !plainKey || spread || !reachable) return refusal;
  return {
    params: params as ts.ObjectLiteralExpression,
    fields: fields!,
    fieldsLiteral: fieldsLiteral!,
    key: key as PostPlan['key'],
    callback: callback || undefined,
  };
}

export function presignedPost(ctx: FileContext, op: OpCall): void {
  const plan = planPresignedPost(ctx, op);
  if (typeof plan === 'string') return report(ctx, op.call, 'presigned-post', plan);
  const { params, fields, fieldsLiteral, key, callback } = plan;
  const callbackArg = op.call.arguments[1];
  const literal = params as ts.ObjectLiteralExpression;
  const keyValue = ts.isPropertyAssignment(key) ? textOf(ctx, key.initializer) : key.name.text;
  const fn = needValue(ctx, '@aws-sdk/s3-presigned-post', 'createPresignedPost');
  const [before, after] = callback ? ['', thenCallback(callback, 'post')] : awaitAround(op.call);
  ctx.edits.replace(op.call.getStart(ctx.sf), literal.getStart(ctx.sf), `${before}${fn}(${textOf(ctx, op.receiver)}, `);
  // `Key` goes first in the params; `key` leaves Fields (v3 sets it from Key)
  const first = literal.properties[0];
  const sep = textOf(ctx, literal).includes('\n') ? `,\n${indentAt(ctx.edits.text, first.getStart(ctx.sf))}` : ', ';
  if (literal.properties.length === 1 && fieldsLiteral.properties.length === 1) {
    ctx.edits.replaceNode(literal, `{ Key: ${keyValue} }`, ctx.sf);
  } else {
    ctx.edits.insert(first.getStart(ctx.sf), `Key: ${keyValue}${sep}`);
    if (fieldsLiteral.properties.length === 1) removeProperty(ctx, literal, fields);
    else removeProperty(ctx, fieldsLiteral!, key);
  }
  if (callbackArg) ctx.edits.replace(literal.getEnd(), op.call.getEnd(), `)${after}`);
  else if (after) ctx.edits.insert(op.call.getEnd(), after);
  const how = callback ? 'its result reaches the callback through .then' : 'now awaited';
  const message = `createPresignedPost is async in v3 and ${how}; Expires keeps its meaning (seconds)`;
  report(ctx, op.call, 'presigned-post', message, 'info');
}
