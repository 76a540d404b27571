// Clients created in one module and used in another: the creating module's exports are matched
// with the importing module's import/require of it, by relative path.
import { posix } from 'node:path';
import { ts } from 'ts-morph';
import { resolveRef } from './bindings.js';
import type { FileContext } from './context.js';
import type { ServiceInfo } from './services.js';

export type ClientExports = Map<string, ServiceInfo>;

function localClients(ctx: FileContext, news: ts.NewExpression[]): Map<string, ServiceInfo> {
  const out = new Map<string, ServiceInfo>();
  for (const node of news) {
    const ref = resolveRef(ctx, node.expression);
    const parent = node.parent;
    if (ref?.kind === 'service' && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) out.set(parent.name.text, ref.service);
  }
  return out;
}

function isModuleExports(expr: ts.Expression): boolean {
  return ts.isPropertyAccessExpression(expr) && ts.isIdentifier(expr.expression) && expr.expression.text === 'module' && expr.name.text === 'exports';
}

/** Exported names (or 'default') that hold v2 clients. */
export function clientExports(ctx: FileContext, news: ts.NewExpression[]): ClientExports {
  const local = localClients(ctx, news);
  const out: ClientExports = new Map();
  const valueOf = (expr: ts.Expression): ServiceInfo | undefined => {
    if (ts.isIdentifier(expr)) return local.get(expr.text);
    const ref = ts.isNewExpression(expr) ? resolveRef(ctx, expr.expression) : undefined;
    return ref?.kind === 'service' ? ref.service : undefined;
  };
  for (const stmt of ctx.sf.statements) {
    if (ts.isVariableStatement(stmt) && ts.getModifiers(stmt)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) {
      for (const d of stmt.declarationList.declarations) if (ts.isIdentifier(d.name) && local.has(d.name.text)) out.set(d.name.text, local.get(d.name.text)!);
    } else if (ts.isExportDeclaration(stmt) && !stmt.moduleSpecifier && stmt.exportClause && ts.isNamedExports(stmt.exportClause)) {
      for (const el of stmt.exportClause.elements) {
        const service = local.get((el.propertyName ?? el.name).text);
        if (service) out.set(el.name.text, service);
      }
    } else if (ts.isExportAssignment(stmt)) {
      const service = valueOf(stmt.expression);
      if (service) out.set('default', service);
    } else if (ts.isExpressionStatement(stmt) && ts.isBinaryExpression(stmt.expression) && stmt.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const { left, right } = stmt.expression;
      if (isModuleExports(left) && ts.isObjectLiteralExpression(right)) {
        for (const p of right.properties) {
          const service = ts.isShorthandPropertyAssignment(p) ? local.get(p.name.text)
            : ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) ? valueOf(p.initializer) : undefined;
          if (service && p.name && ts.isIdentifier(p.name)) out.set(p.name.text, service);
        }
      } else if (isModuleExports(left)) {
        const service = valueOf(right);
        if (service) out.set('default', service);
      } else if (ts.isPropertyAccessExpression(left) && (isModuleExports(left.expression) || (ts.isIdentifier(left.expression) && left.expression.text === 'exports'))) {
        const service = valueOf(right);
        if (service) out.set(left.name.text, service);
      }
    }
  }
  return out;
}

const extensions = ['', '.js', '.ts', '.mjs', '.cjs', '.mts', '.cts', '.tsx', '.jsx', '/index.js', '/index.ts'];

/** Resolve a relative specifier to a repository path among the known modules. */
export function resolveModule(from: string, spec: string, known: ReadonlyMap<string, unknown>): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = posix.normalize(posix.join(posix.dirname(from), spec));
  const stem = base.replace(/\.(c|m)?js$/, '');
  for (const candidate of [base, ...extensions.map((e) => stem + e)]) if (known.has(candidate)) return candidate;
  return undefined;
}

/** Local names in `ctx` bound to clients exported by other modules. */
export function importedClients(ctx: FileContext, exportsByFile: ReadonlyMap<string, ClientExports>): Map<string, ServiceInfo> {
  const out = new Map<string, ServiceInfo>();
  const bind = (spec: string, name: ts.BindingName | undefined, imported: string | '*' | 'default', local?: string) => {
    const target = resolveModule(ctx.path, spec, exportsByFile);
    const exported = target ? exportsByFile.get(target)! : undefined;
    if (!exported) return;
    if (imported === '*') for (const [n, s] of exported) out.set(n, s);
    else if (local && exported.has(imported)) out.set(local, exported.get(imported)!);
    else if (name && ts.isObjectBindingPattern(name)) {
      for (const el of name.elements) {
        const key = (el.propertyName ?? el.name) as ts.Identifier;
        if (ts.isIdentifier(el.name) && exported.has(key.text)) out.set(el.name.text, exported.get(key.text)!);
      }
    }
  };
  for (const stmt of ctx.sf.statements) {
    if (ts.isImportDeclaration(stmt) && ts.isStringLiteral(stmt.moduleSpecifier) && stmt.importClause) {
      const spec = stmt.moduleSpecifier.text;
      const clause = stmt.importClause;
      if (clause.name) bind(spec, undefined, 'default', clause.name.text);
      const nb = clause.namedBindings;
      if (nb && ts.isNamespaceImport(nb)) bind(spec, undefined, '*');
      else if (nb) for (const el of nb.elements) bind(spec, undefined, (el.propertyName ?? el.name).text, el.name.text);
    } else if (ts.isVariableStatement(stmt)) {
      for (const d of stmt.declarationList.declarations) {
        const init = d.initializer;
        if (!init || !ts.isCallExpression(init) || !ts.isIdentifier(init.expression) || init.expression.text !== 'require') continue;
        const arg = init.arguments[0];
        if (!arg || !ts.isStringLiteralLike(arg)) continue;
        if (ts.isIdentifier(d.name)) {
          bind(arg.text, undefined, 'default', d.name.text);
          bind(arg.text, undefined, '*');
        } else bind(arg.text, d.name, 'default');
      }
    }
  }
  return out;
}
