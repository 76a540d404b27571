// AWS X-Ray: v2 code traces the SDK with `AWSXRay.captureAWS(require('aws-sdk'))` (every client
// made from it) or `AWSXRay.captureAWSClient(client)` (one client); v3 has neither, and each client
// is wrapped with `AWSXRay.captureAWSv3Client(client)` (aws-xray-sdk-core 3.3.1 and later,
// https://docs.aws.amazon.com/xray/latest/devguide/xray-sdk-nodejs-awssdkclients.html).
import { ts } from '../../util/typescript.cjs';
import { markConsumed, memberRef } from './bindings.js';
import { instanceOf, report, textOf, type FileContext, type V2Ref } from './context.js';

/** Local names bound from what captureAWS returned, with the tracer's text. */
const captured = new WeakMap<FileContext, Map<string, string>>();
/** The capture calls this file rewrote or removed. */
const handled = new WeakSet<ts.Node>();

type Capture = { call: ts.CallExpression; tracer: ts.Expression; inner: ts.Expression };

/** `X.captureAWS(inner)` with a tracer that can be written again where clients are made. */
function captureCall(expr: ts.Node | undefined, method: string): Capture | undefined {
  if (!expr || !ts.isCallExpression(expr) || expr.arguments.length !== 1) return undefined;
  const callee = expr.expression;
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== method) return undefined;
  const tracer = callee.expression;
  const required =
    ts.isCallExpression(tracer) && ts.isIdentifier(tracer.expression) && tracer.expression.text === 'require';
  return ts.isIdentifier(tracer) || required ? { call: expr, tracer, inner: expr.arguments[0] } : undefined;
}

const requiresV2 = (expr: ts.Expression) =>
  ts.isCallExpression(expr) &&
  ts.isIdentifier(expr.expression) &&
  expr.expression.text === 'require' &&
  expr.arguments.length === 1 &&
  ts.isStringLiteralLike(expr.arguments[0]) &&
  expr.arguments[0].text === 'aws-sdk';

function note(ctx: FileContext, names: string[], capture: Capture): void {
  let map = captured.get(ctx);
  if (!map) captured.set(ctx, (map = new Map()));
  for (const n of names) map.set(n, textOf(ctx, capture.tracer));
  handled.add(capture.call);
  report(
    ctx,
    capture.call,
    'xray',
    'captureAWS traced every v2 client in the process; the v3 clients made in ' +
      'this file are wrapped with captureAWSv3Client (aws-xray-sdk-core >= 3.3.1): wrap clients made in other ' +
      'modules by hand',
    'info',
  );
}

/** `AWS = …`, or `{ S3, DynamoDB: D } = …`, bound from the v2 namespace; false when a name has no mapping. */
function bindNames(ctx: FileContext, name: ts.BindingName): string[] | undefined {
  if (ts.isIdentifier(name)) return (ctx.names.set(name.text, { kind: 'ns' }), [name.text]);
  if (!ts.isObjectBindingPattern(name)) return undefined;
  const refs: [string, V2Ref][] = [];
  for (const el of name.elements) {
    const key = el.propertyName ?? el.name;
    const plain = ts.isIdentifier(key) && ts.isIdentifier(el.name) && !el.dotDotDotToken;
    const ref = plain ? memberRef((key as ts.Identifier).text) : undefined;
    if (!ref) return undefined;
    refs.push([(el.name as ts.Identifier).text, ref]);
  }
  for (const [n, ref] of refs) ctx.names.set(n, ref);
  return refs.map(([n]) => n);
}

/** `const AWS = X.captureAWS(require('aws-sdk'))` or `… = X.captureAWS(AWS)` at the top level. */
function bindDeclaration(ctx: FileContext, stmt: ts.VariableStatement): void {
  const [decl, ...more] = stmt.declarationList.declarations;
  const capture = captureCall(decl.initializer, 'captureAWS');
  if (!capture) return;
  const fromNamespace = ts.isIdentifier(capture.inner) && ctx.names.get(capture.inner.text)?.kind === 'ns';
  if (more.length || !(requiresV2(capture.inner) || fromNamespace)) return;
  const names = bindNames(ctx, decl.name);
  if (!names) return;
  note(ctx, names, capture);
  if (!fromNamespace) return void ctx.v2Imports.push(stmt);
  markConsumed(ctx, capture.inner);
  ctx.removed.push(stmt);
  ctx.edits.removeStatement(stmt, ctx.sf);
}

/** Top-level captures of the v2 SDK: bound as the namespace (its clients get wrapped), or dropped. */
export function collectCaptures(ctx: FileContext): void {
  for (const stmt of ctx.sf.statements) {
    if (ts.isVariableStatement(stmt)) bindDeclaration(ctx, stmt);
    if (ts.isVariableStatement(stmt)) reportBare(ctx, stmt);
    if (!ts.isExpressionStatement(stmt)) continue;
    // AWSXRay.captureAWS(AWS);
    const capture = captureCall(stmt.expression, 'captureAWS');
    if (!capture || !ts.isIdentifier(capture.inner) || ctx.names.get(capture.inner.text)?.kind !== 'ns') continue;
    note(ctx, [capture.inner.text], capture);
    markConsumed(ctx, capture.inner);
    ctx.removed.push(stmt);
    ctx.edits.removeStatement(stmt, ctx.sf);
  }
}

/** `const AWS = captureAWS(require('aws-sdk'))` through a destructured captureAWS: not followed. */
function reportBare(ctx: FileContext, stmt: ts.VariableStatement): void {
  for (const { initializer: init } of stmt.declarationList.declarations) {
    if (init && ts.isCallExpression(init) && isBareCapture(init) && init.arguments.some(requiresV2)) {
      report(
        ctx,
        init,
        'xray',
        'the v2 SDK is traced through a bare captureAWS: convert its clients and wrap each ' +
          'with captureAWSv3Client by hand',
      );
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
  if (!names || names.has(name)) return names?.get(name);
  let via: string | undefined;
  const visit = (node: ts.Node): void => {
    if (
      ts.isVariableDeclaration(node) &&
      ts.isObjectBindingPattern(node.name) &&
      node.initializer &&
      ts.isIdentifier(node.initializer) &&
      node.name.elements.some((e) => ts.isIdentifier(e.name) && e.name.text === name)
    ) {
      via = names.get(node.initializer.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(ctx.sf);
  return via;
}

function toV3Capture(ctx: FileContext, call: ts.CallExpression): void {
  handled.add(call);
  ctx.edits.replaceNode((call.expression as ts.PropertyAccessExpression).name, 'captureAWSv3Client', ctx.sf);
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

/**
 * After the clients: `AWSXRay.captureAWSClient(s3)` on a client now made with v3 would throw (the v2
 * patcher needs v2's request hooks), so it becomes captureAWSv3Client; other captures are reported.
 */
export function captureInstances(ctx: FileContext, calls: ts.CallExpression[]): void {
  for (const call of calls) {
    if (handled.has(call)) continue;
    const one = captureCall(call, 'captureAWSClient');
    if (one && instanceOf(ctx, one.inner) !== undefined) toV3Capture(ctx, call);
    else if (one || captureCall(call, 'captureAWS') || isBareCapture(call)) {
      const what = textOf(ctx, call).slice(0, 60);
      report(ctx, call, 'xray', `\`${what}\` traces v2 clients; wrap each v3 client with captureAWSv3Client by hand`);
    }
  }
}

const isBareCapture = (call: ts.CallExpression) =>
  ts.isIdentifier(call.expression) && /^captureAWS(?:Client)?$/.test(call.expression.text);
