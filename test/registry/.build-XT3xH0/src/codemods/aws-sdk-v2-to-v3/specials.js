import { createSetRefusal, uploadRefusal, waiterRefusal } from './extras.js';
import { planPresignedPost } from './presigned-post.js';
import { planSignedUrl } from './signed-url.js';
// the same planners extras.ts converts with, so a client converts only where its calls will
const signedUrl = (op, ctx) => {
    const plan = planSignedUrl(ctx, op);
    return typeof plan === 'string' ? { rule: 'presigned-url', why: `${op.name.text} left as is (${plan})` } : null;
};
const presignedPost = (op, ctx) => {
    const plan = planPresignedPost(ctx, op);
    return typeof plan === 'string' ? { rule: 'presigned-post', why: plan } : null;
};
/** The converter's own refusal, as a blocker with its finding's rule. */
const refusal = (rule, why) => (op) => {
    const text = why(op);
    return text === undefined ? null : { rule, why: text };
};
const upload = refusal('managed-upload', uploadRefusal);
const waiter = refusal('waiter', waiterRefusal);
const createSet = refusal('create-set', createSetRefusal);
const never = (why) => () => ({ rule: 'unsupported-method', why });
// method -> which clients have it -> its condition
const specials = {
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
export function specialBlocker(ctx, op) {
    const method = op.name.text;
    const special = Object.hasOwn(specials, method) ? specials[method] : undefined;
    if (special?.on(op))
        return special.check(op, ctx);
    if (serviceMembers.has(method))
        return {
            rule: 'unsupported-method',
            why: `\`${method}\` is not an API operation of a v2 ${op.service.v2} client; convert it by hand`,
        };
    return undefined;
}
