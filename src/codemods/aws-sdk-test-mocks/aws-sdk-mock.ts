// aws-sdk-mock (`AWSMock.mock('S3', 'getObject', replacement)`) to aws-sdk-client-mock: one
// `mockClient(S3Client)` per service, `.on(GetObjectCommand)` with the replacement's answer,
// `restore` to `reset()`, `setSDKInstance` dropped. Every use of the module must be one of those,
// or the file is left as it is.
import { ts } from '../../util/typescript.cjs';
import {
  failure,
  fromPromise,
  isAsync,
  isDataConst,
  isFunction,
  returned,
  settled,
  success,
  type Behaviour,
} from './behaviours.js';
import { type TestFile } from './file.js';
import { importOf, readsNames } from './nodes.js';
import { v2Imports, removeV2Imports } from './v2-imports.js';

interface Use {
  /** The call's statement, or the call itself when it is an arrow function's body. */
  statement: ts.ExpressionStatement | ts.CallExpression;
  method: string;
  args: readonly ts.Expression[];
}

/** The references to `name` in the file, other than its declaration. */
export function referencesTo(file: TestFile, name: string, declaration: ts.Node): ts.Identifier[] {
  const out: ts.Identifier[] = [];
  const visit = (node: ts.Node): void => {
    if (node === declaration) return;
    if (ts.isIdentifier(node) && node.text === name) {
      const p = node.parent;
      const isKey =
        (ts.isPropertyAccessExpression(p) && p.name === node) ||
        (ts.isPropertyAssignment(p) && p.name === node) ||
        ts.isMethodDeclaration(p) ||
        ts.isPropertyDeclaration(p);
      if (!isKey) out.push(node);
    }
    ts.forEachChild(node, visit);
  };
  visit(file.sf);
  return out;
}

/** `M.method(args);` standing as its own statement, or as the body of an arrow function. */
function useOf(file: TestFile, ref: ts.Identifier): Use {
  const access = ref.parent;
  const call = access.parent;
  // `AWSMock.Promise = Promise`: the promise library of the fakes, nothing for v3
  if (
    ts.isPropertyAccessExpression(access) &&
    access.name.text === 'Promise' &&
    ts.isBinaryExpression(call) &&
    call.left === access &&
    call.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
    ts.isExpressionStatement(call.parent)
  ) {
    return { statement: call.parent, method: 'Promise', args: [] };
  }
  if (
    !ts.isPropertyAccessExpression(access) ||
    access.expression !== ref ||
    !ts.isCallExpression(call) ||
    call.expression !== access ||
    !(ts.isExpressionStatement(call.parent) || isArrowBody(call))
  ) {
    throw file.left(ref, 'mock-use', `this use of aws-sdk-mock is not a call standing as a statement`);
  }
  const statement = ts.isExpressionStatement(call.parent) ? call.parent : call;
  return { statement, method: access.name.text, args: call.arguments };
}

export function isArrowBody(node: ts.Node): boolean {
  return !!node.parent && ts.isArrowFunction(node.parent) && node.parent.body === node;
}

function literal(file: TestFile, node: ts.Expression | undefined, what: string, at: ts.Node): string {
  if (node && ts.isStringLiteralLike(node)) return node.text;
  throw file.left(at, 'dynamic-name', `the ${what} is not written as a string`);
}

/** What an aws-sdk-mock replacement answers. */
function answer(file: TestFile, replacement: ts.Expression | undefined, at: ts.Node): Behaviour {
  if (!replacement) throw file.left(at, 'replacement', 'aws-sdk-mock.mock without a replacement');
  let read: Behaviour | string;
  if (isFunction(replacement)) {
    read = replacementFunction(file, replacement);
  } else if (ts.isIdentifier(replacement) && isDataConst(file, replacement.text)) {
    read = { call: `resolves(${replacement.text})` };
  } else if (ts.isIdentifier(replacement) || ts.isCallExpression(replacement)) {
    // a function held in a variable, a spy (jest.fn, sinon.stub), or a promise made once
    const s = settled(replacement);
    read = s?.value ? (s.ok ? success(file, s.value) : failure(file, s.value)) : 'replacement';
  } else {
    // a value: aws-sdk-mock answers every call with it
    read = { call: `resolves(${replacement.getText(file.sf)})` };
  }
  if (typeof read !== 'string') return read;
  const why =
    read === 'error-code'
      ? 'the fake error has a `code`; v3 errors carry it as `name`, so the converted code reads another field: rewrite this fake by hand'
      : 'the replacement does more than answer with a value, an error or a promise; convert it by hand (`.callsFake`)';
  throw file.left(replacement, read, why);
}

/** `(params, callback) => callback(null, data)`, `callback(error)`, `() => Promise.resolve(data)`, `async () => data`. */
function replacementFunction(file: TestFile, fn: ts.ArrowFunction | ts.FunctionExpression): Behaviour | string {
  const [params, callback] = fn.parameters;
  const value = returned(fn) ?? soleExpression(fn);
  if (!value) return 'replacement';
  const call = ts.isCallExpression(value) ? value : undefined;
  const inputs = params ? [params] : [];
  if (callback && ts.isIdentifier(callback.name) && call && ts.isIdentifier(call.expression)) {
    if (call.expression.text !== callback.name.text) return 'replacement';
    const [error, data] = call.arguments;
    if (call.arguments.length > 2) return 'replacement';
    const noError =
      !error || error.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(error) && error.text === 'undefined');
    if (!noError) return data ? 'replacement' : failure(file, error, inputs);
    return data ? success(file, data, inputs) : { call: 'resolves(undefined)' };
  }
  // a callback used in any other way (handed on, called later) is not read
  if (callback && readsNames(fn.body).has(callback.name.getText(file.sf))) return 'replacement';
  return fromPromise(file, returned(fn), inputs, isAsync(fn));
}

function soleExpression(fn: ts.ArrowFunction | ts.FunctionExpression): ts.Expression | undefined {
  if (!ts.isBlock(fn.body) || fn.body.statements.length !== 1) return undefined;
  const [only] = fn.body.statements;
  return ts.isExpressionStatement(only) ? only.expression : undefined;
}

/** The hook (`beforeEach(() => { AWSMock.setSDKInstance(AWS); })`) whose whole body the removed uses are. */
function wholeHook(use: ts.Node, removed: ReadonlySet<ts.Node>): ts.Node {
  const block = use.parent;
  const alone = isArrowBody(use) || (ts.isBlock(block) && block.statements.every((s) => removed.has(s)));
  const fn = isArrowBody(use) ? use.parent : block.parent;
  const call = fn?.parent;
  if (!alone || !isFunction(fn) || !ts.isCallExpression(call) || !ts.isExpressionStatement(call.parent)) return use;
  const hook = call.expression;
  return ts.isIdentifier(hook) && /^(before|after)(Each|All)?$/.test(hook.text) && call.arguments.length === 1
    ? call.parent
    : use;
}

export function convertAwsSdkMock(file: TestFile): boolean {
  const statement = file.sf.statements.find((s) => importOf(s)?.spec === 'aws-sdk-mock');
  if (!statement) return false;
  const imported = importOf(statement)!;
  if (!imported.name || imported.other) {
    throw file.left(
      statement,
      'import-form',
      'aws-sdk-mock is imported by name or twice; only `AWSMock = require(…)`/`import * as AWSMock` converts',
    );
  }
  const uses = referencesTo(file, imported.name, statement).map((ref) => useOf(file, ref));
  const v2 = v2Imports(file);
  const edited = new Set<ts.Node>([statement]);
  const removed = new Set<ts.Node>();
  const mocked = new Map<string, Set<string>>();
  const lines = new Map<ts.Node, string[]>();
  const restores: Array<{ use: Use; service?: ts.Expression }> = [];
  for (const use of uses) {
    if (use.method === 'setSDKInstance' || use.method === 'setSDK' || use.method === 'Promise') {
      removed.add(use.statement);
    } else if (use.method === 'mock' || use.method === 'remock') {
      const [svc, op, replacement] = use.args;
      const service = literal(file, svc, 'service', use.statement);
      const method = literal(file, op, 'method', use.statement);
      const mock = file.mockOf(service, use.statement);
      const command = file.command(mock, method, use.statement);
      const behaviour = answer(file, replacement, use.statement);
      mocked.set(service, (mocked.get(service) ?? new Set()).add(method));
      file.checkAnswers(mock, command, [behaviour.call], use.statement);
      lines.set(use.statement, [file.statement(`${mock.name}.on(${command}).${behaviour.call};`)]);
    } else if (use.method === 'restore') {
      restores.push({ use, service: use.args[0] });
    } else {
      throw file.left(
        use.statement,
        'mock-use',
        `aws-sdk-mock.${use.method} has no aws-sdk-client-mock counterpart here`,
      );
    }
  }
  for (const { use, service } of restores) {
    if (!service) {
      lines.set(
        use.statement,
        file.mockNames().map((n) => file.statement(`${n}.reset();`)),
      );
      continue;
    }
    const name = literal(file, service, 'service', use.statement);
    const method = use.args[1] && literal(file, use.args[1], 'method', use.statement);
    const methods = mocked.get(name);
    if (!methods) throw file.left(use.statement, 'restore', `restores ${name}, which this file never mocks`);
    // reset() forgets every command of the client: the same only when the method is its only one
    if (method && (methods.size > 1 || !methods.has(method))) {
      throw file.left(
        use.statement,
        'restore',
        `restores ${name}.${method} alone while other ${name} methods stay mocked`,
      );
    }
    lines.set(use.statement, [file.statement(`${file.mockOf(name, use.statement).name}.reset();`)]);
  }
  if (!file.hasMocks) throw file.left(statement, 'no-mocks', 'aws-sdk-mock is imported but mocks nothing');
  removeV2Imports(file, v2, [...removed], edited);
  for (const whole of new Set([...removed].map((s) => wholeHook(s, removed)))) {
    edited.add(whole);
    file.replaceUse(whole, []);
  }
  for (const [s, text] of lines) {
    edited.add(s);
    file.replaceUse(s, text);
  }
  const topUses = [...lines.keys()].filter((s) => s.parent === file.sf);
  file.writeHeader(statement, edited, [], topUses);
  return true;
}
