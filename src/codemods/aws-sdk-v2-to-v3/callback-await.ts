// v2 node-style callbacks -> `await`
// (https://docs.aws.amazon.com/sdk-for-javascript/v3/developer-guide/migrating.html):
// only where the two are provably the same program. The call must be the last thing its async
// function does (nothing runs after the callback could have), and the callback must branch on
// `err` first. The success body goes after the try, so an exception in it never reaches the
// error body:
//   let data;
//   try { data = await c.send(cmd); } catch (err) { <error body>; return; }
//   <success body>
import { ts } from '../../util/typescript.cjs';
import { isAsync } from './awaiting.js';
import { report, type FileContext } from './context.js';
import { indentAt } from './edits.js';

type Callback = ts.ArrowFunction | ts.FunctionExpression;

export interface AwaitPlan {
  stmt: ts.ExpressionStatement;
  callback: Callback;
  err: string;
  /** The name the result is assigned to, when the bodies read it. */
  data?: string;
  errorBody: ts.Statement[];
  successBody: ts.Statement[];
  indent: string;
  unit: string;
  /** Edits that re-indent the moved lines and turn `return x;` into `x; return;`. */
  edits: { start: number; end: number; text: string }[];
}

const isFn = (n: ts.Node) => ts.isFunctionLike(n) || ts.isClassLike(n);

/** An async function that is not a generator. */
function isAsyncFunction(fn: ts.Node): boolean {
  return isAsync(fn) && !(fn as ts.FunctionLikeDeclaration).asteriskToken;
}

/** The async function the statement ends, when nothing in it runs after the statement. */
function tailOf(stmt: ts.Statement): ts.FunctionLikeDeclaration | undefined {
  const parent = stmt.parent;
  if (ts.isIfStatement(parent)) return tailOf(parent);
  if (!ts.isBlock(parent) || parent.statements[parent.statements.length - 1] !== stmt) return undefined;
  const owner = parent.parent;
  if (ts.isFunctionLike(owner)) return isAsyncFunction(owner) ? (owner as ts.FunctionLikeDeclaration) : undefined;
  return ts.isBlock(owner) || ts.isIfStatement(owner) ? tailOf(parent) : undefined;
}

function statementsOf(s: ts.Statement): ts.Statement[] {
  return ts.isBlock(s) ? [...s.statements] : [s];
}

function exits(list: readonly ts.Statement[]): boolean {
  const last = list[list.length - 1];
  if (!last) return false;
  if (ts.isReturnStatement(last) || ts.isThrowStatement(last)) return true;
  return ts.isBlock(last) && exits(last.statements);
}

/** `err`, `err != null`, `err !== null`. */
function testsErr(cond: ts.Expression, err: string): boolean {
  if (ts.isIdentifier(cond)) return cond.text === err;
  if (!ts.isBinaryExpression(cond) || !ts.isIdentifier(cond.left) || cond.left.text !== err) return false;
  const op = cond.operatorToken.kind;
  const nul = cond.right.kind === ts.SyntaxKind.NullKeyword;
  return nul && (op === ts.SyntaxKind.ExclamationEqualsToken || op === ts.SyntaxKind.ExclamationEqualsEqualsToken);
}

/** Walks the callback's own code (not nested functions); false when `visit` refuses a node. */
function everyOwn(nodes: readonly ts.Node[], visit: (n: ts.Node) => boolean, intoFns = false): boolean {
  let ok = true;
  const walk = (n: ts.Node): void => {
    if (!ok) return;
    if (!visit(n)) ok = false;
    else if (intoFns || !isFn(n)) ts.forEachChild(n, walk);
  };
  nodes.forEach(walk);
  return ok;
}

function identifiers(nodes: readonly ts.Node[], skip: (n: ts.Node) => boolean = () => false): Set<string> {
  const out = new Set<string>();
  const walk = (n: ts.Node): void => {
    if (skip(n)) return;
    if (ts.isIdentifier(n)) out.add(n.text);
    ts.forEachChild(n, walk);
  };
  nodes.forEach(walk);
  return out;
}

function simpleParams(cb: Callback): string[] | undefined {
  const names = cb.parameters.map((p) =>
    ts.isIdentifier(p.name) && !p.initializer && !p.type && !p.dotDotDotToken ? p.name.text : '',
  );
  return names.length >= 1 && names.length <= 2 && names.every(Boolean) ? names : undefined;
}

/** What the callback's statements may not contain once they run in the enclosing function. */
function movable(ctx: FileContext, cb: Callback, body: readonly ts.Statement[]): boolean {
  const plainFn = ts.isFunctionExpression(cb);
  return everyOwn(body, (n) => {
    if (ts.isVariableStatement(n) && !(n.declarationList.flags & ts.NodeFlags.BlockScoped)) return false;
    if (ts.isFunctionDeclaration(n)) return false;
    if (plainFn && (n.kind === ts.SyntaxKind.ThisKeyword || (ts.isIdentifier(n) && n.text === 'arguments')))
      return false;
    // re-indenting would change the text of a literal that spans lines
    if ((ts.isTemplateLiteral(n) || ts.isStringLiteral(n)) && n.getText(ctx.sf).includes('\n')) return false;
    return true;
  });
}

/**
 * v2 called a `function` callback with `this` bound to its AWS.Response (`this.requestId`,
 * `this.httpResponse`); v3 calls it with no `this`. Such a callback is reported, whatever its form.
 */
function readsResponse(ctx: FileContext, cb: ts.Expression): boolean {
  if (!ts.isFunctionExpression(cb)) return false;
  const self = everyOwn(cb.body.statements, (n) => n.kind !== ts.SyntaxKind.ThisKeyword);
  if (!self) {
    report(
      ctx,
      cb,
      'callback-this',
      'this callback reads `this`, which v2 bound to the AWS.Response and v3 does not ' +
        'bind: use `data.$metadata` (requestId, httpStatusCode) by hand',
    );
  }
  return !self;
}

/** Plan the conversion of one callback call, or undefined to keep `send(cmd, cb)`. */
export function planAwait(ctx: FileContext, call: ts.CallExpression): AwaitPlan | undefined {
  const cb = call.arguments[call.arguments.length - 1];
  const stmt = call.parent;
  if (!cb || !(ts.isArrowFunction(cb) || ts.isFunctionExpression(cb)) || call.arguments.length > 2) return undefined;
  if (readsResponse(ctx, cb)) return undefined;
  if (isAsyncFunction(cb) || cb.asteriskToken || !ts.isBlock(cb.body) || (ts.isFunctionExpression(cb) && cb.name))
    return undefined;
  if (!ts.isExpressionStatement(stmt) || stmt.expression !== call || !ts.isBlock(stmt.parent)) return undefined;
  const fn = tailOf(stmt);
  const params = simpleParams(cb);
  const [first, ...rest] = cb.body.statements;
  if (!fn || !params || !first || !ts.isIfStatement(first) || !testsErr(first.expression, params[0])) return undefined;
  const errorBody = statementsOf(first.thenStatement);
  let successBody = rest;
  if (first.elseStatement) {
    if (rest.length) return undefined;
    successBody = statementsOf(first.elseStatement);
  } else if (rest.length && !exits(errorBody)) return undefined;
  if (!errorBody.length || !movable(ctx, cb, cb.body.statements)) return undefined;
  const [err, dataName] = params;
  // a TypeScript catch variable is `unknown`: reading `err.name` there would not type-check
  if (
    /\.[cm]?tsx?$/.test(ctx.path) &&
    !everyOwn(
      errorBody,
      (n) => !(ts.isPropertyAccessExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === err),
      true,
    )
  )
    return undefined;
  const usesData = dataName !== undefined && identifiers([...errorBody, ...successBody]).has(dataName);
  // names the success body (and `data`) now declare in the enclosing block must be new to the function
  const declared = new Set(successBody.flatMap(declaredNames));
  if (usesData) declared.add(dataName);
  const inSuccess = (n: ts.Node) =>
    successBody.includes(n as ts.Statement) || n === cb.parameters[0] || n === cb.parameters[1];
  const others = identifiers([fn], inSuccess);
  if ([...declared].some((name) => others.has(name))) return undefined;
  const indent = indentAt(ctx.edits.text, stmt.getStart(ctx.sf));
  const inner = indentAt(ctx.edits.text, first.getStart(ctx.sf));
  const unit = inner.startsWith(indent) && inner.length > indent.length ? inner.slice(indent.length) : '  ';
  const plan: AwaitPlan = {
    stmt,
    callback: cb,
    err,
    data: usesData ? dataName : undefined,
    errorBody,
    successBody,
    indent,
    unit,
    edits: [],
  };
  const lastSuccess = successBody[successBody.length - 1] ?? errorBody[errorBody.length - 1];
  if (!reindent(ctx, plan, errorBody, indent + unit) || !reindent(ctx, plan, successBody, indent)) return undefined;
  if (!gapsHaveNoComments(ctx, plan, call)) return undefined;
  rewriteReturns(ctx, plan, [...errorBody, ...successBody], lastSuccess);
  return plan;
}

function declaredNames(s: ts.Statement): string[] {
  if (ts.isVariableStatement(s)) return s.declarationList.declarations.flatMap((d) => bindingNames(d.name));
  if (ts.isClassDeclaration(s) && s.name) return [s.name.text];
  return [];
}

function bindingNames(name: ts.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  return name.elements.flatMap((e) => (ts.isOmittedExpression(e) ? [] : bindingNames(e.name)));
}

/** Where a list of statements starts (with its leading comments) and ends (with a trailing one). */
export function span(ctx: FileContext, list: readonly ts.Statement[]): [number, number] {
  const text = ctx.edits.text;
  const first = list[0];
  const last = list[list.length - 1];
  const leading = ts.getLeadingCommentRanges(text, first.pos);
  const trailing = ts.getTrailingCommentRanges(text, last.end);
  return [leading?.[0]?.pos ?? first.getStart(ctx.sf), trailing?.[trailing.length - 1]?.end ?? last.end];
}

/** Move every line after the first of the list from its indentation to `to`. */
function reindent(ctx: FileContext, plan: AwaitPlan, list: readonly ts.Statement[], to: string): boolean {
  if (!list.length) return true;
  const text = ctx.edits.text;
  const [start, end] = span(ctx, list);
  const from = indentAt(text, start);
  for (let nl = text.indexOf('\n', start); nl !== -1 && nl < end; nl = text.indexOf('\n', nl + 1)) {
    const lineStart = nl + 1;
    const line = text.slice(
      lineStart,
      text.indexOf('\n', lineStart) === -1 ? text.length : text.indexOf('\n', lineStart),
    );
    if (line.trim() === '') continue;
    if (!line.startsWith(from)) return false;
    if (from !== to) plan.edits.push({ start: lineStart, end: lineStart + from.length, text: to });
  }
  return true;
}

/** The text dropped between the moved parts must be only punctuation, never a comment. */
function gapsHaveNoComments(ctx: FileContext, plan: AwaitPlan, call: ts.CallExpression): boolean {
  const text = ctx.edits.text;
  const [eStart, eEnd] = span(ctx, plan.errorBody);
  const gaps = [[call.arguments.length === 2 ? call.arguments[0].getEnd() : plan.callback.getStart(ctx.sf), eStart]];
  if (plan.successBody.length) {
    const [sStart, sEnd] = span(ctx, plan.successBody);
    gaps.push([eEnd, sStart], [sEnd, plan.stmt.getEnd()]);
  } else gaps.push([eEnd, plan.stmt.getEnd()]);
  return gaps.every(([a, b]) => !/\/[/*]/.test(text.slice(a, b)));
}

/**
 * In the callback `return x;` returned x to nobody; in the async function it would become the
 * function's result. Keep the result undefined: `x; return;` (just `x;` when nothing follows).
 */
function rewriteReturns(ctx: FileContext, plan: AwaitPlan, body: ts.Statement[], finalStmt: ts.Statement): void {
  everyOwn(body, (n) => {
    if (!ts.isReturnStatement(n) || !n.expression) return true;
    const expr = n.expression;
    const wrap =
      ts.isObjectLiteralExpression(expr) ||
      ts.isFunctionExpression(expr) ||
      ts.isClassExpression(expr) ||
      /^(?:\{|function\b|class\b|let\b)/.test(expr.getText(ctx.sf));
    const final = n === finalStmt;
    // nothing to evaluate: drop the statement instead of leaving `({ done: true });`
    if (final && isInert(expr)) {
      const list = plan.successBody.includes(n) ? plan.successBody : plan.errorBody;
      const prev = list[list.indexOf(n) - 1];
      const after = prev && ts.getTrailingCommentRanges(ctx.edits.text, prev.end)?.pop()?.end;
      const start = prev ? (after ?? prev.getEnd()) : n.getStart(ctx.sf);
      plan.edits = plan.edits.filter((e) => e.end <= start || e.start >= n.getEnd());
      return (plan.edits.push({ start, end: n.getEnd(), text: '' }), true);
    }
    const inList = ts.isBlock(n.parent) || ts.isCaseOrDefaultClause(n.parent) || body.includes(n);
    const head = inList ? '' : '{ ';
    plan.edits.push({ start: n.getStart(ctx.sf), end: expr.getStart(ctx.sf), text: `${head}${wrap ? '(' : ''}` });
    plan.edits.push({ start: expr.getEnd(), end: expr.getEnd(), text: `${wrap ? ')' : ''}${final ? '' : '; return'}` });
    if (!inList) plan.edits.push({ start: n.getEnd(), end: n.getEnd(), text: ' }' });
    return true;
  });
}

function isInert(expr: ts.Expression): boolean {
  if (ts.isParenthesizedExpression(expr)) return isInert(expr.expression);
  if (
    ts.isLiteralExpression(expr) ||
    expr.kind === ts.SyntaxKind.TrueKeyword ||
    expr.kind === ts.SyntaxKind.FalseKeyword ||
    expr.kind === ts.SyntaxKind.NullKeyword
  )
    return true;
  if (ts.isArrayLiteralExpression(expr)) return expr.elements.every(isInert);
  return (
    ts.isObjectLiteralExpression(expr) &&
    expr.properties.every(
      (p) => ts.isPropertyAssignment(p) && !ts.isComputedPropertyName(p.name) && isInert(p.initializer),
    )
  );
}

/** `if (err) throw err;` alone: catching to rethrow the same error is the same as not catching. */
function rethrowsOnly(plan: AwaitPlan): boolean {
  const [only] = plan.errorBody;
  return (
    plan.errorBody.length === 1 &&
    ts.isThrowStatement(only) &&
    ts.isIdentifier(only.expression) &&
    only.expression.text === plan.err
  );
}

function reassigns(ctx: FileContext, list: readonly ts.Statement[], name: string): boolean {
  const text = list.map((s) => s.getText(ctx.sf)).join('\n');
  const n = name.replace(/\$/g, '\\$');
  return new RegExp(
    `(?<![\\w$.])${n}\\s*(?:[-+*/%&|^]|\\*\\*|<<|>>>?|&&|\\|\\||\\?\\?)?=(?!=)|(?:\\+\\+|--)\\s*${n}\\b|(?<![\\w$.])${n}\\s*(?:\\+\\+|--)`,
  ).test(text);
}

/** Write the plan: `closeCall` ends the call (`))` or `)`) from `callEnd` on. */
export function emitAwait(ctx: FileContext, plan: AwaitPlan, closeCall: string, callEnd: number): void {
  const { indent: i, unit: u, data, err } = plan;
  if (rethrowsOnly(plan)) return emitPlain(ctx, plan, closeCall, callEnd);
  const head = data ? `let ${data};\n${i}try {\n${i}${u}${data} = await ` : `try {\n${i}${u}await `;
  ctx.edits.insert(plan.stmt.getStart(ctx.sf), head);
  const [eStart, eEnd] = span(ctx, plan.errorBody);
  ctx.edits.replace(callEnd, eStart, `${closeCall};\n${i}} catch (${err}) {\n${i}${u}`);
  for (const e of plan.edits) ctx.edits.replace(e.start, e.end, e.text);
  if (!plan.successBody.length) return ctx.edits.replace(eEnd, plan.stmt.getEnd(), `\n${i}}`);
  const [sStart, sEnd] = span(ctx, plan.successBody);
  const ret = exits(plan.errorBody) ? '' : `\n${i}${u}return;`;
  ctx.edits.replace(eEnd, sStart, `${ret}\n${i}}\n${i}`);
  ctx.edits.replace(sEnd, plan.stmt.getEnd(), '');
}

/** No try at all: `const data = await c.send(cmd);` then the success body. */
function emitPlain(ctx: FileContext, plan: AwaitPlan, closeCall: string, callEnd: number): void {
  const { indent: i, data } = plan;
  const decl = data ? `${reassigns(ctx, plan.successBody, data) ? 'let' : 'const'} ${data} = ` : '';
  ctx.edits.insert(plan.stmt.getStart(ctx.sf), `${decl}await `);
  for (const e of plan.edits) ctx.edits.replace(e.start, e.end, e.text);
  if (!plan.successBody.length) return ctx.edits.replace(callEnd, plan.stmt.getEnd(), `${closeCall};`);
  const [sStart, sEnd] = span(ctx, plan.successBody);
  ctx.edits.replace(callEnd, sStart, `${closeCall};\n${i}`);
  ctx.edits.replace(sEnd, plan.stmt.getEnd(), '');
}
