// Turns an analysed handler into text edits: the new signature (async, no callback parameter),
// plain return/throw for direct sites, or the body wrapped in a Promise that the first call of
// the local callback settles, exactly as the Node.js 22 runtime settled the invocation.
import { Node, SyntaxKind, ts } from 'ts-morph';
import type { Analysis } from './analyze.js';
import { deleteStatement, indentAt, lineStart, type Edit } from './edits.js';
import { identifierTexts, type FunctionNode } from './scope.js';
import type { DirectSite, Outcome } from './sites.js';

/** Every edit for one handler; empty when it is left alone. */
export function handlerEdits(text: string, fn: FunctionNode, analysis: Analysis, typescript: boolean): Edit[] {
  const { plan } = analysis;
  if (plan.kind === 'unconvertible') return [];
  const edits = analysis.waits.flatMap((w) => (w.statement ? [deleteStatement(text, w.statement.getStart(), w.statement.getEnd())] : []));
  if (plan.kind === 'none') return edits;
  const resultType = callbackResultType(fn);
  edits.push(...signatureEdits(fn, plan.kind !== 'drop-param', typescript, resultType));
  if (plan.kind === 'direct') edits.push(...plan.sites.flatMap((site) => directEdits(text, site)));
  if (plan.kind === 'wrapper') edits.push(...wrapperEdits(text, fn, analysis, typescript ? resultType : undefined, edits));
  return edits;
}

/** `Callback<R>` on the callback parameter → 'R'; the result type the handler's promise carries. */
function callbackResultType(fn: FunctionNode): string {
  const typeText = fn.getParameters()[2]?.getTypeNode()?.getText() ?? '';
  return /^Callback\s*<([\s\S]+)>$/.exec(typeText)?.[1]?.trim() ?? 'any';
}

function signatureEdits(fn: FunctionNode, makeAsync: boolean, typescript: boolean, resultType: string): Edit[] {
  const edits: Edit[] = [];
  const [, context, callback] = fn.getParameters();
  if (context && callback) edits.push({ start: context.getEnd(), end: callback.getEnd(), text: '' });
  if (makeAsync && !fn.isAsync()) {
    const at = Node.isFunctionDeclaration(fn)
      ? fn.getFirstChildByKindOrThrow(SyntaxKind.FunctionKeyword).getStart()
      : Node.isMethodDeclaration(fn)
        ? fn.getNameNode().getStart()
        : fn.getStart();
    edits.push({ start: at, end: at, text: 'async ' });
  }
  const returnType = fn.getReturnTypeNode();
  if (makeAsync && typescript && returnType?.getText() === 'void') {
    edits.push({ start: returnType.getStart(), end: returnType.getEnd(), text: `Promise<${resultType}>` });
  }
  return edits;
}

function outcomeText(outcome: Outcome): string {
  if (outcome.type === 'throw') return `throw ${outcome.error?.getText() ?? 'undefined'}`;
  return outcome.value ? `return ${outcome.value.getText()}` : 'return';
}

function directEdits(text: string, site: DirectSite): Edit[] {
  const { statement, expression, outcome } = site;
  if (!statement) {
    // An arrow's expression body: `=> cb(null, x)` becomes `=> x`.
    const value = outcome.type === 'return' ? (outcome.value?.getText() ?? 'undefined') : `{ ${outcomeText(outcome)}; }`;
    const wrapped = outcome.type === 'return' && value.startsWith('{') ? `(${value})` : value;
    return [{ start: expression.getStart(), end: expression.getEnd(), text: wrapped }];
  }
  const start = Node.isReturnStatement(statement) ? statement.getStart() : expression.getStart();
  const edits: Edit[] = [{ start, end: expression.getEnd(), text: outcomeText(outcome) }];
  if (site.trailingReturn) edits.push(deleteStatement(text, site.trailingReturn.getStart(), site.trailingReturn.getEnd()));
  return edits;
}

function wrapperEdits(text: string, fn: FunctionNode, analysis: Analysis, resultType: string | undefined, earlier: readonly Edit[]): Edit[] {
  if (analysis.plan.kind !== 'wrapper') return [];
  const members = analysis.plan.members;
  const taken = identifierTexts(fn);
  const resolve = freshName('resolve', taken);
  const reject = freshName('reject', taken);
  const local = analysis.callbackName ?? freshName('callback', taken);
  const edits: Edit[] = members.map((m) => ({
    start: m.getStart(),
    end: m.getEnd(),
    text: m.getName() === 'succeed' ? resolve : m.getName() === 'fail' ? reject : local,
  }));
  const needsLocal = analysis.callbackName !== undefined || members.some((m) => m.getName() === 'done');
  const settle =
    resultType === undefined
      ? `const ${local} = (err, result) => (err !== undefined && err !== null ? ${reject}(err) : ${resolve}(result));`
      : `const ${local} = (err?: unknown, result?: ${resultType}) => (err !== undefined && err !== null ? ${reject}(err) : ${resolve}(${resultType === 'any' ? 'result' : `result as ${resultType}`}));`;
  const open = `new Promise${resultType === undefined ? '' : `<${resultType}>`}((${resolve}, ${reject}) => {`;
  const body = fn.getBody();
  if (!body) return [];
  if (!Node.isBlock(body)) {
    edits.push({ start: body.getStart(), end: body.getStart(), text: `${open} ${needsLocal ? `${settle} ` : ''}` });
    edits.push({ start: body.getEnd(), end: body.getEnd(), text: '; })' });
    return edits;
  }
  const openBrace = body.getStart();
  const closeBrace = body.getEnd() - 1;
  if (!text.slice(openBrace, closeBrace).includes('\n')) {
    edits.push({ start: openBrace + 1, end: openBrace + 1, text: ` return ${open}${needsLocal ? ` ${settle}` : ''}` });
    edits.push({ start: closeBrace, end: closeBrace, text: '}); ' });
    return edits;
  }
  const closeLine = lineStart(text, closeBrace);
  const closeOwnLine = /^[ \t]*$/.test(text.slice(closeLine, closeBrace));
  const outer = indentAt(text, closeOwnLine ? closeBrace : fn.getStart());
  const first = body.getStatements()[0];
  const inner = first ? indentAt(text, first.getStart()) : `${outer}  `;
  const unit = inner.startsWith(outer) && inner.length > outer.length ? inner.slice(outer.length) : '  ';
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  edits.push({ start: openBrace + 1, end: openBrace + 1, text: `${eol}${outer}${unit}return ${open}${needsLocal ? `${eol}${outer}${unit}${unit}${settle}` : ''}` });
  edits.push(...reindent(text, fn, openBrace, closeOwnLine ? closeLine : closeBrace, unit, [...earlier, ...edits]));
  edits.push(
    closeOwnLine
      ? { start: closeLine, end: closeLine, text: `${outer}${unit}});${eol}` }
      : { start: closeBrace, end: closeBrace, text: `${eol}${outer}${unit}});${eol}${outer}` },
  );
  return edits;
}

/** One more indent unit for each code line between the braces; never inside strings or deleted lines. */
function reindent(text: string, fn: FunctionNode, from: number, to: number, unit: string, edits: readonly Edit[]): Edit[] {
  const frozen = multilineLiterals(fn);
  const out: Edit[] = [];
  for (let nl = text.indexOf('\n', from); nl !== -1 && nl + 1 < to; nl = text.indexOf('\n', nl + 1)) {
    const at = nl + 1;
    const end = text.indexOf('\n', at);
    if (/^[ \t]*\r?$/.test(text.slice(at, end === -1 ? undefined : end))) continue;
    if (frozen.some(([s, e]) => s < at && at < e)) continue;
    if (edits.some((e) => e.start <= at && at < e.end)) continue;
    out.push({ start: at, end: at, text: unit });
  }
  return out;
}

/** [start, end) of string, template and JSX text spanning lines: their line starts are content. */
function multilineLiterals(fn: FunctionNode): Array<readonly [number, number]> {
  const sf = fn.getSourceFile().compilerNode;
  const kinds = new Set([SyntaxKind.TemplateExpression, SyntaxKind.NoSubstitutionTemplateLiteral, SyntaxKind.StringLiteral, SyntaxKind.JsxText]);
  const out: Array<readonly [number, number]> = [];
  const visit = (node: ts.Node): void => {
    if (kinds.has(node.kind)) {
      const start = node.getStart(sf);
      if (sf.text.slice(start, node.end).includes('\n')) out.push([start, node.end]);
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(fn.compilerNode);
  return out;
}

function freshName(base: string, taken: Set<string>): string {
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base}${i}`;
  taken.add(name);
  return name;
}
