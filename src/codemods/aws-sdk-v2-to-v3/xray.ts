// AWS X-Ray: v2 code traces the SDK with `AWSXRay.captureAWS(require('aws-sdk'))` (every client
// made from it) or `AWSXRay.captureAWSClient(client)` (one client); v3 has neither, and each client
// is wrapped with `AWSXRay.captureAWSv3Client(client)` (aws-xray-sdk-core 3.3.1 and later,
// https://docs.aws.amazon.com/xray/latest/devguide/xray-sdk-nodejs-awssdkclients.html).
import { ts } from 'ts-morph';
import { report, textOf, type FileContext } from './context.js';

/** Local names of the v2 namespace that went through captureAWS, with the tracer's text. */
const captured = new WeakMap<FileContext, Map<string, string>>();
/** The capture calls this file rewrote or removed. */
const handled = new WeakSet<ts.Node>();

/** `X.captureAWS(inner)` with a tracer we can write again where clients are made. */
function captureCall(expr: ts.Node | undefined, method: string): { tracer: ts.Expression; inner: ts.Expression } | undefined {
  if (!expr || !ts.isCallExpression(expr) || expr.arguments.length !== 1) return undefined;
  const callee = expr.expression;
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== method) return undefined;
  const tracer = callee.expression;
  const requireCall = ts.isCallExpression(tracer) && ts.isIdentifier(tracer.expression) && tracer.expression.text === 'require';
  return ts.isIdentifier(tracer) || requireCall ? { tracer, inner: expr.arguments[0] } : undefined;
}

/** What `AWSXRay.captureAWS(x)` wraps (x), or the expression itself. */
export function uncaptured(expr: ts.Expression | undefined): ts.Expression | undefined {
  return captureCall(expr, 'captureAWS')?.inner ?? expr;
}

function boundNames(name: ts.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  return name.elements.flatMap((e) => (ts.isOmittedExpression(e) ? [] : boundNames(e.name)));
}

/** Record that `name` (or each name of a pattern) is bound from what `init`, a captureAWS call, returned. */
export function noteCapture(ctx: FileContext, name: ts.BindingName | string, init: ts.Expression | undefined): void {
  const call = captureCall(init, 'captureAWS');
  if (!call) return;
  let names = captured.get(ctx);
  if (!names) captured.set(ctx, (names = new Map()));
  for (const n of typeof name === 'string' ? [name] : boundNames(name)) names.set(n, textOf(ctx, call.tracer));
  handled.add(init!);
  report(ctx, init!, 'xray', 'captureAWS traced every v2 client in the process; v3 clients made in this file are wrapped with captureAWSv3Client (aws-xray-sdk-core >= 3.3.1): wrap clients made in other modules by hand', 'info');
}

/** Top-level `AWSXRay.captureAWS(AWS);` on the v2 namespace: dropped, its clients get wrapped. */
export function collectCaptures(ctx: FileContext, isNamespace: (name: string) => boolean): void {
  for (const stmt of ctx.sf.statements) {
    if (ts.isVariableStatement(stmt)) reportBareCapture(ctx, stmt);
    if (!ts.isExpressionStatement(stmt)) continue;
    const call = captureCall(stmt.expression, 'captureAWS');
    if (!call || !ts.isIdentifier(call.inner) || !isNamespace(call.inner.text)) continue;
    noteCapture(ctx, call.inner.text, stmt.expression);
    ctx.consumed.add(call.inner);
    ctx.removed.push(stmt);
    ctx.edits.removeStatement(stmt, ctx.sf);
  }
}

/** `const AWS = captureAWS(require('aws-sdk'))` with a destructured captureAWS: not followed here. */
function reportBareCapture(ctx: FileContext, stmt: ts.VariableStatement): void {
  for (const d of stmt.declarationList.declarations) {
    const init = d.initializer;
    if (init && ts.isCallExpression(init) && ts.isIdentifier(init.expression) && init.expression.text === 'captureAWS') {
      report(ctx, init, 'xray', 'the v2 SDK is traced through a bare captureAWS: convert its clients and wrap each with captureAWSv3Client by hand');
    }
  }
}

/** `X.captureAWSClient(new AWS.S3())`: the call that holds the client, where the client's name is found. */
export function capturingCall(node: ts.NewExpression): ts.CallExpression | undefined {
  const call = node.parent;
  return captureCall(call, 'captureAWSClient')?.inner === node ? (call as ts.CallExpression) : undefined;
}

function leftmost(expr: ts.Expression): ts.Identifier | undefined {
  if (ts.isIdentifier(expr)) return expr;
  if (ts.isPropertyAccessExpression(expr) || ts.isParenthesizedExpression(expr)) return leftmost(expr.expression);
  return undefined;
}

/** The tracer of a captured name, also through `const { S3 } = AWS` from a captured `AWS`. */
function tracerOf(ctx: FileContext, name: string): string | undefined {
  const names = captured.get(ctx);
  if (!names) return undefined;
  if (names.has(name)) return names.get(name);
  let via: string | undefined;
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isObjectBindingPattern(node.name) && node.initializer && ts.isIdentifier(node.initializer)
      && boundNames(node.name).includes(name)) via = names.get(node.initializer.text);
    ts.forEachChild(node, visit);
  };
  visit(ctx.sf);
  return via;
}

/** After a client was converted: trace it as v2 did. */
export function captureClient(ctx: FileContext, node: ts.NewExpression): void {
  const call = capturingCall(node);
  if (call) return toV3Capture(ctx, call);
  const base = leftmost(node.expression);
  const tracer = base && tracerOf(ctx, base.text);
  if (!tracer) return;
  ctx.edits.insert(node.getStart(ctx.sf), `${tracer}.captureAWSv3Client(`);
  ctx.edits.insert(node.getEnd(), ')');
}

function toV3Capture(ctx: FileContext, call: ts.CallExpression): void {
  handled.add(call);
  ctx.edits.replaceNode((call.expression as ts.PropertyAccessExpression).name, 'captureAWSv3Client', ctx.sf);
}

/**
 * After the clients: `AWSXRay.captureAWSClient(s3)` on a client now made with v3 would throw (the v2
 * patcher needs v2's request hooks), so it becomes captureAWSv3Client; captures left are reported.
 */
export function captureInstances(ctx: FileContext, calls: ts.CallExpression[], isClient: (expr: ts.Expression) => boolean): void {
  for (const call of calls) {
    if (handled.has(call)) continue;
    const one = captureCall(call, 'captureAWSClient');
    if (one && isClient(one.inner)) toV3Capture(ctx, call);
    else if (one || captureCall(call, 'captureAWS')) {
      report(ctx, call, 'xray', `\`${textOf(ctx, call).slice(0, 60)}\` traces v2 clients; wrap each v3 client with captureAWSv3Client by hand`);
    }
  }
}
