// v2 client methods that are not API operations, and when each converts: the converters' own
// refusals (extras.ts, signed-url.ts, presigned-post.ts), asked before anything is written. A
// method listed here that is refused, or a non-operation method with no entry, keeps its client
// on v2. A new special conversion adds its entry here.
import type { OpCall } from './calls.js';
import type { FileContext } from './context.js';
import { createSetRefusal, uploadRefusal, waiterRefusal, type Refusal } from './extras.js';
import { planPresignedPost } from './presigned-post.js';
import { planSignedUrl } from './signed-url.js';

/** Why a special call does not convert. */
export interface Blocked {
  rule: string;
  why: string;
}

type Check = (op: OpCall, ctx: FileContext) => Blocked | null;

// the same planners extras.ts converts with, so a client converts only where its calls will
const signedUrl: Check = (op, ctx) => {
  const plan = planSignedUrl(ctx, op);
  return typeof plan === 'string' ? { rule: 'presigned-url', why: `${op.name.text} left as is (${plan})` } : null;
};

const presignedPost: Check = (op, ctx) => {
  const plan = planPresignedPost(ctx, op);
  return typeof plan === 'string' ? { rule: 'presigned-post', why: plan } : null;
};

/** The converter's own refusal, as a blocker with its finding's rule. */
const refusal =
  (rule: string, why: (op: OpCall) => Refusal): Check =>
  (op) => {
    const text = why(op);
    return text === undefined ? null : { rule, why: text };
  };
const upload = refusal('managed-upload', uploadRefusal);
const waiter = refusal('waiter', waiterRefusal);
const createSet = refusal('create-set', createSetRefusal);

const never =
  (why: string): Check =>
  () => ({ rule: 'unsupported-method', why });

// method -> which clients have it -> its condition
const specials: Record<string, { on: (op: OpCall) => boolean; check: Check }> = {
  getSignedUrl: { on: (op) => op.service.v2 === 'S3', check: signedUrl },
  getSignedUrlPromise: { on: (op) => op.service.v2 === 'S3', check: signedUrl },
  upload: { on: (op) => op.service.v2 === 'S3', check: upload },
  createPresignedPost: { on: (op) => op.service.v2 === 'S3', check: presignedPost },
  waitFor: { on: () => true, check: waiter },
  createSet: { on: (op) => !!op.service.doc, check: createSet },
  makeRequest: { on: () => true, check: never("makeRequest: call the operation's Command instead") },
  makeUnauthenticatedRequest: {
    on: () => true,
    check: never("makeUnauthenticatedRequest: call the operation's Command instead"),
  },
};

// Methods every v2 client has (AWS.Service) that are not API operations.
const serviceMembers = new Set([
  'setupRequestListeners',
  'customizeRequests',
  'defineService',
  'makeRequest',
  'makeUnauthenticatedRequest',
  'waitFor',
]);

/**
 * undefined: an ordinary operation. null: a special method that converts (convertSpecial writes it).
 * Otherwise why the call does not convert.
 */
export function specialBlocker(ctx: FileContext, op: OpCall): Blocked | null | undefined {
  const method = op.name.text;
  const special = Object.hasOwn(specials, method) ? specials[method] : undefined;
  if (special?.on(op)) return special.check(op, ctx);
  if (serviceMembers.has(method))
    return {
      rule: 'unsupported-method',
      why: `\`${method}\` is not an API operation of a v2 ${op.service.v2} client; convert it by hand`,
    };
  return undefined;
}
