// `jest.mock('aws-sdk', factory)` (and `vi.mock`) to aws-sdk-client-mock. The factory's fake
// clients give each method a jest mock; a method's mock becomes the client mock's command:
// its setups (`mockReturnValue({ promise: () => Promise.resolve(x) })`) become `.on(Command)`
// behaviours, its assertions read `commandCalls(Command)`. Any other use of the mocks, or a factory
// of another shape, leaves the file as it is.
import { ts } from '../../util/typescript.cjs';
import { serviceByClientsPath } from '../aws-sdk-v2-to-v3/services.js';
import { isFunction, returned, type Behaviour } from './behaviours.js';
import { type ClientMock, type TestFile } from './file.js';
import { chainOf, fromImplementation, fromSetups, mockFn, promiseVariable } from './requests.js';

/** A method of a faked client: its client mock's name and its command. */
export interface Target {
  mock: string;
  command: string;
  client: ClientMock;
}

/** What a mock variable stands for: a method (`get: mockGet`) or its request's promise (`{ promise: mockGetPromise }`). */
export type Role = 'method' | 'promise';

/** What the file's tests reset between tests: the config's clearMocks / resetMocks. */
export type Resets = 'history' | 'all' | undefined;

class JestMocks {
  readonly edited = new Set<ts.Node>();
  readonly lines = new Map<ts.Node, string[]>();
  /** Setups written where the jest.mock call was. */
  readonly atSite: string[] = [];
  /** Statements that use a client mock, at the top level: they must come after the declarations. */
  readonly topUses: ts.Node[] = [];
  /** Mock variables (`const mockGet = jest.fn()`) -> the method they fake. */
  readonly vars = new Map<string, { target: Target; declaration: ts.VariableStatement; role: Role }>();
  /** The once-only setups, per command, to check they behave as in jest. */
  readonly onces: Array<{ node: ts.Node; target: Target }> = [];
  readonly resetInHook = new Set<string>();

  constructor(readonly file: TestFile) {}

  set(node: ts.Node, text: string[]): void {
    if (this.lines.has(node)) throw this.file.left(node, 'mock-use', 'this statement uses two faked methods');
    this.edited.add(node);
    this.lines.set(node, text);
    if (ts.isStatement(node) && node.parent === this.file.sf) this.topUses.push(node);
  }
}

/** The top-level `jest.mock('aws-sdk…', factory)` statements. */
export function jestMockStatements(file: TestFile): ts.ExpressionStatement[] {
  const out: ts.ExpressionStatement[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const { expression: fw, name } = node.expression;
      const [spec] = node.arguments;
      if (
        ts.isIdentifier(fw) &&
        (fw.text === 'jest' || fw.text === 'vi') &&
        (name.text === 'mock' || name.text === 'doMock') &&
        spec &&
        ts.isStringLiteralLike(spec) &&
        (spec.text === 'aws-sdk' || spec.text.startsWith('aws-sdk/'))
      ) {
        const statement = node.parent;
        if (!ts.isExpressionStatement(statement) || statement.parent !== file.sf || name.text !== 'mock') {
          throw file.left(node, 'jest-mock-form', `${fw.text}.${name.text}('${spec.text}') is not a top-level mock`);
        }
        out.push(statement);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file.sf);
  return out;
}

/** The object a factory returns. */
function factoryObject(file: TestFile, call: ts.CallExpression): ts.Expression {
  const factory = call.arguments[1];
  if (!factory) throw file.left(call, 'automock', 'an automatic mock (no factory, or __mocks__/aws-sdk) is not read');
  const value = isFunction(factory) && !factory.parameters.length ? returned(factory) : undefined;
  if (!value) throw file.left(factory, 'factory', 'the factory does not simply return the fake module');
  return unparen(value);
}

const unparen = (e: ts.Expression): ts.Expression => (ts.isParenthesizedExpression(e) ? unparen(e.expression) : e);

/** The instance object a fake client class makes: `jest.fn(() => ({ … }))`, `function () { return { … }; }`. */
function instanceOf(file: TestFile, fake: ts.Expression): ts.ObjectLiteralExpression {
  let impl: ts.Expression | undefined = fake;
  const fn = mockFn(fake);
  if (fn) impl = fn.impl;
  else {
    const { base, links } = chainOf(fake);
    const inner = mockFn(base);
    if (inner && !inner.impl && links.length === 1 && links[0].method === 'mockImplementation') impl = links[0].args[0];
  }
  const value = impl && isFunction(impl) && !impl.parameters.length ? returned(impl) : undefined;
  const object = value && unparen(value);
  if (!object || !ts.isObjectLiteralExpression(object)) {
    throw file.left(fake, 'fake-client', 'the fake client is not a function returning an object of methods');
  }
  return object;
}

function propName(file: TestFile, p: ts.ObjectLiteralElementLike): string {
  if (!p.name || ts.isComputedPropertyName(p.name)) throw file.left(p, 'factory', 'a computed or spread member');
  return p.name.getText(file.sf).replace(/^['"]|['"]$/g, '');
}

/** `(…args) => mockGet(…args)` or `(p) => mockGet(p)`: the mock variable it hands the call to. */
function passedTo(fn: ts.Expression): string | undefined {
  if (!isFunction(fn)) return undefined;
  const value = returned(fn);
  if (!value || !ts.isCallExpression(value) || !ts.isIdentifier(value.expression)) return undefined;
  const params = fn.parameters.map((p) => `${p.dotDotDotToken ? '...' : ''}${p.name.getText()}`);
  const args = value.arguments.map((a) => a.getText());
  return params.join() === args.join() ? value.expression.text : undefined;
}

function readClient(file: TestFile, m: JestMocks, v2: string, fake: ts.Expression): void {
  const mock = file.mockOf(v2, fake);
  for (const p of instanceOf(file, fake).properties) {
    const method = propName(file, p);
    const command = file.command(mock, method, p);
    const target = { mock: mock.name, command, client: mock };
    const value = ts.isPropertyAssignment(p) ? p.initializer : ts.isShorthandPropertyAssignment(p) ? p.name : undefined;
    if (!value) throw file.left(p, 'factory', `the fake ${method} is not a value`);
    const name = ts.isIdentifier(value) ? value.text : passedTo(value);
    if (name) {
      bindVar(file, m, name, target, p);
      continue;
    }
    const promise = promiseVariable(value);
    if (promise) {
      bindVar(file, m, promise, target, p, 'promise');
      continue;
    }
    // an inline fake: its answer is set up where the jest.mock call was
    const { base, links } = chainOf(value);
    const fn = mockFn(base);
    const behaviours: Behaviour[] = [];
    if (fn?.impl || (!fn && isFunction(value))) {
      const read = fromImplementation(file, fn?.impl ?? value);
      if (typeof read === 'string')
        throw file.left(value, read, `the fake ${method} does not answer with a v2 request`);
      behaviours.push(read);
    }
    if (!fn && !isFunction(value))
      throw file.left(value, 'factory', `the fake ${method} is not a jest mock or a function`);
    if (fn && links.length) {
      const read = fromSetups(file, links);
      if (typeof read === 'string')
        throw file.left(value, read, `the fake ${method}'s answers are not all v2 requests`);
      if (read.once) throw file.left(value, 'once', 'a one-time answer in the factory: convert it by hand');
      behaviours.push(...read.behaviours);
    }
    if (behaviours.length > 1) throw file.left(value, 'setup', `the fake ${method} has two standing answers`);
    file.checkAnswers(
      mock,
      command,
      behaviours.map((b) => b.call),
      value,
    );
    if (behaviours.length) m.atSite.push(file.statement(`${mock.name}.on(${command}).${behaviours[0].call};`));
  }
}

function bindVar(file: TestFile, m: JestMocks, name: string, target: Target, at: ts.Node, role: Role = 'method'): void {
  const declaration = file.sf.statements.find(
    (s): s is ts.VariableStatement =>
      ts.isVariableStatement(s) &&
      s.declarationList.declarations.length === 1 &&
      s.declarationList.declarations[0].name.getText(file.sf) === name,
  );
  const init = declaration?.declarationList.declarations[0].initializer;
  const fn = init && mockFn(init);
  if (!declaration || !fn || fn.impl) {
    throw file.left(at, 'mock-variable', `${name} is not declared at the top level as a bare jest.fn()`);
  }
  if (m.vars.has(name)) throw file.left(at, 'mock-variable', `${name} fakes two methods`);
  m.vars.set(name, { target, declaration, role });
}

function readFactory(file: TestFile, m: JestMocks, statement: ts.ExpressionStatement): void {
  const call = statement.expression as ts.CallExpression;
  const spec = (call.arguments[0] as ts.StringLiteral).text;
  const object = factoryObject(file, call);
  const sub = spec.startsWith('aws-sdk/clients/')
    ? serviceByClientsPath(spec.slice('aws-sdk/clients/'.length))
    : undefined;
  if (spec !== 'aws-sdk' && !sub) throw file.left(call, 'jest-mock-form', `a mock of ${spec} is not read`);
  if (!ts.isObjectLiteralExpression(object)) {
    if (!sub) throw file.left(object, 'factory', 'the factory does not return an object of services');
    return readClient(file, m, sub.v2, object);
  }
  for (const p of object.properties) {
    const key = propName(file, p);
    if (!ts.isPropertyAssignment(p)) throw file.left(p, 'factory', `${key} is not a fake client`);
    const value = unparen(p.initializer);
    if (key === 'DocumentClient' && (sub?.v2 ?? 'DynamoDB') === 'DynamoDB') {
      readClient(file, m, 'DocumentClient', value);
    } else if (key === 'DynamoDB' && !sub && ts.isObjectLiteralExpression(value)) {
      for (const inner of value.properties) {
        if (propName(file, inner) !== 'DocumentClient' || !ts.isPropertyAssignment(inner)) {
          throw file.left(inner, 'factory', `DynamoDB.${propName(file, inner)} of the fake is not a fake client`);
        }
        readClient(file, m, 'DocumentClient', unparen(inner.initializer));
      }
    } else if (!sub) {
      readClient(file, m, key, value);
    } else {
      throw file.left(p, 'factory', `${key} of the fake is not read`);
    }
  }
}

export { JestMocks, readFactory };
