// Operation calls on v2 clients: `c.op(p).promise()`, stored requests, `c.op(p, cb)` and
// `c.op(p).send(cb)` -> `c.send(new OpCommand(p))` (or `c.op(p)` in the aggregated style).
// planCall is the one place that answers "does this call convert?": it returns the conversion
// to run, or why there is none; a client becomes v3 only when every call on it has a plan.
import { ts } from '../../util/typescript.cjs';
import { needValue, report, textOf, type FileContext } from './context.js';
import { renameInCallback, renameInHandlers } from './errors.js';
import { convertSpecial } from './extras.js';
import type { Names } from './scopes.js';
import { specialBlocker } from './specials.js';
import { planAwait, emitAwait } from './callback-await.js';
import { convertPagination } from './pagination.js';
import { adaptInput } from './payloads.js';
import { adaptResult, awaitedCallbacks, fieldOf } from './shapes.js';
import { commandBase, documentOps, type ServiceInfo } from './services.js';

export interface OpCall {
  call: ts.CallExpression;
  receiver: ts.Expression;
  name: ts.MemberName;
  service: ServiceInfo;
}

export function commandName(ctx: FileContext, op: OpCall): string | undefined {
  const method = op.name.text;
  const base = op.service.doc ? documentOps[method] : commandBase(method);
  return base ? `${base}Command` : undefined;
}

/** Position just after the `(` of a call. */
function openParenEnd(ctx: FileContext, call: ts.CallExpression): number {
  return ctx.edits.text.indexOf('(', call.expression.getEnd()) + 1;
}

/** Rewrite `c.op(` into `c.send(new OpCommand(` and return where the input ends. */
function toSend(ctx: FileContext, op: OpCall, command: string): void {
  const input = op.call.arguments[0];
  const hasInput = input && !isCallback(input, op.call);
  const text = `send(new ${needValue(ctx, op.service.pkg, command)}(${hasInput ? '' : '{}'}`;
  ctx.edits.replace(op.name.getStart(ctx.sf), openParenEnd(ctx, op.call), text);
}

function isCallback(arg: ts.Expression, call: ts.CallExpression): boolean {
  return (
    call.arguments.indexOf(arg) === call.arguments.length - 1 &&
    (ts.isArrowFunction(arg) || ts.isFunctionExpression(arg) || call.arguments.length === 2)
  );
}

function parentCall(node: ts.Expression, method: string): ts.CallExpression | undefined {
  const parent = node.parent;
  if (!ts.isPropertyAccessExpression(parent) || parent.name.text !== method) return undefined;
  const call = parent.parent;
  return ts.isCallExpression(call) && call.expression === parent ? call : undefined;
}

/** The promise form; returns the expression that now yields the result. */
function convertPromise(ctx: FileContext, op: OpCall, promiseCall: ts.CallExpression, command: string): void {
  if (ctx.style === 'bare') {
    toSend(ctx, op, command);
    ctx.edits.replace(op.call.getEnd() - 1, promiseCall.getEnd(), '))');
  } else {
    ctx.edits.replace(op.call.getEnd(), promiseCall.getEnd(), '');
  }
  renameInHandlers(ctx, promiseCall);
  const field = fieldOf(op.service.v2, op.name.text);
  if (field) adaptResult(ctx, field, promiseCall);
}

function convertCallback(ctx: FileContext, op: OpCall, command: string): void {
  const args = op.call.arguments;
  const callback = args[args.length - 1];
  const plan = planAwait(ctx, op.call);
  if (plan) {
    if (ctx.style === 'bare') toSend(ctx, op, command);
    emitAwait(
      ctx,
      plan,
      ctx.style === 'bare' ? '))' : ')',
      args.length === 2 ? args[0].getEnd() : openParenEnd(ctx, op.call),
    );
    awaitedCallbacks.add(callback);
    report(
      ctx,
      op.call,
      'callback-await',
      'callback converted to await: the enclosing async function now settles after this call',
      'info',
    );
  } else if (ctx.style === 'bare') {
    toSend(ctx, op, command);
    if (args.length === 2) ctx.edits.insert(args[0].getEnd(), ')');
    else ctx.edits.replace(openParenEnd(ctx, op.call), openParenEnd(ctx, op.call), '), ');
  }
  renameInCallback(ctx, callback);
  const field = fieldOf(op.service.v2, op.name.text);
  if (field) adaptResult(ctx, field, op.call, callback);
}

/** `c.op(p).send(cb)` -> `c.send(new OpCommand(p), cb)` in both styles. */
function convertSendChain(ctx: FileContext, op: OpCall, sendCall: ts.CallExpression, command: string): void {
  toSend(ctx, op, command);
  const close = op.call.getEnd() - 1;
  const cb = sendCall.arguments[0];
  ctx.edits.replace(close, cb ? cb.getStart(ctx.sf) : sendCall.getEnd(), cb ? '), ' : '))');
  if (cb) renameInCallback(ctx, cb);
}

/** The `req.promise()` calls of `const req = c.op(p); … await req.promise()`, when that is all `req` is used for. */
function storedPromises(
  ctx: FileContext,
  op: OpCall,
  decl: ts.VariableDeclaration,
  byName: Names,
): ts.CallExpression[] | undefined {
  if (!ts.isIdentifier(decl.name) || !(ts.getCombinedNodeFlags(decl) & ts.NodeFlags.BlockScoped)) return undefined;
  if (!/^(this\.)?[\w$]+$/.test(textOf(ctx, op.receiver))) return undefined;
  const scope = decl.parent.parent.parent;
  const uses = (byName.get(decl.name.text) ?? []).filter(
    (id) => id !== decl.name && id.pos >= scope.pos && id.end <= scope.end,
  );
  const promises = uses.map((id) => parentCall(id, 'promise'));
  if (uses.length === 0 || promises.some((p) => !p || p.arguments.length > 0)) return undefined;
  return promises as ts.CallExpression[];
}

/** `const req = c.op(p); … await req.promise()` -> `const req = new OpCommand(p); … await c.send(req)`. */
function convertStored(
  ctx: FileContext,
  op: OpCall,
  decl: ts.VariableDeclaration,
  command: string,
  promises: ts.CallExpression[],
): void {
  const name = (decl.name as ts.Identifier).text;
  const receiver = textOf(ctx, op.receiver);
  const input = op.call.arguments[0];
  const cls = needValue(ctx, op.service.pkg, command);
  ctx.edits.replace(op.receiver.getStart(ctx.sf), openParenEnd(ctx, op.call), `new ${cls}(${input ? '' : '{}'}`);
  for (const promise of promises) {
    ctx.edits.replace(promise.getStart(ctx.sf), promise.getEnd(), `${receiver}.send(${name})`);
    renameInHandlers(ctx, promise);
    const field = fieldOf(op.service.v2, op.name.text);
    if (field) adaptResult(ctx, field, promise);
  }
}

/** How a call converts (its form, and what that form needs), or why it does not (`rule` names the finding). */
export type Plan =
  | { form: 'special' }
  | { form: 'promise'; command: string; promiseCall: ts.CallExpression }
  | { form: 'send'; command: string; sendCall: ts.CallExpression }
  | { form: 'callback'; command: string }
  | { form: 'stored'; command: string; decl: ts.VariableDeclaration; promises: ts.CallExpression[] }
  | { rule: string; why: string };

export type Converts = Exclude<Plan, { rule: string }>;

const blocked = (rule: string, why: string): Plan => ({ rule, why });

/** The form of the call decides its conversion. */
function formPlan(ctx: FileContext, op: OpCall, command: string, byName: Names): Plan {
  const promiseCall = parentCall(op.call, 'promise');
  if (promiseCall && promiseCall.arguments.length === 0) return { form: 'promise', command, promiseCall };
  const sendCall = parentCall(op.call, 'send');
  if (sendCall) return { form: 'send', command, sendCall };
  const last = op.call.arguments[op.call.arguments.length - 1];
  if (last && isCallback(last, op.call)) return { form: 'callback', command };
  const decl = op.call.parent;
  const promises =
    ts.isVariableDeclaration(decl) && decl.initializer === op.call ? storedPromises(ctx, op, decl, byName) : undefined;
  if (promises) return { form: 'stored', command, decl: decl as ts.VariableDeclaration, promises };
  return blocked(
    'request-object',
    `v2 request object from \`${op.name.text}\` is used in a way v3 has no equivalent for (no .promise() or callback)`,
  );
}

/** Write a planned conversion; a pagination loop around the call is converted as a whole when it matches. */
export function convertPlanned(ctx: FileContext, op: OpCall, plan: Converts): void {
  if (plan.form === 'special') return void convertSpecial(ctx, op);
  if (convertPagination(ctx, op)) return;
  if (plan.form === 'promise') convertPromise(ctx, op, plan.promiseCall, plan.command);
  else if (plan.form === 'send') convertSendChain(ctx, op, plan.sendCall, plan.command);
  else if (plan.form === 'callback') convertCallback(ctx, op, plan.command);
  else convertStored(ctx, op, plan.decl, plan.command, plan.promises);
  const input = op.call.arguments[0];
  adaptInput(ctx, op.service.v2, op.name.text, input && !isCallback(input, op.call) ? input : undefined);
}

/** Does this call on a client convert, and how. Pure: nothing is written or reported. */
export function planCall(ctx: FileContext, op: OpCall, byName: Names): Plan {
  const special = specialBlocker(ctx, op);
  if (special === null) return { form: 'special' };
  if (special) return blocked(special.rule, special.why);
  const command = commandName(ctx, op);
  if (!command)
    return blocked('unknown-operation', `\`${op.name.text}\` is not a DocumentClient operation lib-dynamodb provides`);
  if (parentCall(op.call, 'eachPage')) {
    return blocked(
      'each-page',
      `\`${op.name.text}(…).eachPage\` has no v3 form: loop over paginate${commandBase(op.name.text)} from ${op.service.pkg} with for await by hand`,
    );
  }
  return formPlan(ctx, op, command, byName);
}
