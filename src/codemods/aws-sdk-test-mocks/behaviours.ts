// What a v2 fake answers, read into an aws-sdk-client-mock behaviour: `.resolves(value)` when the
// answer is the same value at every call, `.callsFake(async (params) => value)` when it is worked
// out at each call (from the parameters or from state that can change), `.rejects(error)` for an
// Error. Anything else is a reason, and the file is left as it is.
import { ts } from '../../util/typescript.cjs';
import { type TestFile } from './file.js';
import { boundNames, readsNames } from './nodes.js';

export interface Behaviour {
  /** The method and its argument: `resolves({ Item })`. */
  call: string;
}

type Read = Behaviour | string;

const text = (file: TestFile, node: ts.Node) => node.getText(file.sf);

function unwrap(node: ts.Expression): ts.Expression {
  let e = node;
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
  return e;
}

/**
 * A value that is the same whenever it is read: literals, object and array literals of such
 * values, functions, and names that are never reassigned. Calls and `new` make a new value each
 * time, so they are not.
 */
function isStable(file: TestFile, node: ts.Expression): boolean {
  const e = unwrap(node);
  if (ts.isLiteralExpression(e) || ts.isNoSubstitutionTemplateLiteral(e)) return true;
  if (ts.isPrefixUnaryExpression(e)) return ts.isNumericLiteral(e.operand);
  if (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) return true;
  switch (e.kind) {
    case ts.SyntaxKind.NullKeyword:
    case ts.SyntaxKind.TrueKeyword:
    case ts.SyntaxKind.FalseKeyword:
      return true;
  }
  if (ts.isIdentifier(e)) return !file.mutable.has(e.text);
  if (ts.isPropertyAccessExpression(e)) return isStable(file, e.expression);
  if (ts.isArrayLiteralExpression(e))
    return e.elements.every((x) => isStable(file, ts.isSpreadElement(x) ? x.expression : x));
  if (ts.isObjectLiteralExpression(e)) {
    return e.properties.every((p) => {
      if (ts.isPropertyAssignment(p)) return !ts.isComputedPropertyName(p.name) && isStable(file, p.initializer);
      if (ts.isShorthandPropertyAssignment(p)) return !file.mutable.has(p.name.text);
      if (ts.isSpreadAssignment(p)) return isStable(file, p.expression);
      return false;
    });
  }
  return false;
}

/** The answer `value`, read at each call when `params` (the fake's parameter names) or changing state decide it. */
export function success(file: TestFile, value: ts.Expression, params: ts.ParameterDeclaration[] = []): Read {
  const { usesParams, names } = paramsIn(file, params, value);
  if (!usesParams && isStable(file, value)) return { call: `resolves(${text(file, value)})` };
  // an arrow's body that opens with a brace would read as a block
  const body = text(file, value).startsWith('{') ? `(${text(file, value)})` : text(file, value);
  return { call: `callsFake(async (${usesParams ? names.join(', ') : ''}) => ${body})` };
}

/** The failure `error`. v3 errors carry `name` where v2 had `code`: a fake error with a `code` is left. */
export function failure(file: TestFile, error: ts.Expression, params: ts.ParameterDeclaration[] = []): Read {
  const e = unwrap(error);
  if (ts.isObjectLiteralExpression(e) && e.properties.some((p) => p.name && text(file, p.name) === 'code')) {
    return 'error-code';
  }
  const { usesParams, names } = paramsIn(file, params, e);
  const isError =
    (ts.isNewExpression(e) && (e.arguments ?? []).every((a) => isStable(file, a))) ||
    (ts.isIdentifier(e) && !file.mutable.has(e.text) && constNew(file, e.text));
  if (isError && !usesParams) return { call: `rejects(${text(file, error)})` };
  // not an Error: rejects() would wrap it in one, so keep the very value
  return { call: `callsFake(${usesParams ? `(${names.join(', ')})` : '()'} => Promise.reject(${text(file, error)}))` };
}

/** Whether `value` reads the fake's parameters (destructured ones too), and the parameters as written. */
function paramsIn(file: TestFile, params: ts.ParameterDeclaration[], value: ts.Node) {
  const reads = readsNames(value);
  const usesParams = params.some((p) => boundNames(p.name).some((n) => reads.has(n)));
  return { usesParams, names: params.map((p) => text(file, p)) };
}

/** Whether `name` is a const declared with `new …(…)`. */
function constNew(file: TestFile, name: string): boolean {
  const init = constInit(file, name);
  return !!init && ts.isNewExpression(unwrap(init));
}

/** The value of the one const named `name` in the file (none when the name is declared twice). */
export function constInit(file: TestFile, name: string): ts.Expression | undefined {
  const found: ts.VariableDeclaration[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.name.text === name) found.push(node);
    ts.forEachChild(node, visit);
  };
  visit(file.sf);
  const [decl] = found;
  const isConst = decl && !!(decl.parent.flags & ts.NodeFlags.Const);
  return found.length === 1 && isConst ? decl.initializer : undefined;
}

/** A const holding plain data (an object, an array, a literal): an answer, not a fake function. */
export function isDataConst(file: TestFile, name: string): boolean {
  const init = constInit(file, name);
  const e = init && unwrap(init);
  return !!e && (ts.isObjectLiteralExpression(e) || ts.isArrayLiteralExpression(e) || ts.isLiteralExpression(e));
}

/** `Promise.resolve(x)` / `Promise.reject(e)`: which, and its argument. */
export function settled(node: ts.Expression): { ok: boolean; value?: ts.Expression } | undefined {
  const e = unwrap(node);
  if (!ts.isCallExpression(e) || !ts.isPropertyAccessExpression(e.expression) || e.arguments.length > 1)
    return undefined;
  const target = e.expression.expression;
  const method = e.expression.name.text;
  if (!ts.isIdentifier(target) || target.text !== 'Promise' || (method !== 'resolve' && method !== 'reject')) {
    return undefined;
  }
  return { ok: method === 'resolve', value: e.arguments[0] };
}

/** The one expression a function gives back: its expression body, or its single `return`. */
export function returned(fn: ts.ArrowFunction | ts.FunctionExpression): ts.Expression | undefined {
  if (!ts.isBlock(fn.body)) return fn.body;
  const [only] = fn.body.statements;
  return fn.body.statements.length === 1 && ts.isReturnStatement(only) ? only.expression : undefined;
}

/**
 * An answer a function gives as a promise, from its `params`. `plain`: a value that is not a
 * promise counts as the answer too (what `await request.promise()` reads of `promise: () => value`).
 */
export function fromPromise(
  file: TestFile,
  value: ts.Expression | undefined,
  params: ts.ParameterDeclaration[],
  isAsync: boolean,
  plain = false,
): Read {
  if (!value) return isAsync ? { call: 'resolves(undefined)' } : 'replacement';
  const s = isAsync ? undefined : settled(value);
  if (s) {
    if (!s.value) return s.ok ? { call: 'resolves(undefined)' } : 'replacement';
    return s.ok ? success(file, s.value, params) : failure(file, s.value, params);
  }
  return isAsync || plain ? success(file, value, params) : 'replacement';
}

export function isFunction(node: ts.Node): node is ts.ArrowFunction | ts.FunctionExpression {
  return ts.isArrowFunction(node) || ts.isFunctionExpression(node);
}

export function isAsync(fn: ts.ArrowFunction | ts.FunctionExpression): boolean {
  return !!fn.modifiers?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword);
}
