// Turns an analysed handler into text edits: the new signature (async, no callback parameter),
// plain return/throw for direct sites, or the body wrapped in a Promise that the first call of
// the local callback settles, exactly as the Node.js 22 runtime settled the invocation. A helper
// the handler hands its callback to, converted with it, returns or throws what it passed on.
import { ts } from '../../util/typescript.cjs';
import type { Analysis } from './analyse.js';
import { deleteStatement, indentAt, lineStart, type Edit } from './edits.js';
import type { HelperConversion } from './flow.js';
import { identifierTexts, isAsync, type FunctionNode } from './scope.js';
import type { DirectSite, Outcome } from './sites.js';

/** Every edit for one handler; empty when it is left alone. */
export function handlerEdits(text: string, fn: FunctionNode, analysis: Analysis, typescript: boolean): Edit[] {
  const { plan } = analysis;
  if (plan.kind === 'unconvertible') return [];
  const edits = analysis.waits.flatMap((w) =>
    w.statement ? [deleteStatement(text, w.statement.getStart(), w.statement.end)] : [],
  );
  if (plan.kind === 'none') return edits;
  const resultType = callbackResultType(fn);
  edits.push(...signatureEdits(fn, plan.kind !== 'drop-param', typescript, resultType));
  if (plan.kind === 'direct') edits.push(...plan.sites.flatMap((site) => directEdits(text, site)));
  if (plan.kind === 'wrapper') edits.push(...wrapperEdits(text, fn, analysis, typescript ? resultType : undefined));
  return edits;
}

/** `Callback<R>` on the callback parameter → 'R'; the result type the handler's promise carries. */
function callbackResultType(fn: FunctionNode): string {
  const typeText = fn.parameters[2]?.type?.getText() ?? '';
  return /^Callback\s*<([\s\S]+)>$/.exec(typeText)?.[1]?.trim() ?? 'any';
}

function signatureEdits(fn: FunctionNode, makeAsync: boolean, typescript: boolean, resultType: string): Edit[] {
  const edits: Edit[] = [];
  const [, context, callback] = fn.parameters;
  if (context && callback) edits.push({ start: context.end, end: callback.end, text: '' });
  if (makeAsync && !isAsync(fn)) {
    const at = ts.isFunctionDeclaration(fn)
      ? firstChildOfKind(fn, ts.SyntaxKind.FunctionKeyword)!.getStart()
      : ts.isMethodDeclaration(fn)
        ? fn.name.getStart()
        : fn.getStart();
    edits.push({ start: at, end: at, text: 'async ' });
  }
  const returnType = fn.type;
  if (makeAsync && typescript && returnType?.getText() === 'void') {
    edits.push({ start: returnType.getStart(), end: returnType.end, text: `Promise<${resultType}>` });
  }
  return edits;
}

/**
 * A helper converted with its handlers: without its callback parameter, returning or throwing
 * what it passed to the callback (or context.succeed/fail/done), its callbackWaits line gone.
 */
export function helperEdits(text: string, conversion: HelperConversion): Edit[] {
  const fn = conversion.helper.fn;
  const edits = conversion.waits.flatMap((w) =>
    w.statement ? [deleteStatement(text, w.statement.getStart(), w.statement.end)] : [],
  );
  if (conversion.callbackIndex !== undefined) {
    const params = fn.parameters;
    const parenthesized = firstChildOfKind(fn, ts.SyntaxKind.OpenParenToken) !== undefined;
    const param = params[conversion.callbackIndex]!;
    // `callback => …` has no parentheses to keep once its only parameter goes.
    edits.push(
      parenthesized
        ? removeItem(params, conversion.callbackIndex)
        : { start: param.getStart(), end: param.end, text: '()' },
    );
  }
  // It returns the answer now; `void` would no longer type-check.
  const returnType = fn.type;
  const colon = returnType && previousChildIfKind(fn, returnType, ts.SyntaxKind.ColonToken);
  if (returnType?.getText() === 'void' && colon) edits.push({ start: colon.getStart(), end: returnType.end, text: '' });
  edits.push(...conversion.sites.flatMap((site) => directEdits(text, site)));
  return edits;
}

/** The first child token or node of `kind` (tokens included: the compiler's getChildren()). */
function firstChildOfKind(node: ts.Node, kind: ts.SyntaxKind): ts.Node | undefined {
  return node.getChildren().find((c) => c.kind === kind);
}

/** The child of `parent` right before `child` (tokens included), when it is of `kind`. */
function previousChildIfKind(parent: ts.Node, child: ts.Node, kind: ts.SyntaxKind): ts.Node | undefined {
  const children = parent.getChildren();
  const previous = children[children.indexOf(child) - 1];
  return previous !== undefined && previous.kind === kind ? previous : undefined;
}

/** Removes one parameter or argument with the comma that separates it from its neighbours. */
function removeItem(items: readonly ts.Node[], index: number): Edit {
  const item = items[index]!;
  const next = items[index + 1];
  const previous = items[index - 1];
  if (next) return { start: item.getStart(), end: next.getStart(), text: '' };
  if (previous) return { start: previous.end, end: item.end, text: '' };
  return { start: item.getStart(), end: item.end, text: '' };
}

function outcomeText(outcome: Outcome): string {
  if (outcome.type === 'throw') return `throw ${outcome.error?.getText() ?? 'undefined'}`;
  if (outcome.type === 'helper') return 'return';
  return outcome.value ? `return ${outcome.value.getText()}` : 'return';
}

/** A converted helper's call: without the callback argument, and returning what the helper now returns. */
function helperSiteEdits(text: string, site: DirectSite): Edit[] {
  const {
    statement,
    expression,
    site: { use, call },
  } = site;
  const edits: Edit[] = use!.callbackIndex !== undefined ? [removeItem(call.arguments, use!.callbackIndex)] : [];
  // `const x = helper(…)` before its guard, an arrow's expression body, `return helper(…)`: the call stays.
  if (site.guard || !statement || ts.isReturnStatement(statement)) return edits;
  edits.push({ start: expression.getStart(), end: expression.getStart(), text: 'return ' });
  if (site.trailingReturn) edits.push(deleteStatement(text, site.trailingReturn.getStart(), site.trailingReturn.end));
  return edits;
}

function directEdits(text: string, site: DirectSite): Edit[] {
  const { statement, expression, outcome } = site;
  if (outcome.type === 'helper') return helperSiteEdits(text, site);
  if (!statement) {
    // An arrow's expression body: `=> cb(null, x)` becomes `=> x`.
    const value =
      outcome.type === 'return' ? (outcome.value?.getText() ?? 'undefined') : `{ ${outcomeText(outcome)}; }`;
    const wrapped = outcome.type === 'return' && value.startsWith('{') ? `(${value})` : value;
    return [{ start: expression.getStart(), end: expression.end, text: wrapped }];
  }
  const start = ts.isReturnStatement(statement) ? statement.getStart() : expression.getStart();
  const edits: Edit[] = [{ start, end: expression.end, text: outcomeText(outcome) }];
  if (site.trailingReturn) edits.push(deleteStatement(text, site.trailingReturn.getStart(), site.trailingReturn.end));
  return edits;
}

function wrapperEdits(text: string, fn: FunctionNode, analysis: Analysis, resultType: string | undefined): Edit[] {
  if (analysis.plan.kind !== 'wrapper') return [];
  const members = analysis.plan.members;
  const taken = identifierTexts(fn);
  const resolve = freshName('resolve', taken);
  const reject = freshName('reject', taken);
  const local = analysis.callbackName ?? freshName('callback', taken);
  const edits: Edit[] = members.map((m) => ({
    start: m.getStart(),
    end: m.end,
    text: m.name.text === 'succeed' ? resolve : m.name.text === 'fail' ? reject : local,
  }));
  // Helpers that call context.succeed/fail/done get a context that has them.
  const shims = analysis.plan.shims;
  for (const arg of shims) {
    edits.push({
      start: arg.getStart(),
      end: arg.end,
      text: `{ ...${arg.getText()}, succeed: ${resolve}, fail: ${reject}, done: ${local} }`,
    });
  }
  const needsLocal =
    analysis.callbackName !== undefined || shims.length > 0 || members.some((m) => m.name.text === 'done');
  const settle =
    resultType === undefined
      ? `const ${local} = (err, result) => (err !== undefined && err !== null ? ${reject}(err) : ${resolve}(result));`
      : `const ${local} = (err?: unknown, result?: ${resultType}) => (err !== undefined && err !== null ? ${reject}(err) : ${resolve}(${resultType === 'any' ? 'result' : `result as ${resultType}`}));`;
  const open = `new Promise${resultType === undefined ? '' : `<${resultType}>`}((${resolve}, ${reject}) => {`;
  const body = fn.body;
  if (!body) return [];
  if (!ts.isBlock(body)) {
    edits.push({ start: body.getStart(), end: body.getStart(), text: `${open} ${needsLocal ? `${settle} ` : ''}` });
    edits.push({ start: body.end, end: body.end, text: '; })' });
    return edits;
  }
  // The body keeps its lines and indentation: the Promise opens on the line of the body's `{` and
  // closes on the line of its `}`. An arrow's block becomes the executor itself
  // (`=> new Promise((resolve, reject) => {` … `})`); a function's body returns the Promise
  // (`{ return new Promise((resolve, reject) => {` … `}); }`). Re-indenting the body instead
  // made a review diff of every line of a large handler.
  const arrow = ts.isArrowFunction(fn);
  const openBrace = body.getStart();
  const closeBrace = body.end - 1;
  const opening = arrow ? open : `{ return ${open}`;
  const closing = arrow ? '})' : '}); }';
  edits.push({ start: closeBrace, end: closeBrace + 1, text: closing });
  const lineEnd = text.indexOf('\n', openBrace);
  const restOfLine = lineEnd === -1 ? '' : text.slice(openBrace + 1, lineEnd);
  if (!needsLocal || !text.slice(openBrace, closeBrace).includes('\n') || !/^[ \t]*(\/\/.*)?\r?$/.test(restOfLine)) {
    // One line, or code right after the brace: the local callback goes in front of it, on that line.
    edits.push({ start: openBrace, end: openBrace + 1, text: `${opening}${needsLocal ? ` ${settle}` : ''}` });
    return edits;
  }
  const first = body.statements[0];
  const outer = indentAt(text, fn.getStart());
  const inner =
    first && lineStart(text, first.getStart()) > openBrace ? indentAt(text, first.getStart()) : `${outer}  `;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const at = restOfLine.endsWith('\r') ? lineEnd - 1 : lineEnd;
  edits.push({ start: openBrace, end: openBrace + 1, text: opening });
  edits.push({ start: at, end: at, text: `${eol}${inner}${settle}` });
  return edits;
}

function freshName(base: string, taken: Set<string>): string {
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base}${i}`;
  taken.add(name);
  return name;
}
