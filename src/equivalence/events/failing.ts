// Fields of the event a handler reads without a guard, so an event without them makes it fail:
// `JSON.parse(event.body)` needs `body` (JSON.parse(undefined) throws), `event.pathParameters.id`
// needs `pathParameters`, `event.Records[0].s3` needs a first record, `event.detail.x` needs
// `detail`. Read from the handler's own function with the TypeScript parser: property accesses
// on its first parameter (and on `const { a } = event` / `const a = event.a` aliases of it). An
// access is left out when it is optional (`?.`) or when the handler tests that field or one of
// its parents anywhere (`if (event.body)`, `event.body && …`, `typeof event.body`, `?? {}`):
// then a missing field is a case the handler handles, not a failure atx can name.
import { ts } from '../../util/typescript.cjs';
import { exportedFunctions } from '../../codemods/aws-sdk-v2-to-v3/crossmodule.js';

/** A path into the event: names, and 0 for the first element of a list. */
export type FieldPath = (string | number)[];

export interface RequiredField {
  /** The value that must be present: removing the last name, or emptying the list before a `0`, makes the handler throw. */
  path: FieldPath;
  /** 1-based line of the read in the handler file. */
  line: number;
}

const elementCallbacks = new Set(['map', 'forEach', 'filter', 'some', 'every', 'find', 'flatMap']);

type FunctionNode = ts.ArrowFunction | ts.FunctionExpression | ts.FunctionDeclaration;

function isFunction(node: ts.Node): node is FunctionNode {
  return ts.isArrowFunction(node) || ts.isFunctionExpression(node) || ts.isFunctionDeclaration(node);
}

/** The function a module exports as `exportName` (CommonJS or ESM), when it is written in the file. */
export function handlerFunction(sf: ts.SourceFile, exportName: string): FunctionNode | undefined {
  const decl = exportedFunctions(sf).get(exportName)?.decl;
  return decl && isFunction(decl) ? decl : undefined;
}

/** `event.a[0].b` → ['a', 0, 'b'] under the alias it starts from; undefined if it is not such a chain. */
function chainOf(
  node: ts.Expression,
  aliases: Map<string, FieldPath>,
): { path: FieldPath; optional: boolean } | undefined {
  const segments: FieldPath = [];
  let optional = false;
  let current: ts.Expression = node;
  for (;;) {
    if (ts.isPropertyAccessExpression(current)) {
      if (current.questionDotToken) optional = true;
      segments.unshift(current.name.text);
      current = current.expression;
    } else if (ts.isElementAccessExpression(current)) {
      if (current.questionDotToken) optional = true;
      const arg = current.argumentExpression;
      if (ts.isNumericLiteral(arg) && arg.text === '0') segments.unshift(0);
      else if (ts.isStringLiteralLike(arg)) segments.unshift(arg.text);
      else return undefined;
      current = current.expression;
    } else if (ts.isNonNullExpression(current) || ts.isParenthesizedExpression(current)) {
      current = current.expression;
    } else break;
  }
  if (!ts.isIdentifier(current)) return undefined;
  const base = aliases.get(current.text);
  return base ? { path: [...base, ...segments], optional } : undefined;
}

/** The required fields of a handler function, in source order, each path once. */
export function requiredFields(sf: ts.SourceFile, fn: FunctionNode): RequiredField[] {
  const param = fn.parameters[0];
  if (!param || !fn.body) return [];
  const aliases = new Map<string, FieldPath>();
  if (ts.isIdentifier(param.name)) aliases.set(param.name.text, []);
  else if (ts.isObjectBindingPattern(param.name)) bindAliases(param.name, [], aliases);
  if (!aliases.size) return [];
  // `const { body } = event`, `const records = event.Records`: aliases for the rest of the handler.
  const callbacks = new Set<ts.Node>();
  // names of a loop's or callback's element: they exist whenever the code reading them runs
  const elements = new Set<string>();
  const collect = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && node.initializer && ts.isVariableDeclarationList(node.parent)) {
      const isConst = (node.parent.flags & ts.NodeFlags.Const) !== 0;
      const chain = isConst ? chainOf(node.initializer, aliases) : undefined;
      if (chain && !chain.optional) {
        if (ts.isIdentifier(node.name)) aliases.set(node.name.text, chain.path);
        else if (ts.isObjectBindingPattern(node.name)) bindAliases(node.name, chain.path, aliases);
      }
    }
    // `for (const record of event.Records)`: each record is the list's element (read as its first)
    if (ts.isForOfStatement(node) && ts.isVariableDeclarationList(node.initializer)) {
      const [decl] = node.initializer.declarations;
      const chain = chainOf(node.expression, aliases);
      if (decl && ts.isIdentifier(decl.name) && chain && !chain.optional) {
        aliases.set(decl.name.text, [...chain.path, 0]);
        elements.add(decl.name.text);
      }
    }
    // `event.Records.map((record) => …)` and the other element callbacks
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      elementCallbacks.has(node.expression.name.text) &&
      node.arguments[0] &&
      (ts.isArrowFunction(node.arguments[0]) || ts.isFunctionExpression(node.arguments[0]))
    ) {
      const chain = chainOf(node.expression.expression, aliases);
      const param = node.arguments[0].parameters[0];
      if (chain && !chain.optional && param && ts.isIdentifier(param.name)) {
        aliases.set(param.name.text, [...chain.path, 0]);
        elements.add(param.name.text);
        callbacks.add(node.arguments[0]);
      }
    }
    ts.forEachChild(node, collect);
  };
  collect(fn.body);
  const tested = testedPaths(fn.body, aliases);
  const guarded = (path: FieldPath) => path.some((_, i) => tested.has(key(path.slice(0, i + 1))));
  const out = new Map<string, RequiredField>();
  const add = (path: FieldPath, node: ts.Node) => {
    if (!path.length || guarded(path) || out.has(key(path))) return;
    out.set(key(path), { path, line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1 });
  };
  const visit = (node: ts.Node): void => {
    // A nested function that declares the same name reads its own value, not the event.
    if (
      isFunction(node) &&
      node !== fn &&
      !callbacks.has(node) &&
      node.parameters.some((p) => ts.isIdentifier(p.name) && aliases.has(p.name.text))
    )
      return;
    if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
      // The outermost access of a chain: `event.a.b.c` is judged once, as reading `c` from `event.a.b`.
      const parent = node.parent;
      const inner =
        (ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent)) && parent.expression === node;
      const chain = inner ? undefined : chainOf(node, aliases);
      if (chain && !chain.optional && !isAssigned(node)) {
        const full = chain.path;
        // reading the last segment needs everything before it (an empty prefix is the event itself);
        // a loop's element is there whenever the loop body runs: `record.body` needs no more than the record
        const fromElement = elements.has(rootName(node)) && full.length - 1 === aliases.get(rootName(node))!.length;
        if (full.length >= 2 && !fromElement) add(full.slice(0, -1), node);
      }
    }
    // `for (const r of event.Records)` iterates the field: undefined is not iterable
    if (ts.isForOfStatement(node)) {
      const chain = chainOf(node.expression, aliases);
      if (chain && !chain.optional) add(chain.path, node.expression);
    }
    if (ts.isCallExpression(node) && node.expression.getText(sf) === 'JSON.parse' && node.arguments.length >= 1) {
      const chain = chainOf(node.arguments[0], aliases);
      if (chain && !chain.optional) add(chain.path, node);
    }
    ts.forEachChild(node, visit);
  };
  visit(fn.body);
  return [...out.values()].filter((f) => f.path.length > 0);
}

/** The identifier a chain of accesses starts from. */
function rootName(node: ts.Expression): string {
  let current: ts.Expression = node;
  while (
    ts.isPropertyAccessExpression(current) ||
    ts.isElementAccessExpression(current) ||
    ts.isNonNullExpression(current) ||
    ts.isParenthesizedExpression(current)
  )
    current = current.expression;
  return ts.isIdentifier(current) ? current.text : '';
}

function key(path: FieldPath): string {
  return JSON.stringify(path);
}

function bindAliases(pattern: ts.ObjectBindingPattern, base: FieldPath, aliases: Map<string, FieldPath>): void {
  for (const el of pattern.elements) {
    // a default (`{ body = '{}' }`) or a rest element is a guard or a copy, not the field
    if (el.initializer || el.dotDotDotToken) continue;
    const prop = el.propertyName ?? el.name;
    if (!ts.isIdentifier(prop) && !ts.isStringLiteral(prop)) continue;
    const path = [...base, prop.text];
    if (ts.isIdentifier(el.name)) aliases.set(el.name.text, path);
    else if (ts.isObjectBindingPattern(el.name)) bindAliases(el.name, path, aliases);
  }
}

/** `event.x = …` writes, it does not read. */
function isAssigned(node: ts.Node): boolean {
  const parent = node.parent;
  return (
    ts.isBinaryExpression(parent) && parent.left === node && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken
  );
}

/** Every event path the handler tests (`if (event.body)`, `event.a && …`, `typeof event.body`). */
function testedPaths(body: ts.Node, aliases: Map<string, FieldPath>): Set<string> {
  const tested = new Set<string>();
  const mark = (expr: ts.Node): void => {
    const visit = (node: ts.Node): void => {
      if (
        ts.isExpression(node) &&
        (ts.isIdentifier(node) || ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node))
      ) {
        // the tested value only: `if (event.pathParameters.id)` still needs pathParameters
        const chain = chainOf(node, aliases);
        if (chain) {
          tested.add(key(chain.path));
          return;
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(expr);
  };
  const walk = (node: ts.Node): void => {
    if (ts.isIfStatement(node) || ts.isWhileStatement(node) || ts.isDoStatement(node)) mark(node.expression);
    else if (ts.isConditionalExpression(node)) mark(node.condition);
    else if (ts.isSwitchStatement(node)) mark(node.expression);
    else if (ts.isTypeOfExpression(node)) mark(node.expression);
    else if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken) mark(node.operand);
    else if (ts.isBinaryExpression(node)) {
      const op = node.operatorToken.kind;
      if (
        op === ts.SyntaxKind.AmpersandAmpersandToken ||
        op === ts.SyntaxKind.BarBarToken ||
        op === ts.SyntaxKind.QuestionQuestionToken ||
        op === ts.SyntaxKind.InKeyword
      )
        mark(node.left);
      if (op === ts.SyntaxKind.InKeyword) mark(node.right);
      if (
        op === ts.SyntaxKind.EqualsEqualsToken ||
        op === ts.SyntaxKind.EqualsEqualsEqualsToken ||
        op === ts.SyntaxKind.ExclamationEqualsToken ||
        op === ts.SyntaxKind.ExclamationEqualsEqualsToken
      ) {
        mark(node.left);
        mark(node.right);
      }
    } else if (
      ts.isCallExpression(node) &&
      /(^|\.)(isArray|hasOwnProperty|hasOwn|keys)$/.test(node.expression.getText())
    )
      node.arguments.forEach(mark);
    ts.forEachChild(node, walk);
  };
  walk(body);
  return tested;
}

/**
 * `event` with the field at `path` removed (the list emptied, for a path ending in 0); undefined
 * when the event has no such field (it already lacks it) or a step is not an object or list.
 */
export function withoutField(event: unknown, path: FieldPath): unknown {
  const copy: unknown = JSON.parse(JSON.stringify(event));
  let node: unknown = copy;
  const last = path[path.length - 1];
  const parentPath = last === 0 ? path.slice(0, -2) : path.slice(0, -1);
  const field = last === 0 ? path[path.length - 2] : last;
  if (field === undefined || typeof field === 'number') return undefined;
  for (const seg of parentPath) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[seg];
  }
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined;
  const holder = node as Record<string, unknown>;
  if (!(field in holder)) return undefined;
  if (last === 0) {
    if (!Array.isArray(holder[field]) || !(holder[field] as unknown[]).length) return undefined;
    holder[field] = [];
  } else {
    if (holder[field] === undefined || holder[field] === null) return undefined;
    delete holder[field];
  }
  return copy;
}
