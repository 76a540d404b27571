// The uses of a method's jest mock, rewritten for its client mock's command: setups to `.on()`,
// assertions to the command's calls with the same meaning (`toHaveBeenCalledWith(p)`: some call's
// input equals p), `mock.calls[i][0]` to the i-th command's input, clears and resets to the
// client mock's. Then the file: the jest.mock calls and mock variables go, the header comes.
import { ts } from '../../util/typescript.cjs';
import { isArrowBody, referencesTo } from './aws-sdk-mock.js';
import type { TestFile } from './file.js';
import { JestMocks, jestMockStatements, readFactory, type Resets } from './jest-mock.js';
import { chainOf, fromSetups } from './requests.js';
import { removeV2Imports, v2Imports } from './v2-imports.js';

const hookName = /^(before|after)(Each|All)$/;

function inHook(node: ts.Node): boolean {
  for (let n: ts.Node | undefined = node; n; n = n.parent) {
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && hookName.test(n.expression.text)) {
      return /Each$/.test(n.expression.text);
    }
  }
  return false;
}

/** The function a statement is in. */
function enclosing(node: ts.Node): ts.Node | undefined {
  for (let n = node.parent; n; n = n.parent) if (ts.isFunctionLike(n)) return n;
  return undefined;
}

/** `expect(x).not?.matcher(args)` -> its parts, for the call to `expect` with x. */
function assertion(
  expectCall: ts.CallExpression,
): { whole: ts.CallExpression; not: boolean; matcher: string; args: readonly ts.Expression[] } | undefined {
  let access = expectCall.parent;
  let not = false;
  if (ts.isPropertyAccessExpression(access) && access.name.text === 'not') {
    not = true;
    access = access.parent;
  }
  if (
    !ts.isPropertyAccessExpression(access) ||
    !ts.isCallExpression(access.parent) ||
    access.parent.expression !== access
  ) {
    return undefined;
  }
  return { whole: access.parent, not, matcher: access.name.text, args: access.parent.arguments };
}

function assertionText(
  file: TestFile,
  calls: string,
  a: NonNullable<ReturnType<typeof assertion>>,
): string | undefined {
  const not = a.not ? '.not' : '';
  const inputs = `${calls}.map((call) => call.args[0].input)`;
  const arg = (i: number) => a.args[i]?.getText(file.sf);
  switch (a.matcher) {
    case 'toHaveBeenCalledWith':
    case 'toBeCalledWith':
      return a.args.length === 1 ? `expect(${inputs})${not}.toContainEqual(${arg(0)})` : undefined;
    case 'toHaveBeenCalledTimes':
    case 'toBeCalledTimes':
      return a.args.length === 1 ? `expect(${calls})${not}.toHaveLength(${arg(0)})` : undefined;
    case 'toHaveBeenCalled':
    case 'toBeCalled':
      return a.args.length === 0 ? `expect(${calls})${a.not ? '' : '.not'}.toHaveLength(0)` : undefined;
    case 'toHaveBeenLastCalledWith':
    case 'lastCalledWith':
      return a.args.length === 1 ? `expect(${inputs}.slice(-1))${not}.toEqual([${arg(0)}])` : undefined;
    case 'toHaveBeenNthCalledWith':
    case 'nthCalledWith': {
      const n = a.args[0];
      if (a.args.length !== 2 || !ts.isNumericLiteral(n) || !(Number(n.text) >= 1)) return undefined;
      return `expect(${inputs}.slice(${Number(n.text) - 1}, ${n.text}))${not}.toEqual([${arg(1)}])`;
    }
  }
  return undefined;
}

const resetOf: Record<string, string> = {
  mockClear: 'resetHistory',
  mockReset: 'reset',
  mockRestore: 'reset',
  clearAllMocks: 'resetHistory',
  resetAllMocks: 'reset',
  restoreAllMocks: 'reset',
};

function convertUse(
  file: TestFile,
  m: JestMocks,
  name: string,
  ref: ts.Identifier,
  perCommand: Map<string, ts.Node[]>,
): void {
  const { target, role } = m.vars.get(name)!;
  const calls = `${target.mock}.commandCalls(${target.command})`;
  const parent = ref.parent;
  const left = (why: string) => file.left(ref, 'mock-use', `${name}: ${why}`);
  // expect(mockGet).toHaveBeenCalledWith(params)
  if (ts.isCallExpression(parent) && ts.isIdentifier(parent.expression) && parent.expression.text === 'expect') {
    const a = assertion(parent);
    // a promise's mock is called once per request, with no arguments: only its count is the command's
    const counts = !a || role === 'method' || /^(toHaveBeenCalled|toBeCalled)(Times)?$/.test(a.matcher);
    const text = a && counts && assertionText(file, calls, a);
    if (!a || !text) throw left(`this assertion has no exact counterpart on the command's calls`);
    m.set(a.whole, [text]);
    return;
  }
  // mockGet.mock.calls[i][0], mockGet.mock.calls.length
  if (ts.isPropertyAccessExpression(parent) && parent.name.text === 'mock') {
    const up = parent.parent;
    if (ts.isPropertyAccessExpression(up) && up.name.text === 'calls') {
      const next = up.parent;
      if (ts.isPropertyAccessExpression(next) && next.name.text === 'length') return m.set(next, [`${calls}.length`]);
      const arg = next.parent;
      if (
        role === 'method' &&
        ts.isElementAccessExpression(next) &&
        ts.isElementAccessExpression(arg) &&
        arg.expression === next &&
        arg.argumentExpression.getText(file.sf) === '0'
      ) {
        return m.set(arg, [`${calls}[${next.argumentExpression.getText(file.sf)}].args[0].input`]);
      }
    }
    throw left('this read of its calls has no exact counterpart');
  }
  // mockGet.mockReturnValue(…)…; mockGet.mockClear();
  let top: ts.Node = ref;
  while (
    ts.isPropertyAccessExpression(top.parent) ||
    (ts.isCallExpression(top.parent) && top.parent.expression === top)
  )
    top = top.parent;
  // a statement of its own, or an arrow function's body: `beforeEach(() => mockGet.mockReturnValue(…))`
  const statement: ts.Node = isArrowBody(top) ? top : top.parent;
  if (!(isArrowBody(top) || (ts.isExpressionStatement(statement) && statement.expression === top)))
    throw left('a use other than a setup, an assertion or a read of its calls');
  const { base, links } = chainOf(top as ts.Expression);
  if (base !== ref || !links.length) throw left('a use other than a setup, an assertion or a read of its calls');
  if (links.length === 1 && resetOf[links[0].method] && !links[0].args.length) {
    if ([...m.vars.values()].some((v) => v.target.mock === target.mock && v.target.command !== target.command)) {
      throw left(`${links[0].method} clears one method, and the client mock's counterpart clears every command`);
    }
    if (inHook(statement)) m.resetInHook.add(target.mock);
    return m.set(statement, [file.statement(`${target.mock}.${resetOf[links[0].method]}();`)]);
  }
  const read = fromSetups(file, links, role);
  if (typeof read === 'string') {
    throw file.left(
      ref,
      read,
      `${name}: a setup that does not answer with a v2 request (\`{ promise: () => Promise.resolve(…) }\`)`,
    );
  }
  file.checkAnswers(
    target.client,
    target.command,
    read.behaviours.map((b) => b.call),
    statement,
  );
  const key = `${target.mock}.${target.command}`;
  perCommand.set(key, [...(perCommand.get(key) ?? []), statement]);
  if (read.once) m.onces.push({ node: statement, target });
  m.set(statement, [
    file.statement(`${target.mock}.on(${target.command}).${read.behaviours.map((b) => b.call).join('.')};`),
  ]);
}

/** jest.clearAllMocks() and its kin: kept, and the client mocks cleared with them. */
function allMocks(file: TestFile, m: JestMocks, resets: Resets): string[] {
  const names = [...new Set([...m.vars.values()].map((v) => v.target.mock)), ...file.mockNames()];
  const unique = [...new Set(names)];
  const visit = (node: ts.Node): void => {
    const call = ts.isExpressionStatement(node) ? node.expression : isArrowBody(node) ? node : undefined;
    if (call && ts.isCallExpression(call) && !call.arguments.length) {
      const callee = call.expression;
      if (
        ts.isPropertyAccessExpression(callee) &&
        ts.isIdentifier(callee.expression) &&
        /^(jest|vi)$/.test(callee.expression.text)
      ) {
        const method = resetOf[callee.name.text];
        if (method && callee.name.text.endsWith('AllMocks')) {
          if (inHook(node)) for (const n of unique) m.resetInHook.add(n);
          const kept = ts.isExpressionStatement(node)
            ? node.getText(file.sf)
            : file.statement(`${node.getText(file.sf)};`);
          m.set(node, [kept, ...unique.map((n) => file.statement(`${n}.${method}();`))]);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file.sf);
  if (!resets) return [];
  for (const n of unique) m.resetInHook.add(n);
  // the test runner clears (or resets) every jest mock before each test: the client mocks too
  const method = resets === 'history' ? 'resetHistory' : 'reset';
  return unique.map((n) => file.statement(`beforeEach(() => ${n}.${method}());`));
}

export function convertJestMock(file: TestFile, resets: Resets): boolean {
  const statements = jestMockStatements(file);
  if (!statements.length) return false;
  const m = new JestMocks(file);
  for (const s of statements) readFactory(file, m, s);
  if (!file.hasMocks) throw file.left(statements[0], 'no-mocks', 'the fake module fakes no client method');
  const perCommand = new Map<string, ts.Node[]>();
  const inFactory = (node: ts.Node) => statements.some((s) => node.pos >= s.pos && node.end <= s.end);
  for (const [name, { declaration }] of m.vars) {
    const decl = declaration.declarationList.declarations[0];
    for (const ref of referencesTo(file, name, decl.name)) {
      if (!inFactory(ref)) convertUse(file, m, name, ref, perCommand);
    }
    m.edited.add(declaration);
    m.lines.set(declaration, []);
  }
  const hooks = allMocks(file, m, resets);
  // aws-sdk-client-mock counts one-time answers from the client mock's last reset, and a second
  // setup of the command replaces them: equal to jest's queue only in these cases
  for (const { node: statement, target } of m.onces) {
    const others = perCommand.get(`${target.mock}.${target.command}`)!.filter((s) => s !== statement);
    const reset = m.resetInHook.has(target.mock);
    // with a reset before each test, a test's setups are its own and its hooks'; without, all are one
    const clash = reset
      ? others.some((o) => o.parent === file.sf || inHook(o) || enclosing(o) === enclosing(statement))
      : others.length > 0 || statement.parent !== file.sf;
    if (clash) {
      throw file.left(
        statement,
        'once',
        'a one-time answer beside other answers of the command, or with no reset between tests, does not queue as in jest: convert by hand',
      );
    }
  }
  const v2 = v2Imports(file);
  const anchor = [...statements, ...v2].sort((a, b) => a.pos - b.pos)[0];
  removeV2Imports(file, v2, statements, m.edited, anchor);
  for (const s of statements) {
    m.edited.add(s);
    if (s !== anchor) file.replaceStatement(s, []);
  }
  for (const [node, lines] of m.lines) {
    if (ts.isStatement(node) || isArrowBody(node)) file.replaceUse(node, lines);
    else file.edits.replaceNode(node, lines[0], file.sf);
  }
  // the anchor (the first jest.mock call or v2 import) gives its place to the header
  file.writeHeader(anchor, m.edited, [...hooks, ...m.atSite], m.topUses);
  return true;
}
