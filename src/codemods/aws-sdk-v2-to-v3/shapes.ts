// v3 output shapes that differ from v2 (https://github.com/aws/aws-sdk-js-v3/blob/main/UPGRADING.md):
// S3 GetObject's Body is a stream read once (was a Buffer); blob outputs such as Lambda Invoke's
// Payload or KMS Decrypt's Plaintext are Uint8Arrays, whose toString() no longer decodes (were
// Buffers). This file finds where a converted call's result goes and hands each read of such a
// field to shape-reads.ts; a result that leaves the function is reported.
import { ts } from '../../util/typescript.cjs';
import { report, type FileContext } from './context.js';
import { adaptRead, classify, type FieldRead } from './shape-reads.js';

export interface Shape {
  fields: string[];
  kind: 'stream' | 'bytes' | 'plain';
  /** A change inside lists that the reads cannot be followed into: reported at the call. */
  note?: string;
}

export { awaitedCallbacks } from './shape-reads.js';

const bytes = (...fields: string[]): Shape => ({ fields, kind: 'bytes' });
const shapes: Record<string, Shape> = {
  'S3.getObject': { fields: ['Body'], kind: 'stream' },
  'Lambda.invoke': bytes('Payload'),
  'KMS.decrypt': bytes('Plaintext'),
  'KMS.encrypt': bytes('CiphertextBlob'),
  'KMS.reEncrypt': bytes('CiphertextBlob'),
  'KMS.generateDataKey': bytes('Plaintext', 'CiphertextBlob'),
  'KMS.generateDataKeyWithoutPlaintext': bytes('CiphertextBlob'),
  'KMS.generateRandom': bytes('Plaintext'),
  'SecretsManager.getSecretValue': bytes('SecretBinary'),
  'Kinesis.getRecords': {
    fields: [],
    kind: 'plain',
    note:
      'Records[].Data is a Uint8Array in v3 (a Buffer in v2): its toString() gives comma-separated numbers; ' +
      'decode it with `Buffer.from(record.Data).toString()`',
  },
};

const plain: Shape = { fields: [], kind: 'plain' };

/** Every converted call has a shape: `plain` ones differ from v2 only by the added `$metadata`. */
export function fieldOf(service: string, op: string): Shape {
  return shapes[`${service}.${op}`] ?? plain;
}

/** A name the result (or one of its fields) is bound to, and where it is visible. */
interface Binding {
  name: string;
  scope: ts.Node;
  field?: string;
  at: ts.Node;
}

function scopeOf(node: ts.Node): ts.Node {
  let cur = node.parent;
  while (cur.parent && !ts.isFunctionLike(cur) && !ts.isSourceFile(cur)) cur = cur.parent;
  return cur;
}

/** Identifiers in `scope` that read the variable `name` (not property names, not its declaration). */
function readsOf(scope: ts.Node, name: string, except: ts.Node): ts.Identifier[] {
  const out: ts.Identifier[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && node.text === name && node !== except && isValueUse(node)) out.push(node);
    ts.forEachChild(node, visit);
  };
  visit(scope);
  return out;
}

function isValueUse(id: ts.Identifier): boolean {
  const p = id.parent;
  if (ts.isPropertyAccessExpression(p) && p.name === id) return false;
  if (ts.isBindingElement(p) && (p.name === id || p.propertyName === id)) return false;
  const member = ts.isPropertyAssignment(p) || ts.isMethodDeclaration(p) || ts.isPropertySignature(p);
  if (member && p.name === id) return false;
  if ((ts.isParameter(p) || ts.isVariableDeclaration(p)) && p.name === id) return false;
  return !ts.isTypeReferenceNode(p) && !ts.isQualifiedName(p);
}

/** Bindings of `{ Body, Payload: p }` patterns for the shape's fields. */
function fromPattern(pattern: ts.ObjectBindingPattern, scope: ts.Node, shape: Shape, at: ts.Node): Binding[] {
  return pattern.elements.flatMap((el) => {
    const key = el.propertyName ?? el.name;
    return ts.isIdentifier(key) && shape.fields.includes(key.text) && ts.isIdentifier(el.name)
      ? [{ name: el.name.text, scope, field: key.text, at: el.name }]
      : [];
  });
}

function fromName(name: ts.BindingName, scope: ts.Node, shape: Shape): Binding[] {
  if (ts.isIdentifier(name)) return [{ name: name.text, scope, at: name }];
  return ts.isObjectBindingPattern(name) ? fromPattern(name, scope, shape, name) : [];
}

/** Where a value that may leave the function goes: returned, passed on, stored elsewhere. */
function escapes(node: ts.Node): boolean {
  const p = node.parent;
  if (ts.isReturnStatement(p) || (ts.isArrowFunction(p) && p.body === node)) return true;
  if (ts.isSpreadElement(p) || ts.isSpreadAssignment(p) || ts.isArrayLiteralExpression(p)) return true;
  if (ts.isShorthandPropertyAssignment(p) || (ts.isPropertyAssignment(p) && p.initializer === node)) return true;
  if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken && p.right === node) return true;
  if (ts.isCallExpression(p) && p.arguments.includes(node as ts.Expression)) {
    return !/^console\.\w+$/.test(p.expression.getText());
  }
  return false;
}

/** `callback(null, data)`, `JSON.stringify(data)`: the whole result handed on as a value. */
function handedOn(node: ts.Node): boolean {
  const p = node.parent;
  if (!ts.isCallExpression(p) || !p.arguments.includes(node as ts.Expression)) return false;
  const nodeCallback = p.arguments[0] !== node && p.arguments[0].kind === ts.SyntaxKind.NullKeyword;
  return nodeCallback || p.expression.getText() === 'JSON.stringify';
}

/**
 * A whole result leaves: a changed field may be read where this file cannot see; a plain result
 * handed on as a value now also carries `$metadata`. Both are warnings.
 */
function goesOut(ctx: FileContext, node: ts.Node, shape: Shape, where: string): void {
  if (shape.kind !== 'plain') {
    const what = `the result of this call (its ${shape.fields.join('/')} changed shape in v3)`;
    return report(ctx, node, 'result-shape', `${what} ${where}; check where it is read`, 'warning');
  }
  // Serialised (JSON.stringify, a handler's response), the extra field changes what callers
  // receive, and its request id differs from call to call.
  report(
    ctx,
    node,
    'result-metadata',
    'the whole v3 result is handed on here: it also carries `$metadata` (HTTP status, request id, attempts), ' +
      'which v2 results did not, so its JSON differs; hand on `const { $metadata, ...rest } = result` to keep it as it was',
    'warning',
  );
}

/** The names a promise's result is bound to; reports where it goes out of sight. */
function resultBindings(ctx: FileContext, promise: ts.Expression, shape: Shape): Binding[] {
  const parent = promise.parent;
  if (ts.isAwaitExpression(parent)) {
    const holder = parent.parent;
    if (ts.isVariableDeclaration(holder) && holder.initializer === parent) {
      return fromName(holder.name, scopeOf(holder), shape);
    }
    const assigned = ts.isBinaryExpression(holder) && holder.operatorToken.kind === ts.SyntaxKind.EqualsToken;
    if (assigned && ts.isIdentifier(holder.left)) {
      return [{ name: holder.left.text, scope: scopeOf(holder), at: holder.left }];
    }
    const leaves = shape.kind === 'plain' ? handedOn(parent) : escapes(parent);
    if (leaves) goesOut(ctx, parent, shape, 'is returned or passed on');
    return [];
  }
  if (ts.isPropertyAccessExpression(parent) && parent.name.text === 'then' && ts.isCallExpression(parent.parent)) {
    const fn = parent.parent.arguments[0];
    if (fn && (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && fn.parameters[0]) {
      return fromName(fn.parameters[0].name, fn, shape);
    }
    if (fn && shape.kind !== 'plain') goesOut(ctx, fn, shape, 'goes to a function this codemod cannot see');
    return [];
  }
  if (ts.isVariableDeclaration(parent) && parent.initializer === promise && ts.isIdentifier(parent.name)) {
    // const p = s3.send(...); … await p
    const scope = scopeOf(parent);
    return readsOf(scope, parent.name.text, parent.name).flatMap((use) => resultBindings(ctx, use, shape));
  }
  if (shape.kind !== 'plain' && escapes(promise)) goesOut(ctx, promise, shape, 'is returned or passed on');
  return [];
}

/** Reads of the shape's fields through one binding; whole-object uses that leave are reported. */
function fieldReads(ctx: FileContext, b: Binding, shape: Shape): FieldRead[] {
  const out: FieldRead[] = [];
  for (const id of readsOf(b.scope, b.name, b.at)) {
    if (b.field) {
      out.push(classify(ctx, id, b.field, shape.kind));
      continue;
    }
    const p = id.parent;
    if (ts.isPropertyAccessExpression(p) && p.expression === id) {
      if (shape.fields.includes(p.name.text)) out.push(classify(ctx, p, p.name.text, shape.kind));
    } else if (ts.isVariableDeclaration(p) && p.initializer === id && ts.isObjectBindingPattern(p.name)) {
      // const { Body } = data;
      for (const inner of fromPattern(p.name, scopeOf(p), shape, p.name)) out.push(...fieldReads(ctx, inner, shape));
    } else if (shape.kind === 'plain' ? handedOn(id) : escapes(id)) {
      goesOut(ctx, id, shape, `in \`${b.name}\` is returned or passed on`);
    }
  }
  return out;
}

/** Convert reads of the changed fields on the results of one converted call. */
export function adaptResult(ctx: FileContext, shape: Shape, promise: ts.Expression, callback?: ts.Expression): void {
  if (shape.note) report(ctx, promise, 'result-shape', shape.note, 'warning');
  const reads: FieldRead[] = [];
  const direct = promise.parent;
  if (
    ts.isAwaitExpression(direct) &&
    ts.isParenthesizedExpression(direct.parent) &&
    ts.isPropertyAccessExpression(direct.parent.parent) &&
    shape.fields.includes(direct.parent.parent.name.text)
  ) {
    reads.push(classify(ctx, direct.parent.parent, direct.parent.parent.name.text, shape.kind));
  }
  const bindings = callback ? callbackBindings(ctx, callback, shape) : resultBindings(ctx, promise, shape);
  for (const b of bindings) reads.push(...fieldReads(ctx, b, shape));
  const consuming = reads.filter((r) => r.consumes);
  if (shape.kind === 'stream' && consuming.length > 1) {
    for (const r of consuming) {
      report(
        ctx,
        r.node,
        'body-read-twice',
        `${r.field} is read ${consuming.length} times here; in v3 it is a stream ` +
          `that can be read once: read it once into a variable (\`await ${r.field}.transformToString()\`) by hand`,
      );
    }
    return;
  }
  for (const r of reads) adaptRead(ctx, r);
}

function callbackBindings(ctx: FileContext, callback: ts.Expression, shape: Shape): Binding[] {
  if (!ts.isArrowFunction(callback) && !ts.isFunctionExpression(callback)) {
    goesOut(ctx, callback, shape, `goes to \`${callback.getText(ctx.sf).slice(0, 40)}\``);
    return [];
  }
  const p = callback.parameters[1];
  return p ? fromName(p.name, callback, shape) : [];
}
