// Which declaration an identifier refers to, from the identifiers of the file by name: the
// declaration of that name whose scope is the innermost one around the identifier. Enough for
// following a client through the file without confusing it with another `s3` declared elsewhere.
import { ts } from '../../util/typescript.cjs';

/**
 * The identifiers of a file by name. The first few names asked for are found by scanning the list
 * (cheaper than indexing a file where one client is followed); past that, everything is indexed
 * once, so a file with hundreds of clients stays linear.
 */
export class Names {
  private index?: Map<string, ts.Identifier[]>;
  /** Names scanned for so far, with what was found (a few: past that, the index is built). */
  private scanned?: [string, ts.Identifier[]][];
  private decls?: Map<string, { id: ts.Identifier; scope: ts.Node }[]>;

  constructor(private readonly ids: readonly ts.Identifier[]) {}

  get(name: string): readonly ts.Identifier[] | undefined {
    const escaped = ts.escapeLeadingUnderscores(name) as string;
    if (this.index) return this.index.get(escaped);
    const known = this.scanned?.find(([n]) => n === escaped);
    if (known) return known[1];
    if (this.scanned && this.scanned.length >= 4) return this.indexed().get(escaped);
    const list = this.ids.filter((id) => id.escapedText === escaped);
    (this.scanned ??= []).push([escaped, list]);
    return list;
  }

  private indexed(): Map<string, ts.Identifier[]> {
    const index = (this.index = new Map());
    for (const id of this.ids) {
      const list = index.get(id.escapedText as string);
      if (list) list.push(id);
      else index.set(id.escapedText as string, [id]);
    }
    return index;
  }

  /** Whether an identifier of that name passes `test` (scanned without keeping a list, unless indexed). */
  some(name: string, test: (id: ts.Identifier) => boolean): boolean {
    const escaped = ts.escapeLeadingUnderscores(name) as string;
    const known = this.index?.get(escaped) ?? this.scanned?.find(([n]) => n === escaped)?.[1];
    if (known || this.index) return !!known?.some(test);
    for (const id of this.ids) if (id.escapedText === escaped && test(id)) return true;
    return false;
  }

  /** The declarations of a name, with the node each is visible in. */
  declarations(name: string): { id: ts.Identifier; scope: ts.Node }[] {
    let list = this.decls?.get(name);
    if (!list)
      (this.decls ??= new Map()).set(
        name,
        (list = (this.get(name) ?? []).filter(isDeclarationName).map((id) => ({ id, scope: scopeOf(id) }))),
      );
    return list;
  }
}

/** Identifiers that are member names, not references: `x.name`, `{ name: v }`, `{ name: local } = v`, class members. */
export function isMemberName(id: ts.Identifier): boolean {
  const p = id.parent as ts.Node & { name?: ts.Node; propertyName?: ts.Node };
  if (ts.isPropertyAccessExpression(p)) return p.name === id;
  if (ts.isQualifiedName(p)) return p.right === id;
  if (ts.isBindingElement(p) || ts.isImportSpecifier(p)) return p.propertyName === id;
  // `export { a as b }`: `a` is a reference, `b` a name; both are names in `export { a } from './m'`
  if (ts.isExportSpecifier(p)) return !!p.parent.parent.moduleSpecifier || (!!p.propertyName && p.name === id);
  return (
    p.name === id &&
    (ts.isPropertyAssignment(p) ||
      ts.isPropertyDeclaration(p) ||
      ts.isPropertySignature(p) ||
      ts.isMethodDeclaration(p) ||
      ts.isMethodSignature(p) ||
      ts.isGetAccessor(p) ||
      ts.isSetAccessor(p) ||
      ts.isEnumMember(p) ||
      ts.isJsxAttribute(p))
  );
}

/** The identifier declares its name (a variable, parameter, function, class or import binding). */
export function isDeclarationName(id: ts.Identifier): boolean {
  const p = id.parent as ts.Node & { name?: ts.Node };
  if (p.name !== id) return false;
  return (
    ts.isVariableDeclaration(p) ||
    ts.isParameter(p) ||
    ts.isBindingElement(p) ||
    ts.isFunctionDeclaration(p) ||
    ts.isFunctionExpression(p) ||
    ts.isClassDeclaration(p) ||
    ts.isClassExpression(p) ||
    ts.isImportClause(p) ||
    ts.isImportSpecifier(p) ||
    ts.isNamespaceImport(p) ||
    ts.isImportEqualsDeclaration(p) ||
    ts.isEnumDeclaration(p)
  );
}

const isScope = (n: ts.Node) =>
  ts.isBlock(n) ||
  ts.isSourceFile(n) ||
  ts.isModuleBlock(n) ||
  ts.isCaseBlock(n) ||
  ts.isFunctionLike(n) ||
  ts.isClassStaticBlockDeclaration(n) ||
  ts.isForStatement(n) ||
  ts.isForOfStatement(n) ||
  ts.isForInStatement(n) ||
  ts.isCatchClause(n);

/** The node within which a declaration is visible. */
export function scopeOf(id: ts.Identifier): ts.Node {
  let decl: ts.Node = id.parent;
  if (ts.isBindingElement(decl)) decl = ts.walkUpBindingElementsAndPatterns(decl);
  if (ts.isParameter(decl)) return decl.parent;
  if (ts.isFunctionExpression(decl) || ts.isClassExpression(decl)) return decl;
  const list = decl.parent;
  const functionScoped =
    ts.isVariableDeclaration(decl) && ts.isVariableDeclarationList(list) && !(list.flags & ts.NodeFlags.BlockScoped);
  for (let cur = decl.parent; cur; cur = cur.parent) {
    if (functionScoped ? ts.isFunctionLike(cur) || ts.isSourceFile(cur) : isScope(cur)) return cur;
  }
  return id.getSourceFile();
}

/** The declaration (its name identifier) a reference resolves to, or undefined for a global. */
export function resolve(names: Names, id: ts.Identifier): ts.Identifier | undefined {
  let best: ts.Identifier | undefined;
  let bestSpan = Infinity;
  for (const { id: decl, scope } of names.declarations(id.text)) {
    const span = scope.end - scope.pos;
    if (id.pos >= scope.pos && id.end <= scope.end && span < bestSpan) {
      best = decl;
      bestSpan = span;
    }
  }
  return best;
}
