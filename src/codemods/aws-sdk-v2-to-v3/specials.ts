// v2 client methods that are not API operations, and when each converts: the conditions under
// which extras.ts (and presigned-post.ts) write a v3 form. A method listed here that does not
// meet its condition, or a non-operation method with no entry, keeps its client on v2.
// A new special conversion adds its condition here.
import { ts } from 'ts-morph';
import type { OpCall } from './calls.js';
import { propName } from './config.js';

/** Why a special call does not convert. */
export interface Blocked {
  rule: string;
  why: string;
}

type Check = (op: OpCall) => Blocked | null;

function inAsyncFunction(node: ts.Node): boolean {
  for (let cur = node.parent; cur; cur = cur.parent) {
    if (ts.isFunctionLike(cur)) return !!ts.getModifiers(cur as ts.HasModifiers)?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword);
  }
  return false;
}

/** `c.m(…).promise()` with no arguments. */
function promiseOf(call: ts.CallExpression): ts.CallExpression | undefined {
  const parent = call.parent;
  if (!ts.isPropertyAccessExpression(parent) || parent.name.text !== 'promise') return undefined;
  return ts.isCallExpression(parent.parent) && parent.parent.arguments.length === 0 ? parent.parent : undefined;
}

const signedUrl: Check = (op) => {
  const [opArg, params, extra] = op.call.arguments;
  const sync = op.name.text === 'getSignedUrl';
  if (opArg && ts.isStringLiteralLike(opArg) && params && ts.isObjectLiteralExpression(params) && !extra && (!sync || inAsyncFunction(op.call))) return null;
  return { rule: 'presigned-url', why: `${op.name.text} with a computed operation, non-literal params, a callback or outside an async function: use getSignedUrl from @aws-sdk/s3-request-presigner by hand` };
};

const upload: Check = (op) => {
  if (promiseOf(op.call) && op.call.arguments[0] && op.call.arguments.length <= 2) return null;
  return { rule: 'managed-upload', why: 's3.upload without .promise() (callback, events or send): use Upload from @aws-sdk/lib-storage by hand' };
};

const presignedPost: Check = (op) => {
  const [params, extra] = op.call.arguments;
  const literalProp = (literal: ts.ObjectLiteralExpression, name: string) => literal.properties.find((p) => propName(p) === name);
  const fields = params && ts.isObjectLiteralExpression(params) ? literalProp(params, 'Fields') : undefined;
  const fieldsLiteral = fields && ts.isPropertyAssignment(fields) && ts.isObjectLiteralExpression(fields.initializer) ? fields.initializer : undefined;
  const key = fieldsLiteral && literalProp(fieldsLiteral, 'key');
  const spread = fieldsLiteral?.properties.some((p) => ts.isSpreadAssignment(p));
  if (params && !extra && key && !spread && (ts.isPropertyAssignment(key) || ts.isShorthandPropertyAssignment(key)) && inAsyncFunction(op.call)) return null;
  return { rule: 'presigned-post', why: 'createPresignedPost with a callback, without a literal Fields.key or outside an async function: use createPresignedPost from @aws-sdk/s3-presigned-post by hand (Key is a separate parameter)' };
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
export function specialBlocker(op: OpCall): Blocked | null | undefined {
  const method = op.name.text;
  const special = Object.hasOwn(specials, method) ? specials[method] : undefined;
  if (special?.on(op)) return special.check(op);
  if (serviceMembers.has(method)) return { rule: 'unsupported-method', why: `\`${method}\` is not an API operation of a v2 ${op.service.v2} client; convert it by hand` };
  return undefined;
}
