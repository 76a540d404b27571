// Manual pagination loops -> the v3 paginators (`for await (const page of paginateX({ client }, input))`,
// https://docs.aws.amazon.com/sdk-for-javascript/v3/developer-guide/migrating.html#pagination).
// Only the exact shape a paginator reproduces is converted: a token that starts undefined, one
// request per turn with the token as input, the next token read last, and a loop that runs while
// it is set (the paginator does the same: `while (token)`). Other loops keep their calls
// (converted one by one) and get a note; `.eachPage` is reported.
import { ts } from '../../util/typescript.cjs';
import type { OpCall } from './calls.js';
import { needValue, report, textOf, type FileContext } from './context.js';
import { propName } from './config.js';
import { commandBase } from './services.js';

// Operations with a v3 paginator: v2 class -> method -> [input token, output token].
const marker: [string, string] = ['Marker', 'NextMarker'];
const nextToken: [string, string] = ['NextToken', 'NextToken'];
const startKey: [string, string] = ['ExclusiveStartKey', 'LastEvaluatedKey'];
const paginated: Record<string, Record<string, [string, string]>> = {
  S3: { listObjectsV2: ['ContinuationToken', 'NextContinuationToken'] },
  DynamoDB: { query: startKey, scan: startKey, listTables: ['ExclusiveStartTableName', 'LastEvaluatedTableName'] },
  DocumentClient: { query: startKey, scan: startKey },
  Lambda: {
    listFunctions: marker,
    listAliases: marker,
    listVersionsByFunction: marker,
    listLayers: marker,
    listLayerVersions: marker,
    listEventSourceMappings: marker,
  },
  SQS: { listQueues: nextToken },
  SNS: { listTopics: nextToken, listSubscriptions: nextToken, listSubscriptionsByTopic: nextToken },
};

const tokenNames = /\b(?:NextToken|nextToken|ContinuationToken|Marker|ExclusiveStartKey|ExclusiveStartTableName)\b/;

/** Remove one property from an object literal with its separator. */
export function removeProperty(
  ctx: FileContext,
  literal: ts.ObjectLiteralExpression,
  prop: ts.ObjectLiteralElementLike,
): void {
  const props = literal.properties;
  const i = props.indexOf(prop);
  if (i + 1 < props.length) ctx.edits.replace(prop.getStart(ctx.sf), props[i + 1].getStart(ctx.sf), '');
  else if (i > 0) ctx.edits.replace(props[i - 1].getEnd(), prop.getEnd(), '');
  else ctx.edits.replaceNode(literal, '{}', ctx.sf);
}

/** The `do { … } while (T)` whose first statement is `const R = await <call>.promise();`. */
function loopOf(call: ts.CallExpression) {
  const promise = call.parent.parent;
  const awaited = promise?.parent;
  const decl = awaited?.parent;
  if (
    !ts.isCallExpression(promise) ||
    promise.arguments.length ||
    !ts.isAwaitExpression(awaited) ||
    !ts.isVariableDeclaration(decl)
  )
    return undefined;
  const stmt = decl.parent.parent;
  const block = stmt?.parent;
  const loop = block?.parent;
  if (!ts.isVariableStatement(stmt) || !ts.isBlock(block) || !ts.isDoStatement(loop) || block.statements[0] !== stmt)
    return undefined;
  const list = decl.parent;
  if (
    !ts.isVariableDeclarationList(list) ||
    !(list.flags & ts.NodeFlags.Const) ||
    list.declarations.length !== 1 ||
    !ts.isIdentifier(decl.name)
  )
    return undefined;
  return { loop, block, stmt, result: decl.name.text };
}

function isUndefinedDecl(stmt: ts.Statement | undefined, name: string): boolean {
  if (!stmt || !ts.isVariableStatement(stmt) || !(stmt.declarationList.flags & ts.NodeFlags.Let)) return false;
  const [d, more] = stmt.declarationList.declarations;
  const init = d?.initializer;
  return (
    !more &&
    ts.isIdentifier(d.name) &&
    d.name.text === name &&
    (!init || (ts.isIdentifier(init) && init.text === 'undefined'))
  );
}

function uses(node: ts.Node, name: string): number {
  let n = 0;
  const walk = (x: ts.Node): void => {
    if (ts.isIdentifier(x) && x.text === name) n++;
    ts.forEachChild(x, walk);
  };
  walk(node);
  return n;
}

function hasJump(nodes: readonly ts.Node[]): boolean {
  let found = false;
  const walk = (x: ts.Node): void => {
    if (ts.isBreakOrContinueStatement(x) || ts.isFunctionLike(x)) found ||= ts.isBreakOrContinueStatement(x);
    else ts.forEachChild(x, walk);
  };
  nodes.forEach(walk);
  return found;
}

/** `T = R.<out>;` */
function assignsNext(stmt: ts.Statement | undefined, token: string, result: string, out: string): boolean {
  if (!stmt || !ts.isExpressionStatement(stmt) || !ts.isBinaryExpression(stmt.expression)) return false;
  const { left, operatorToken, right } = stmt.expression;
  return (
    operatorToken.kind === ts.SyntaxKind.EqualsToken &&
    ts.isIdentifier(left) &&
    left.text === token &&
    ts.isPropertyAccessExpression(right) &&
    ts.isIdentifier(right.expression) &&
    right.expression.text === result &&
    right.name.text === out
  );
}

/** Convert the loop around `op` to a paginator; true when done (the call needs nothing more). */
export function convertPagination(ctx: FileContext, op: OpCall): boolean {
  const tokens = paginated[op.service.v2]?.[op.name.text];
  const input = op.call.arguments[0];
  if (!tokens) return noteLoop(ctx, op);
  if (!input || !ts.isObjectLiteralExpression(input) || op.call.arguments.length !== 1) return false;
  const found = loopOf(op.call);
  if (!found) return noteLoop(ctx, op);
  const { loop, block, stmt, result } = found;
  const [inName, outName] = tokens;
  const tokenProp = input.properties.find((p) => propName(p) === inName);
  const tokenExpr =
    tokenProp &&
    (ts.isPropertyAssignment(tokenProp)
      ? tokenProp.initializer
      : ts.isShorthandPropertyAssignment(tokenProp)
        ? tokenProp.name
        : undefined);
  if (!tokenExpr || !ts.isIdentifier(tokenExpr)) return noteLoop(ctx, op);
  const token = tokenExpr.text;
  const outer = loop.parent;
  const before =
    ts.isBlock(outer) || ts.isSourceFile(outer) ? outer.statements[outer.statements.indexOf(loop) - 1] : undefined;
  const body = block.statements.slice(1, -1);
  const last = block.statements[block.statements.length - 1];
  const exact =
    isUndefinedDecl(before, token) &&
    assignsNext(last, token, result, outName) &&
    ts.isIdentifier(loop.expression) &&
    loop.expression.text === token &&
    uses(outer, token) === 4 &&
    !hasJump(body) &&
    !/\/[/*]/.test(ctx.edits.text.slice(block.getStart(ctx.sf) + 1, stmt.getStart(ctx.sf))) &&
    !/\/[/*]/.test(ctx.edits.text.slice(block.getEnd() - 1, loop.getEnd()));
  if (!exact) return noteLoop(ctx, op);
  const base = commandBase(op.name.text);
  const fn = needValue(ctx, op.service.pkg, `paginate${base}`);
  ctx.edits.removeStatement(before!, ctx.sf);
  ctx.edits.replace(
    loop.getStart(ctx.sf),
    input.getStart(ctx.sf),
    `for await (const ${result} of ${fn}({ client: ${textOf(ctx, op.receiver)} }, `,
  );
  removeProperty(ctx, input, tokenProp!);
  ctx.edits.replace(input.getEnd(), stmt.getEnd(), ')) {');
  ctx.edits.removeStatement(last, ctx.sf);
  ctx.edits.replace(block.getEnd(), loop.getEnd(), '');
  report(ctx, loop, 'pagination', `manual ${inName} loop converted to ${fn}`, 'info');
  return true;
}

/** A call inside a loop that passes a page token: say a paginator would do it. */
function noteLoop(ctx: FileContext, op: OpCall): false {
  for (let cur: ts.Node = op.call; cur && !ts.isFunctionLike(cur); cur = cur.parent) {
    if (ts.isIterationStatement(cur, false) && tokenNames.test(textOf(ctx, op.call))) {
      report(
        ctx,
        op.call,
        'pagination',
        `\`${op.name.text}\` is paged by hand in a loop that is not exactly a paginator's; consider paginate${commandBase(op.name.text)} from ${op.service.pkg} if it has one`,
        'info',
      );
      break;
    }
  }
  return false;
}
