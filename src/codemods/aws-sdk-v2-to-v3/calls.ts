// Operation calls on v2 clients: `c.op(p).promise()`, stored requests, `c.op(p, cb)` and
// `c.op(p).send(cb)` -> `c.send(new OpCommand(p))` (or `c.op(p)` in the aggregated style).
import { ts } from 'ts-morph';
import { instanceOf, needValue, report, textOf, type FileContext } from './context.js';
import { renameInCallback, renameInHandlers } from './errors.js';
import { convertSpecial } from './extras.js';
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

/** `s3.getObject(...)` on a known client, or undefined. */
export function opCall(ctx: FileContext, call: ts.CallExpression): OpCall | undefined {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const service = instanceOf(ctx, callee.expression);
  if (service === undefined) return undefined;
  if (service === 'ambiguous') {
    report(ctx, call, 'ambiguous-client', `\`${textOf(ctx, callee.expression)}\` names clients of different services; convert this call by hand`);
    return undefined;
  }
  return { call, receiver: callee.expression, name: callee.name, service };
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
  return call.arguments.indexOf(arg) === call.arguments.length - 1
    && (ts.isArrowFunction(arg) || ts.isFunctionExpression(arg) || call.arguments.length === 2);
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
    emitAwait(ctx, plan, ctx.style === 'bare' ? '))' : ')', args.length === 2 ? args[0].getEnd() : openParenEnd(ctx, op.call));
    awaitedCallbacks.add(callback);
    report(ctx, op.call, 'callback-await', 'callback converted to await: the enclosing async function now settles after this call', 'info');
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

/** `const req = c.op(p); … await req.promise()` -> `const req = new OpCommand(p); … await c.send(req)`. */
function convertStored(ctx: FileContext, op: OpCall, decl: ts.VariableDeclaration, command: string, ids: ts.Identifier[]): boolean {
  if (!ts.isIdentifier(decl.name) || !(ts.getCombinedNodeFlags(decl) & ts.NodeFlags.BlockScoped)) return false;
  const name = decl.name.text;
  const receiver = textOf(ctx, op.receiver);
  if (!/^(this\.)?[\w$]+$/.test(receiver)) return false;
  const scope = decl.parent.parent.parent;
  const uses = ids.filter((id) => id.text === name && id !== decl.name && id.pos >= scope.pos && id.end <= scope.end);
  const promises = uses.map((id) => parentCall(id, 'promise'));
  if (uses.length === 0 || promises.some((p) => !p || p.arguments.length > 0)) return false;
  const input = op.call.arguments[0];
  const cls = needValue(ctx, op.service.pkg, command);
  ctx.edits.replace(op.receiver.getStart(ctx.sf), openParenEnd(ctx, op.call), `new ${cls}(${input ? '' : '{}'}`);
  for (const promise of promises as ts.CallExpression[]) {
    ctx.edits.replace(promise.getStart(ctx.sf), promise.getEnd(), `${receiver}.send(${name})`);
    renameInHandlers(ctx, promise);
    const field = fieldOf(op.service.v2, op.name.text);
    if (field) adaptResult(ctx, field, promise);
  }
  return true;
}

/** Convert one operation call; reports what it cannot convert. */
export function convertCall(ctx: FileContext, op: OpCall, ids: ts.Identifier[]): void {
  if (convertSpecial(ctx, op)) return;
  const command = commandName(ctx, op);
  if (!command) {
    return report(ctx, op.call, 'unknown-operation', `\`${op.name.text}\` is not a DocumentClient operation lib-dynamodb provides; convert it by hand`);
  }
  if (parentCall(op.call, 'eachPage')) {
    return report(ctx, op.call, 'each-page', `\`${op.name.text}(…).eachPage\` has no v3 form: loop over paginate${commandBase(op.name.text)} from ${op.service.pkg} with for await by hand`);
  }
  if (convertPagination(ctx, op)) return;
  if (!convertForm(ctx, op, command, ids)) {
    return report(ctx, op.call, 'request-object', `v2 request object from \`${op.name.text}\` is used in a way v3 has `
      + 'no equivalent for (no .promise() or callback); convert it by hand');
  }
  const input = op.call.arguments[0];
  adaptInput(ctx, op.service.v2, op.name.text, input && !isCallback(input, op.call) ? input : undefined);
}

/** The promise, callback, send and stored-request forms; false when the call is none of them. */
function convertForm(ctx: FileContext, op: OpCall, command: string, ids: ts.Identifier[]): boolean {
  const promiseCall = parentCall(op.call, 'promise');
  const sendCall = parentCall(op.call, 'send');
  const last = op.call.arguments[op.call.arguments.length - 1];
  if (promiseCall && promiseCall.arguments.length === 0) convertPromise(ctx, op, promiseCall, command);
  else if (sendCall) convertSendChain(ctx, op, sendCall, command);
  else if (last && isCallback(last, op.call)) convertCallback(ctx, op, command);
  else {
    const parent = op.call.parent;
    const stored = ts.isVariableDeclaration(parent) && parent.initializer === op.call;
    return stored && convertStored(ctx, op, parent, command, ids);
  }
  return true;
}
