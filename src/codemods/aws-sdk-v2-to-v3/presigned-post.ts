// S3 `createPresignedPost` -> `createPresignedPost` from @aws-sdk/s3-presigned-post
// (https://docs.aws.amazon.com/AWSJavaScriptSDK/v3/latest/Package/-aws-sdk-s3-presigned-post/).
// v2 signs synchronously and takes the object key as `Fields.key`; v3 is async and takes `Key`
// beside `Fields` (it adds the key field and its condition itself, as v2 did for every field).
// Converted: the synchronous form with a literal `Fields.key`, inside an async function.
import { ts } from 'ts-morph';
import type { OpCall } from './calls.js';
import { needValue, report, textOf, type FileContext } from './context.js';
import { propName } from './config.js';
import { indentAt } from './edits.js';
import { removeProperty } from './pagination.js';

function inAsyncFunction(node: ts.Node): boolean {
  for (let cur = node.parent; cur; cur = cur.parent) {
    if (ts.isFunctionLike(cur)) return !!ts.getModifiers(cur as ts.HasModifiers)?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword);
  }
  return false;
}

const literalProp = (literal: ts.ObjectLiteralExpression, name: string) => literal.properties.find((p) => propName(p) === name);

export function presignedPost(ctx: FileContext, op: OpCall): void {
  const [params, extra] = op.call.arguments;
  const fields = params && ts.isObjectLiteralExpression(params) ? literalProp(params, 'Fields') : undefined;
  const fieldsLiteral = fields && ts.isPropertyAssignment(fields) && ts.isObjectLiteralExpression(fields.initializer) ? fields.initializer : undefined;
  const key = fieldsLiteral && literalProp(fieldsLiteral, 'key');
  const spread = fieldsLiteral?.properties.some((p) => ts.isSpreadAssignment(p));
  if (!params || extra || !key || spread || !(ts.isPropertyAssignment(key) || ts.isShorthandPropertyAssignment(key)) || !inAsyncFunction(op.call)) {
    return report(ctx, op.call, 'presigned-post', 'createPresignedPost with a callback, without a literal Fields.key or outside an async function: use createPresignedPost from @aws-sdk/s3-presigned-post by hand (Key is a separate parameter)');
  }
  const literal = params as ts.ObjectLiteralExpression;
  const keyValue = ts.isPropertyAssignment(key) ? textOf(ctx, key.initializer) : key.name.text;
  const fn = needValue(ctx, '@aws-sdk/s3-presigned-post', 'createPresignedPost');
  const parent = op.call.parent;
  const needsParens = (ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent)) && parent.expression === op.call;
  ctx.edits.replace(op.call.getStart(ctx.sf), literal.getStart(ctx.sf), `${needsParens ? '(' : ''}await ${fn}(${textOf(ctx, op.receiver)}, `);
  // `Key` goes first in the params; `key` leaves Fields (v3 sets it from Key)
  const first = literal.properties[0];
  const sep = textOf(ctx, literal).includes('\n') ? `,\n${indentAt(ctx.edits.text, first.getStart(ctx.sf))}` : ', ';
  if (literal.properties.length === 1 && fieldsLiteral!.properties.length === 1) ctx.edits.replaceNode(literal, `{ Key: ${keyValue} }`, ctx.sf);
  else {
    ctx.edits.insert(first.getStart(ctx.sf), `Key: ${keyValue}${sep}`);
    if (fieldsLiteral!.properties.length === 1) removeProperty(ctx, literal, fields!);
    else removeProperty(ctx, fieldsLiteral!, key);
  }
  if (needsParens) ctx.edits.insert(op.call.getEnd(), ')');
  report(ctx, op.call, 'presigned-post', 'createPresignedPost is async in v3 and now awaited; Expires keeps its meaning (seconds)', 'info');
}
