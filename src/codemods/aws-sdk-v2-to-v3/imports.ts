// Writes the v3 imports where the v2 import stood, in the file's own module style, quotes and
// semicolons; the v2 import goes only when nothing in the file still needs it.
import { ts } from '../../util/typescript.cjs';
import { removeDeclarators } from './bindings.js';
import { textOf, type FileContext } from './context.js';
import { indentAt } from './edits.js';

function list(names: string[], head: string, tail: string): string {
  const flat = `${head}{ ${names.join(', ')} }${tail}`;
  if (flat.length <= 100) return flat;
  return `${head}{\n${names.map((n) => `  ${n},`).join('\n')}\n}${tail}`;
}

/** `X`, or `X as X2` (`X: X2` in a require) when the file already binds `X`. */
function specifier(ctx: FileContext, name: string): string {
  const local = ctx.aliases?.get(name) ?? name;
  return local === name ? name : `${name}${ctx.esm ? ' as' : ':'} ${local}`;
}

/** The names of a set, sorted (without copying twice for the usual one or two). */
function sorted(names: Iterable<string>): string[] {
  const list = [...names];
  return list.length > 1 ? list.sort() : list;
}

/**
 * The v3 import lines. `esm`: values as `import`; otherwise as `require` (types, in TypeScript,
 * still as `import type`, which compiles to nothing).
 */
export function importLines(ctx: FileContext, quote: string, semi: string, esm = ctx.esm): string[] {
  const pkgs = sorted(ctx.types.size ? new Set([...ctx.values.keys(), ...ctx.types.keys()]) : ctx.values.keys());
  const lines: string[] = [];
  for (const pkg of pkgs) {
    const valueNames = sorted(ctx.values.get(pkg) ?? []);
    const typeSet = ctx.types.get(pkg);
    const typeNames = typeSet ? sorted([...typeSet].filter((t) => !valueNames.includes(t))) : [];
    const values = ctx.aliases ? valueNames.map((n) => specifier(ctx, n)) : valueNames;
    const types = ctx.aliases ? typeNames.map((n) => specifier(ctx, n)) : typeNames;
    const from = `${quote}${pkg}${quote}`;
    if (esm && values.length) lines.push(list(values, 'import ', ` from ${from}${semi}`));
    else if (values.length) lines.push(list(values, 'const ', ` = require(${from})${semi}`));
    if ((esm || /\.[mc]?tsx?$/.test(ctx.path)) && types.length)
      lines.push(list(types, 'import type ', ` from ${from}${semi}`));
  }
  return lines;
}

/** A top-of-file statement after which imports may go: an import, a require, 'use strict'. */
export function isHeaderStatement(sf: ts.SourceFile, stmt: ts.Statement): boolean {
  return (
    ts.isImportDeclaration(stmt) ||
    ts.isImportEqualsDeclaration(stmt) ||
    (ts.isExpressionStatement(stmt) && ts.isStringLiteral(stmt.expression)) ||
    (ts.isVariableStatement(stmt) && /^\s*(const|let|var)\s[^=]*=\s*require\(/.test(stmt.getText(sf)))
  );
}

function lastHeaderStatement(sf: ts.SourceFile): ts.Statement | undefined {
  let last: ts.Statement | undefined;
  for (const stmt of sf.statements) {
    if (!isHeaderStatement(sf, stmt)) break;
    last = stmt;
  }
  return last;
}

function isRequire(stmt: ts.Node): boolean {
  return ts.isVariableStatement(stmt) || ts.isExpressionStatement(stmt);
}

/** The statement a v2 import is in: itself, or the `const` that also declares other things. */
function statementOf(node: ts.Node): ts.Node {
  return ts.isVariableDeclaration(node) ? node.parent.parent : node;
}

/** Remove v2 import statements, and v2 declarators from lists that keep their other declarators. */
function removeImports(ctx: FileContext, nodes: ts.Node[]): void {
  const lists = new Set<ts.VariableStatement>();
  for (const node of nodes) {
    if (ts.isVariableDeclaration(node)) lists.add(node.parent.parent as ts.VariableStatement);
    else ctx.edits.removeStatement(node, ctx.sf);
  }
  for (const stmt of lists) removeDeclarators(ctx, stmt, new Set(nodes));
}

/** The local names a v2 import binds. */
function boundNames(node: ts.Node): string[] {
  if (ts.isImportEqualsDeclaration(node)) return [node.name.text];
  if (ts.isImportDeclaration(node)) {
    const clause = node.importClause;
    const bindings = clause?.namedBindings;
    const named = !bindings
      ? []
      : ts.isNamespaceImport(bindings)
        ? [bindings.name]
        : bindings.elements.map((e) => e.name);
    return [...(clause?.name ? [clause.name] : []), ...named].map((id) => id.text);
  }
  const names: string[] = [];
  const visit = (n: ts.Node): void => {
    if ((ts.isVariableDeclaration(n) || ts.isBindingElement(n)) && ts.isIdentifier(n.name)) names.push(n.name.text);
    ts.forEachChild(n, visit);
  };
  if (ts.isVariableStatement(node) || ts.isVariableDeclaration(node)) visit(node);
  return names;
}

/** Drop the named imports of a kept v2 import that nothing uses any more (the whole braces when none is used). */
function pruneSpecifiers(ctx: FileContext, node: ts.Node, used: ReadonlySet<string>): void {
  if (!ts.isImportDeclaration(node)) return;
  const clause = node.importClause;
  const bindings = clause?.namedBindings;
  if (!clause || !bindings || !ts.isNamedImports(bindings)) return;
  const elements = bindings.elements;
  const keep = elements.map((e) => used.has(e.name.text));
  // `import AWS, { DynamoDB }` where only DynamoDB is still used
  if (clause.name && !used.has(clause.name.text) && keep.some(Boolean))
    ctx.edits.replace(clause.name.getStart(ctx.sf), bindings.getStart(ctx.sf), '');
  if (keep.every(Boolean)) return;
  if (!keep.some(Boolean)) {
    if (clause.name) ctx.edits.replace(clause.name.getEnd(), bindings.getEnd(), '');
    return;
  }
  const lastKept = keep.lastIndexOf(true);
  elements.forEach((e, i) => {
    if (keep[i]) return;
    if (i < lastKept) ctx.edits.replace(e.getStart(ctx.sf), elements[i + 1].getStart(ctx.sf), '');
    else ctx.edits.replace(elements[i - 1].getEnd(), e.getEnd(), '');
  });
}

/**
 * Replace the v2 imports and add the v3 ones. `used`: the v2 names the file still uses; the
 * imports that bind them stay (without the names nothing uses), the others go.
 */
export function rewriteImports(ctx: FileContext, used: ReadonlySet<string>): void {
  const keepV2 = used.size > 0;
  const first = ctx.v2Imports[0];
  const sample = first ? textOf(ctx, statementOf(first)) : (lastHeaderStatement(ctx.sf)?.getText(ctx.sf) ?? '');
  const quote = /["']/.exec(sample)?.[0] ?? "'";
  const semi = !sample || sample.trimEnd().endsWith(';') ? ';' : '';
  // TypeScript loading v2 with `require` got it untyped: v3 is required too, so no type the code never
  // had to meet appears (`import` would type every result); elsewhere the file's own module style
  const required = ctx.esm && first !== undefined && isRequire(statementOf(first));
  const lines = importLines(ctx, quote, semi, ctx.esm && !required);
  if (!first) {
    if (lines.length === 0) return;
    const anchor = lastHeaderStatement(ctx.sf);
    if (anchor) ctx.edits.insert(anchor.getEnd(), `\n${lines.join('\n')}`);
    else ctx.edits.insert(ctx.sf.statements[0]?.getStart(ctx.sf) ?? 0, `${lines.join('\n')}\n`);
    return;
  }
  if (keepV2) {
    const needed = ctx.v2Imports.filter((node) => boundNames(node).some((name) => used.has(name)));
    // a v2 name bound otherwise (an alias) keeps every import, as it may come from any of them
    const anchor = statementOf(needed[0] ?? first);
    if (lines.length) ctx.edits.insert(anchor.getEnd(), `\n${lines.join('\n')}`);
    if (!needed.length) return;
    removeImports(
      ctx,
      ctx.v2Imports.filter((node) => !needed.includes(node)),
    );
    for (const node of needed) pruneSpecifiers(ctx, node, used);
    return;
  }
  if (lines.length && statementOf(first) === first) {
    ctx.edits.replaceNode(first, lines.join('\n'), ctx.sf);
    return removeImports(ctx, ctx.v2Imports.slice(1));
  }
  if (lines.length) {
    const start = statementOf(first).getStart(ctx.sf);
    ctx.edits.insert(start, `${lines.join('\n')}\n${indentAt(ctx.edits.text, start)}`);
  }
  removeImports(ctx, ctx.v2Imports);
}
