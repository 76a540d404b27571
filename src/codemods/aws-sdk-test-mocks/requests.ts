// The v2 request a jest fake hands back (`{ promise: () => Promise.resolve(data) }`), and the jest
// mock functions around it (`jest.fn(impl)`, `.mockReturnValue(request)`, `.mockImplementation`),
// read as aws-sdk-client-mock behaviours.
import { ts } from '../../util/typescript.cjs';
import { failure, fromPromise, isAsync, isFunction, returned, settled, success, type Behaviour } from './behaviours.js';
import type { TestFile } from './file.js';

type Read = Behaviour | string;

/** `jest.fn(…)` / `vi.fn(…)`: the framework's mock function maker, with its argument. */
export function mockFn(node: ts.Expression): { impl?: ts.Expression } | undefined {
  if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return undefined;
  const { expression: fw, name } = node.expression;
  if (!ts.isIdentifier(fw) || (fw.text !== 'jest' && fw.text !== 'vi') || name.text !== 'fn') return undefined;
  return node.arguments.length <= 1 ? { impl: node.arguments[0] } : undefined;
}

export interface Link {
  method: string;
  args: readonly ts.Expression[];
  node: ts.CallExpression;
}

/** `base.m1(a).m2(b)` -> base and the calls in order (a `jest.fn(…)` is a base). */
export function chainOf(node: ts.Expression): { base: ts.Expression; links: Link[] } {
  const links: Link[] = [];
  let e = node;
  while (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && !mockFn(e)) {
    links.unshift({ method: e.expression.name.text, args: e.arguments, node: e });
    e = e.expression.expression;
  }
  return { base: e, links };
}

/** What `request.promise()` answers, for a request object `{ promise: … }`. */
export function fromRequest(file: TestFile, request: ts.Expression, params: ts.ParameterDeclaration[]): Read {
  let r = request;
  while (ts.isParenthesizedExpression(r)) r = r.expression;
  if (!ts.isObjectLiteralExpression(r) || r.properties.length !== 1) return 'request';
  const [prop] = r.properties;
  if (!prop.name || prop.name.getText(file.sf) !== 'promise') return 'request';
  let promise: ts.Expression | undefined;
  if (ts.isPropertyAssignment(prop)) promise = prop.initializer;
  else if (ts.isMethodDeclaration(prop) && prop.body && !prop.parameters.length) {
    const [only] = prop.body.statements;
    const value = prop.body.statements.length === 1 && ts.isReturnStatement(only) ? only.expression : undefined;
    const async = !!prop.modifiers?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword);
    return fromPromise(file, value, params, async, true);
  }
  if (!promise) return 'request';
  if (isFunction(promise)) {
    if (promise.parameters.length) return 'request';
    return fromPromise(file, returned(promise), params, isAsync(promise), true);
  }
  // promise: jest.fn().mockResolvedValue(x) and the like
  const { base, links } = chainOf(promise);
  const fn = mockFn(base as ts.Expression);
  if (!fn || links.length > 1) return 'request';
  if (!links.length) return fn.impl && isFunction(fn.impl) ? fromRequestFn(file, fn.impl, params) : 'request';
  if (fn.impl) return 'request';
  const [{ method, args }] = links;
  const [arg] = args;
  if (method === 'mockResolvedValue') return arg ? success(file, arg, params) : { call: 'resolves(undefined)' };
  if (method === 'mockRejectedValue' && arg) return failure(file, arg, params);
  if (method === 'mockReturnValue' && arg) {
    const s = settled(arg);
    if (s?.value) return s.ok ? success(file, s.value, params) : failure(file, s.value, params);
  }
  if (method === 'mockImplementation' && arg && isFunction(arg)) return fromRequestFn(file, arg, params);
  return 'request';
}

function fromRequestFn(
  file: TestFile,
  fn: ts.ArrowFunction | ts.FunctionExpression,
  params: ts.ParameterDeclaration[],
): Read {
  return fn.parameters.length ? 'request' : fromPromise(file, returned(fn), params, isAsync(fn), true);
}

/** A method's fake implementation `(params) => ({ promise: … })`. */
export function fromImplementation(file: TestFile, fn: ts.Expression): Read {
  if (!isFunction(fn) || fn.parameters.length > 1 || isAsync(fn)) return 'implementation';
  const value = returned(fn);
  return value ? fromRequest(file, value, [...fn.parameters]) : 'implementation';
}

const once = (b: Behaviour): Behaviour => ({ call: b.call.replace(/^(resolves|rejects|callsFake)/, '$1Once') });

/**
 * A setup chain on a method's mock (`.mockReturnValueOnce(a).mockReturnValue(b)`) as behaviours:
 * the one-time answers in order, then the standing one (jest answers in that order whatever the
 * order of the chain; aws-sdk-client-mock needs it written so).
 */
export function fromSetups(
  file: TestFile,
  links: readonly Link[],
  role: 'method' | 'promise' = 'method',
): { behaviours: Behaviour[]; once: boolean } | string {
  const onces: Behaviour[] = [];
  let standing: Behaviour | undefined;
  for (const { method, args } of links) {
    const [arg] = args;
    if (args.length > 1 || (!arg && method !== 'mockResolvedValue')) return `setup`;
    const isOnce = method.endsWith('Once');
    const read = (role === 'method' ? methodSetup : promiseSetup)(file, isOnce ? method.slice(0, -4) : method, arg);
    if (typeof read === 'string') return read;
    if (isOnce) onces.push(once(read));
    else if (standing) return 'setup';
    else standing = read;
  }
  return { behaviours: [...onces, ...(standing ? [standing] : [])], once: onces.length > 0 };
}

/** A setup of a method's mock: it gives back the v2 request. */
function methodSetup(file: TestFile, base: string, arg: ts.Expression): Read {
  if (base === 'mockReturnValue') return fromRequest(file, arg, []);
  if (base === 'mockImplementation') return fromImplementation(file, arg);
  return 'setup';
}

/** A setup of the mock of a request's `promise` (`{ promise: mockGetPromise }`): it gives back the promise. */
function promiseSetup(file: TestFile, base: string, arg: ts.Expression | undefined): Read {
  if (base === 'mockResolvedValue') return arg ? success(file, arg) : { call: 'resolves(undefined)' };
  if (!arg) return 'setup';
  if (base === 'mockRejectedValue') return failure(file, arg);
  if (base === 'mockReturnValue') {
    const s = settled(arg);
    if (!s?.value) return 'setup';
    return s.ok ? success(file, s.value) : failure(file, s.value);
  }
  if (base === 'mockImplementation' && isFunction(arg)) return fromRequestFn(file, arg, []);
  return 'setup';
}

/** `jest.fn(() => ({ promise: mockGetPromise }))` or `() => ({ promise: mockGetPromise })`: the promise's mock variable. */
export function promiseVariable(value: ts.Expression): string | undefined {
  const fn = mockFn(value);
  const impl = fn ? fn.impl : value;
  const request = impl && isFunction(impl) ? returned(impl) : undefined;
  let r = request;
  while (r && ts.isParenthesizedExpression(r)) r = r.expression;
  if (!r || !ts.isObjectLiteralExpression(r) || r.properties.length !== 1) return undefined;
  const [prop] = r.properties;
  if (ts.isShorthandPropertyAssignment(prop)) return undefined;
  if (!ts.isPropertyAssignment(prop) || prop.name.getText() !== 'promise') return undefined;
  return ts.isIdentifier(prop.initializer) ? prop.initializer.text : undefined;
}
