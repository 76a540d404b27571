// Blob inputs that v2 typed `Buffer | Uint8Array | Blob | string` and v3 types `Uint8Array`
// (https://github.com/aws/aws-sdk-js-v3/issues/5181). v3 still base64-encodes a string's UTF-8
// bytes at run time, as v2 did, so JavaScript keeps working; TypeScript does not compile. In .ts
// files a value that is visibly a string is encoded: `Data: new TextEncoder().encode(text)`.
// Lambda Invoke's Payload and PostToConnection's Data take strings in v3 too: not listed.
import { ts } from '../../util/typescript.cjs';
import type { FileContext } from './context.js';

// operation -> paths to the blob members; '*' walks the elements of a list
const inputs: Record<string, string[][]> = {
  'Kinesis.putRecord': [['Data']],
  'Kinesis.putRecords': [['Records', '*', 'Data']],
  'Firehose.putRecord': [['Record', 'Data']],
  'Firehose.putRecordBatch': [['Records', '*', 'Data']],
  'KMS.encrypt': [['Plaintext']],
};

/** A string whatever its operands: literals, templates, JSON.stringify, String(), x.toString(), 'a' + x. */
function isString(expr: ts.Expression): boolean {
  if (ts.isParenthesizedExpression(expr)) return isString(expr.expression);
  if (ts.isStringLiteralLike(expr) || ts.isTemplateExpression(expr)) return true;
  if (ts.isBinaryExpression(expr) && expr.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    return isString(expr.left) || isString(expr.right);
  }
  if (!ts.isCallExpression(expr)) return false;
  const callee = expr.expression.getText();
  if (callee === 'JSON.stringify' || callee === 'String') return true;
  return ts.isPropertyAccessExpression(expr.expression) && expr.expression.name.text === 'toString';
}

/** What an expression stands for: itself, or the initialiser of a `const` declared once in this file. */
function resolve(ctx: FileContext, expr: ts.Expression): ts.Expression {
  if (ts.isParenthesizedExpression(expr)) return resolve(ctx, expr.expression);
  if (!ts.isIdentifier(expr)) return expr;
  const decls: ts.VariableDeclaration[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.name.text === expr.text) decls.push(node);
    ts.forEachChild(node, visit);
  };
  visit(ctx.sf);
  const [decl] = decls;
  const isConst = decl && ts.isVariableDeclarationList(decl.parent) && decl.parent.flags & ts.NodeFlags.Const;
  return decls.length === 1 && isConst && decl.initializer ? resolve(ctx, decl.initializer) : expr;
}

/** `{ Data: x }` -> x; `{ Records }` -> the identifier, resolved by the caller. */
function member(obj: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
  for (const p of obj.properties) {
    if (ts.isShorthandPropertyAssignment(p) && p.name.text === name) return p.name;
    const named = ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name));
    if (named && (p.name as ts.Identifier).text === name) return p.initializer;
  }
  return undefined;
}

/** Elements of a list member: `[{…}, {…}]`, or `items.map((i) => ({ … }))`. */
function elements(expr: ts.Expression): ts.Expression[] {
  if (ts.isArrayLiteralExpression(expr)) return [...expr.elements];
  const map =
    ts.isCallExpression(expr) && ts.isPropertyAccessExpression(expr.expression) && expr.expression.name.text === 'map';
  if (map) {
    const fn = expr.arguments[0];
    if (fn && ts.isArrowFunction(fn) && !ts.isBlock(fn.body)) return [fn.body];
  }
  return [];
}

function values(ctx: FileContext, expr: ts.Expression, path: string[]): ts.Expression[] {
  if (path.length === 0) return [expr];
  const [head, ...rest] = path;
  const value = resolve(ctx, expr);
  if (head === '*') return elements(value).flatMap((e) => values(ctx, e, rest));
  const next = ts.isObjectLiteralExpression(value) ? member(value, head) : undefined;
  return next ? values(ctx, next, rest) : [];
}

const encoded = new WeakSet<ts.Node>();

/** Encode string blob inputs of a converted call (TypeScript files only). */
export function adaptInput(ctx: FileContext, service: string, op: string, input: ts.Expression | undefined): void {
  const paths = inputs[`${service}.${op}`];
  if (!paths || !input || !/\.[cm]?tsx?$/.test(ctx.path)) return;
  for (const path of paths) {
    for (const value of values(ctx, input, path)) {
      if (!isString(resolve(ctx, value)) || encoded.has(value)) continue;
      encoded.add(value);
      const shorthand = ts.isShorthandPropertyAssignment(value.parent) ? `${value.getText(ctx.sf)}: ` : '';
      ctx.edits.insert(value.getStart(ctx.sf), `${shorthand}new TextEncoder().encode(`);
      ctx.edits.insert(value.getEnd(), ')');
    }
  }
}
