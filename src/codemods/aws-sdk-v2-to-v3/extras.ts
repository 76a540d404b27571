// Client methods that are not plain operations in v3: S3 presigned URLs and POSTs (signed-url.ts,
// presigned-post.ts), managed uploads (lib-storage), waiters, DocumentClient.createSet, and the
// ones left to a person.
import { ts } from '../../util/typescript.cjs';
import type { OpCall } from './calls.js';
import { needValue, report, textOf, type FileContext } from './context.js';
import { presignedPost } from './presigned-post.js';
import { convertSignedUrl } from './signed-url.js';
import { commandBase } from './services.js';

function promiseOf(call: ts.CallExpression): ts.CallExpression | undefined {
  const parent = call.parent;
  if (!ts.isPropertyAccessExpression(parent) || parent.name.text !== 'promise') return undefined;
  return ts.isCallExpression(parent.parent) && parent.parent.arguments.length === 0 ? parent.parent : undefined;
}

/** Why a special method's call does not convert (undefined: it converts). Shared with specials.ts. */
export type Refusal = string | undefined;

export function uploadRefusal(op: OpCall): Refusal {
  if (promiseOf(op.call) && op.call.arguments[0] && op.call.arguments.length <= 2) return undefined;
  return 's3.upload without .promise() (callback, events or send): use Upload from @aws-sdk/lib-storage by hand';
}

/** `s3.upload(params, options).promise()` -> `new Upload({ client: s3, params, ...options }).done()`. */
function upload(ctx: FileContext, op: OpCall): void {
  const why = uploadRefusal(op);
  if (why) return report(ctx, op.call, 'managed-upload', why);
  const promise = promiseOf(op.call)!;
  const [params, options] = op.call.arguments;
  const cls = needValue(ctx, '@aws-sdk/lib-storage', 'Upload');
  ctx.edits.replace(
    op.call.getStart(ctx.sf),
    params.getStart(ctx.sf),
    `new ${cls}({ client: ${textOf(ctx, op.receiver)}, params: `,
  );
  let rest = '';
  if (options && ts.isObjectLiteralExpression(options))
    rest = options.properties.map((p) => `, ${textOf(ctx, p)}`).join('');
  else if (options) rest = `, ...${textOf(ctx, options)}`;
  ctx.edits.replace(params.getEnd(), promise.getEnd(), `${rest} }).done()`);
}

// v2 waiters' own limits (delay × attempts), so a converted waiter gives up when v2 did.
const waitSeconds: Record<string, number> = { tableExists: 500, tableNotExists: 500 };

/** Only an awaited statement: v2's waitFor resolved to the resource, v3's waitUntil to a WaiterResult. */
export function waiterRefusal(op: OpCall): Refusal {
  const promise = promiseOf(op.call);
  const [state] = op.call.arguments;
  const statement =
    promise?.parent && ts.isAwaitExpression(promise.parent) && ts.isExpressionStatement(promise.parent.parent);
  if (statement && state && ts.isStringLiteralLike(state) && op.call.arguments.length <= 2) return undefined;
  return 'waitFor whose result is used, or with a callback: use the waitUntil… function of the v3 client by hand';
}

/** `await s3.waitFor('bucketExists', p).promise();` -> `await waitUntilBucketExists({ client: s3, maxWaitTime }, p);` */
function waiter(ctx: FileContext, op: OpCall): void {
  const why = waiterRefusal(op);
  if (why) return report(ctx, op.call, 'waiter', why);
  const promise = promiseOf(op.call)!;
  const [state, params] = op.call.arguments as unknown as [ts.StringLiteral, ts.Expression | undefined];
  const fn = needValue(ctx, op.service.pkg, `waitUntil${commandBase(state.text)}`);
  const limit = waitSeconds[state.text] ?? 100;
  const head = `${fn}({ client: ${textOf(ctx, op.receiver)}, maxWaitTime: ${limit} }, `;
  if (params) {
    ctx.edits.replace(op.call.getStart(ctx.sf), params.getStart(ctx.sf), head);
    ctx.edits.replace(params.getEnd(), promise.getEnd(), ')');
  } else {
    ctx.edits.replace(op.call.getStart(ctx.sf), promise.getEnd(), `${head}{})`);
  }
  report(
    ctx,
    op.call,
    'waiter-timeout',
    `waiter converted with maxWaitTime ${limit}s; check it matches what the code expects`,
    'info',
  );
}

export function createSetRefusal(op: OpCall): Refusal {
  const [values, options] = op.call.arguments;
  return values && !options ? undefined : 'createSet with options: use a native Set by hand';
}

/** `doc.createSet([1, 2])` -> `new Set([1, 2])`: lib-dynamodb marshals native sets. */
function createSet(ctx: FileContext, op: OpCall): void {
  const why = createSetRefusal(op);
  if (why) return report(ctx, op.call, 'create-set', why);
  ctx.edits.replace(op.call.getStart(ctx.sf), op.call.arguments[0].getStart(ctx.sf), 'new Set(');
}

const manual: Record<string, string> = {
  makeRequest: "call the operation's Command instead",
  makeUnauthenticatedRequest: "call the operation's Command instead",
};

/** Handle the special methods; true when the call was one of them. */
export function convertSpecial(ctx: FileContext, op: OpCall): boolean {
  const method = op.name.text;
  if (op.service.v2 === 'S3' && (method === 'getSignedUrl' || method === 'getSignedUrlPromise'))
    convertSignedUrl(ctx, op);
  else if (op.service.v2 === 'S3' && method === 'upload') upload(ctx, op);
  else if (op.service.v2 === 'S3' && method === 'createPresignedPost') presignedPost(ctx, op);
  else if (method === 'waitFor') waiter(ctx, op);
  else if (op.service.doc && method === 'createSet') createSet(ctx, op);
  else if (method in manual) report(ctx, op.call, 'unsupported-method', `${method}: ${manual[method]}`);
  else return false;
  return true;
}
