// Just enough scope analysis, on a parse-only AST, to tell which identifiers inside a handler
// refer to its own `callback` and `context` parameters (and not to a nested function's).
// The codemod works on the compiler's own nodes (parsed with parent pointers), not on ts-morph's
// wrappers: wrapping the nodes it visits cost more than parsing the files.
import { ts } from '../../util/typescript.cjs';

export type FunctionNode = ts.ArrowFunction | ts.FunctionExpression | ts.FunctionDeclaration | ts.MethodDeclaration;

export function isFunctionNode(node: ts.Node | undefined): node is FunctionNode {
  if (!node) return false;
  const kind = node.kind;
  return (
    kind === ts.SyntaxKind.ArrowFunction ||
    kind === ts.SyntaxKind.FunctionExpression ||
    kind === ts.SyntaxKind.FunctionDeclaration ||
    kind === ts.SyntaxKind.MethodDeclaration
  );
}

/** Any construct that starts a new function body (and so a new `return` / `arguments` scope). */
export function isFunctionScope(node: ts.Node): boolean {
  return (
    isFunctionNode(node) ||
    ts.isConstructorDeclaration(node) ||
    ts.isGetAccessorDeclaration(node) ||
    ts.isSetAccessorDeclaration(node) ||
    ts.isClassStaticBlockDeclaration(node)
  );
}

/** The nearest ancestor of `node` (not itself) that passes `test`. */
export function firstAncestor<T extends ts.Node>(
  node: ts.Node,
  test: ((a: ts.Node) => a is T) | ((a: ts.Node) => boolean),
): T | undefined {
  for (let a = node.parent; a; a = a.parent) if (test(a)) return a as T;
  return undefined;
}

/** The innermost function whose body holds `node`. */
export function enclosingFunction(node: ts.Node): ts.Node | undefined {
  return firstAncestor(node, isFunctionScope);
}

/** The function, method or variable statement carries `modifier` (`async`, `export`, …). */
export function hasModifier(node: ts.Node, modifier: ts.SyntaxKind): boolean {
  const modifiers = (node as { modifiers?: ts.NodeArray<ts.ModifierLike> }).modifiers;
  return modifiers !== undefined && modifiers.some((m) => m.kind === modifier);
}

export function isAsync(fn: ts.Node): boolean {
  return hasModifier(fn, ts.SyntaxKind.AsyncKeyword);
}

export function hasExportKeyword(node: ts.Node): boolean {
  return hasModifier(node, ts.SyntaxKind.ExportKeyword);
}

/** `var`, `let` or `const` (`using` declarations count as `const`). */
export function declarationKind(list: ts.VariableDeclarationList): 'var' | 'let' | 'const' {
  if (list.flags & ts.NodeFlags.Let) return 'let';
  if (list.flags & (ts.NodeFlags.Const | ts.NodeFlags.Using)) return 'const';
  return 'var';
}

/** The spelled name of a declaration (identifier, string or number key), else undefined. */
export function nameText(node: ts.Node): string | undefined {
  const name = (node as { name?: ts.Node }).name;
  if (!name) return undefined;
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name)) return name.text;
  if (ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name)) {
    return name.text;
  }
  return name.getText();
}

/** The name an import or export specifier takes from its module: `a` of `a as b` (a string name's text). */
export function specifierName(spec: ts.ImportSpecifier | ts.ExportSpecifier): string {
  const name = spec.propertyName ?? spec.name;
  return ts.isStringLiteral(name) ? name.text : name.getText();
}

/** The name on this side of a specifier: `b` of `a as b` (the local name, or the name exported), else `a`. */
export function specifierAsName(spec: ts.ImportSpecifier | ts.ExportSpecifier): string {
  return spec.propertyName ? spec.name.getText() : specifierName(spec);
}

/** `import * as name from …`: the name. */
export function namespaceImport(decl: ts.ImportDeclaration): ts.Identifier | undefined {
  const bindings = decl.importClause?.namedBindings;
  return bindings !== undefined && ts.isNamespaceImport(bindings) ? bindings.name : undefined;
}

/** The specifiers of `import { a, b as c } from …`. */
export function namedImports(decl: ts.ImportDeclaration): readonly ts.ImportSpecifier[] {
  const bindings = decl.importClause?.namedBindings;
  return bindings !== undefined && ts.isNamedImports(bindings) ? bindings.elements : [];
}

/** The statements of a block-like node (block, file, case or default clause, module block). */
export function statementsOf(node: ts.Node | undefined): readonly ts.Statement[] | undefined {
  return node ? (node as { statements?: ts.NodeArray<ts.Statement> }).statements : undefined;
}

/** The names a binding (identifier or destructuring pattern) introduces. */
export function bindingNames(name: ts.Node): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  if (ts.isObjectBindingPattern(name) || ts.isArrayBindingPattern(name)) {
    const elements: readonly ts.Node[] = name.elements;
    return elements.flatMap((el) => (ts.isBindingElement(el) ? bindingNames(el.name) : []));
  }
  return [];
}

/** True when the identifier is a name being declared or a property key, not a read or write of a variable. */
export function isNameOnly(id: ts.Identifier): boolean {
  const parent = id.parent;
  if (!parent) return false;
  if (ts.isPropertyAccessExpression(parent)) return parent.name === id;
  if (ts.isPropertyAssignment(parent) || ts.isMethodDeclaration(parent) || ts.isPropertyDeclaration(parent)) {
    return parent.name === id;
  }
  if (ts.isBindingElement(parent)) return parent.propertyName === id || parent.name === id;
  if (
    ts.isVariableDeclaration(parent) ||
    ts.isParameter(parent) ||
    ts.isFunctionDeclaration(parent) ||
    ts.isFunctionExpression(parent) ||
    ts.isClassDeclaration(parent)
  ) {
    return parent.name === id;
  }
  if (ts.isLabeledStatement(parent) || ts.isBreakStatement(parent) || ts.isContinueStatement(parent)) return true;
  return ts.isQualifiedName(parent) || ts.isTypeReferenceNode(parent) || ts.isPropertySignature(parent);
}

function declares(node: ts.Node, name: string): boolean {
  if (isFunctionNode(node)) {
    if (node.parameters.some((p) => bindingNames(p.name).includes(name))) return true;
    return (ts.isFunctionExpression(node) && node.name?.text === name) || declaresVar(node, name);
  }
  if (ts.isCatchClause(node)) {
    const decl = node.variableDeclaration;
    return decl !== undefined && bindingNames(decl.name).includes(name);
  }
  if (ts.isForStatement(node) || ts.isForOfStatement(node) || ts.isForInStatement(node)) {
    const init = node.initializer;
    return (
      init !== undefined &&
      ts.isVariableDeclarationList(init) &&
      init.declarations.some((d) => bindingNames(d.name).includes(name))
    );
  }
  if (ts.isBlock(node) || ts.isSourceFile(node) || ts.isCaseClause(node) || ts.isDefaultClause(node)) {
    return node.statements.some((s) => statementDeclares(s, name));
  }
  return false;
}

/** `let`/`const`/function/class declarations of a statement list (`var` belongs to the function). */
function statementDeclares(statement: ts.Node, name: string): boolean {
  if (ts.isVariableStatement(statement)) {
    if (declarationKind(statement.declarationList) === 'var') return false;
    return statement.declarationList.declarations.some((d) => bindingNames(d.name).includes(name));
  }
  if (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) return statement.name?.text === name;
  return false;
}

/** A `var name` anywhere in the function's own body (nested functions have their own). */
export function declaresVar(fn: ts.Node, name: string): boolean {
  return descendants(fn, ts.isVariableDeclarationList).some(
    (list) =>
      declarationKind(list) === 'var' &&
      enclosingFunction(list) === fn &&
      list.declarations.some((d) => bindingNames(d.name).includes(name)),
  );
}

/** Identifiers in `fn`'s body that read or write `fn`'s own parameter `name`. */
export function parameterReferences(fn: FunctionNode, name: string): ts.Identifier[] {
  const body = fn.body;
  if (!body) return [];
  return identifiersNamed(body, name).filter((id) => !isNameOnly(id) && !isShadowed(id, fn, name));
}

function isShadowed(id: ts.Identifier, fn: FunctionNode, name: string): boolean {
  for (let node: ts.Node | undefined = id.parent; node && node !== fn; node = node.parent) {
    // A `var`/`let` of the same name in the handler's own body is the parameter itself
    // (or a syntax error); the caller treats it as a reassignment.
    if (node === fn.body) return false;
    if (declares(node, name)) return true;
  }
  return false;
}

/** True when nothing between `id` and the file declares `name`: it refers to a top-level binding. */
export function refersToModuleScope(id: ts.Identifier): boolean {
  const name = id.text;
  for (let node: ts.Node | undefined = id.parent; node && !ts.isSourceFile(node); node = node.parent) {
    if (declares(node, name)) return false;
  }
  return true;
}

/** An assignment to, or increment of, the identifier. */
export function isWrite(id: ts.Identifier): boolean {
  const parent = id.parent;
  if (ts.isBinaryExpression(parent) && parent.left === id) {
    const kind = parent.operatorToken.kind;
    return kind >= ts.SyntaxKind.FirstAssignment && kind <= ts.SyntaxKind.LastAssignment;
  }
  if (ts.isPrefixUnaryExpression(parent) || ts.isPostfixUnaryExpression(parent)) {
    const op = parent.operator;
    return op === ts.SyntaxKind.PlusPlusToken || op === ts.SyntaxKind.MinusMinusToken;
  }
  return false;
}

/** `(x)`, `x as T`, `x satisfies T`, `<T>x`, `x!` → x. */
export function unwrapExpression(node: ts.Node): ts.Node {
  let current = node;
  while (
    ts.isParenthesizedExpression(current) ||
    ts.isAsExpression(current) ||
    ts.isSatisfiesExpression(current) ||
    ts.isTypeAssertionExpression(current) ||
    ts.isNonNullExpression(current)
  ) {
    current = current.expression;
  }
  return current;
}

/** Identifiers spelled `name` under `root` (itself included). */
export function identifiersNamed(root: ts.Node, name: string): ts.Identifier[] {
  const out: ts.Identifier[] = [];
  const visit = (node: ts.Node): void => {
    if (node.kind === ts.SyntaxKind.Identifier) {
      if ((node as ts.Identifier).text === name) out.push(node as ts.Identifier);
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(root);
  return out;
}

/** Nodes under `root` (not itself) that pass `test`, in document order. */
export function descendants<T extends ts.Node>(root: ts.Node, test: (node: ts.Node) => node is T): T[] {
  const out: T[] = [];
  const visit = (node: ts.Node): void => {
    if (test(node)) out.push(node);
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(root, visit);
  return out;
}

/**
 * The statement right before (`-1`) or after (`1`) `statement` in its list, or undefined at either
 * end, or when a comment on a line of its own stands between the two: a statement behind such a
 * comment is not taken as adjacent. A comment on the line of code, and everything from a `/**`
 * comment on (documentation of the next statement), do not separate them.
 */
export function adjacentStatement(statement: ts.Node, step: 1 | -1): ts.Statement | undefined {
  const list = statementsOf(statement.parent);
  const index = list ? list.indexOf(statement as ts.Statement) : -1;
  if (!list || index < 0) return undefined;
  const other = list[index + step];
  if (other === undefined) return undefined;
  const first = step === 1 ? statement : other;
  return commentLineBetween(statement.getSourceFile().text, first.end) ? undefined : other;
}

/** A comment on a line of its own follows `end`, before any `/**` comment and the next token. */
function commentLineBetween(text: string, end: number): boolean {
  let from = end;
  for (const range of ts.getLeadingCommentRanges(text, end) ?? []) {
    if (text.startsWith('/**', range.pos)) return false;
    if (text.slice(from, range.pos).includes('\n')) return true;
    from = range.end;
  }
  return false;
}

/** Every identifier spelling under `root`. */
export function identifierTexts(root: ts.Node): Set<string> {
  const out = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (node.kind === ts.SyntaxKind.Identifier) out.add((node as ts.Identifier).text);
    else ts.forEachChild(node, visit);
  };
  visit(root);
  return out;
}

/** The node is the callee of a call: `node(…)`. */
export function isCallee(node: ts.Node): boolean {
  const parent = node.parent;
  return parent !== undefined && ts.isCallExpression(parent) && parent.expression === node;
}

/** `return <expr>` statements of the function itself (not of nested functions). */
export function valueReturns(fn: FunctionNode): Array<ts.ReturnStatement & { expression: ts.Expression }> {
  return descendants(fn, ts.isReturnStatement).filter(
    (r): r is ts.ReturnStatement & { expression: ts.Expression } =>
      r.expression !== undefined && enclosingFunction(r) === fn,
  );
}

/** `arguments` of the function itself: arrows see their parent's, so only ordinary functions count. */
export function usesArguments(fn: FunctionNode): boolean {
  if (ts.isArrowFunction(fn)) return false;
  return identifiersNamed(fn, 'arguments').some((id) => {
    const owner = firstAncestor(id, (a) => !ts.isArrowFunction(a) && isFunctionScope(a));
    return owner === fn;
  });
}
