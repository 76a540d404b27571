// v2 client methods that are not API operations, and when each converts: the conditions under
// which extras.ts (and presigned-post.ts) write a v3 form. A method listed here that does not
// meet its condition, or a non-operation method with no entry, keeps its client on v2.
// A new special conversion adds its condition here.
import { ts } from 'ts-morph';
import type { OpCall } from './calls.js';
import type { FileContext } from './context.js';
import { planPresignedPost } from './presigned-post.js';
import { planSignedUrl } from './signed-url.js';

/** Why a special call does not convert. */
export interface Blocked {
  rule: string;
  why: string;
}

type Check = (op: OpCall, ctx: FileContext) => Blocked | null;

/** `c.m(…).promise()` with no arguments. */
function promiseOf(call: ts.CallExpression): ts.CallExpression | undefined {
  const parent = call.parent;
  if (!ts.isPropertyAccessExpression(parent) || parent.name.text !== 'promise') return undefined;
  return ts.isCallExpression(parent.parent) && parent.parent.arguments.length === 0 ? parent.parent : undefined;
}

// the same planners extras.ts converts with, so a client converts only where its calls will
const signedUrl: Check = (op, ctx) => {
  const plan = planSignedUrl(ctx, op);
  return typeof plan === 'string' ? { rule: 'presigned-url', why: `${op.name.text} left as is (${plan})` } : null;
};

const upload: Check = (op) => {
  if (promiseOf(op.call) && op.call.arguments[0] && op.call.arguments.length <= 2) return null;
  return { rule: 'managed-upload', why: 's3.upload without .promise() (callback, events or send): use Upload from @aws-sdk/lib-storage by hand' };
};

const presignedPost: Check = (op, ctx) => {
  const plan = planPresignedPost(ctx, op);
  return typeof plan === 'string' ? { rule: 'presigned-post', why: plan } : null;
};

const waiter: Check = (op) => {
  const promise = promiseOf(op.call);
  const [state] = op.call.arguments;
  const statement = promise?.parent && ts.isAwaitExpression(promise.parent) && ts.isExpressionStatement(promise.parent.parent);
  if (statement && state && ts.isStringLiteralLike(state) && op.call.arguments.length <= 2) return null;
  return { rule: 'waiter', why: 'waitFor whose result is used, or with a callback: use the waitUntil… function of the v3 client by hand' };
};

const createSet: Check = (op) => {
  const [values, options] = op.call.arguments;
  return values && !options ? null : { rule: 'create-set', why: 'createSet with options: use a native Set by hand' };
};

const never = (why: string): Check => () => ({ rule: 'unsupported-method', why });

// method -> which clients have it -> its condition
const specials: Record<string, { on: (op: OpCall) => boolean; check: Check }> = {
  getSignedUrl: { on: (op) => op.service.v2 === 'S3', check: signedUrl },
  getSignedUrlPromise: { on: (op) => op.service.v2 === 'S3', check: signedUrl },
  upload: { on: (op) => op.service.v2 === 'S3', check: upload },
  createPresignedPost: { on: (op) => op.service.v2 === 'S3', check: presignedPost },
  waitFor: { on: () => true, check: waiter },
  createSet: { on: (op) => !!op.service.doc, check: createSet },
  makeRequest: { on: () => true, check: never('makeRequest: call the operation\'s Command instead') },
  makeUnauthenticatedRequest: { on: () => true, check: never('makeUnauthenticatedRequest: call the operation\'s Command instead') },
};

// Methods every v2 client has (AWS.Service) that are not API operations.
const serviceMembers = new Set(['setupRequestListeners', 'customizeRequests', 'defineService', 'makeRequest', 'makeUnauthenticatedRequest', 'waitFor']);

/**
 * undefined: an ordinary operation. null: a special method that converts (convertSpecial writes it).
 * Otherwise why the call does not convert.
 */
export function specialBlocker(ctx: FileContext, op: OpCall): Blocked | null | undefined {
  const method = op.name.text;
  const special = Object.hasOwn(specials, method) ? specials[method] : undefined;
  if (special?.on(op)) return special.check(op, ctx);
  if (serviceMembers.has(method)) return { rule: 'unsupported-method', why: `\`${method}\` is not an API operation of a v2 ${op.service.v2} client; convert it by hand` };
  return undefined;
}
