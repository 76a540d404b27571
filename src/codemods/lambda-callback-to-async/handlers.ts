// Finds the functions a file exports (CJS and ESM shapes) and picks the ones that are Lambda
// handlers: named by a template, or shaped like one by convention.
import { ts } from '../../util/typescript.cjs';
import {
  hasExportKeyword,
  hasModifier,
  identifiersNamed,
  isFunctionNode,
  nameText,
  specifierAsName,
  unwrapExpression,
  type FunctionNode,
} from './scope.js';

export interface HandlerCandidate {
  exportName: string;
  fn: FunctionNode;
  fromTemplate: boolean;
  /** Set when the function's local name is used by other code in the file than its export. */
  sharedWith?: number;
}

interface ExportSite {
  name: string;
  value: ts.Node;
}

const CONTEXT_NAME = /^_*(context|ctx|lambdaContext|awsContext|lambdaCtx)$/i;
const EVENT_NAME = /^_*(event|evt|ev|e|input|payload)$/i;

/** Every exported function of the file that is a Lambda entry point (by template or convention). */
export function findHandlers(sf: ts.SourceFile, templateNames: ReadonlySet<string> = new Set()): HandlerCandidate[] {
  const sites = exportSites(sf);
  const siteNodes = new Set(sites.map((s) => s.value));
  const seen = new Set<ts.Node>();
  const out: HandlerCandidate[] = [];
  for (const site of sites) {
    const resolved = resolveFunction(sf, site.value);
    if (!resolved || seen.has(resolved.fn)) continue;
    const fromTemplate = templateNames.has(site.name);
    if (!fromTemplate && !looksLikeHandler(resolved.fn, site.name)) continue;
    seen.add(resolved.fn);
    const others = resolved.localName ? otherReferences(sf, resolved.localName, siteNodes) : 0;
    out.push({ exportName: site.name, fn: resolved.fn, fromTemplate, ...(others > 0 ? { sharedWith: others } : {}) });
  }
  return out;
}

function exportSites(sf: ts.SourceFile): ExportSite[] {
  const sites: ExportSite[] = [];
  for (const st of sf.statements) {
    if (ts.isExpressionStatement(st)) {
      const expr = st.expression;
      if (!ts.isBinaryExpression(expr) || expr.operatorToken.kind !== ts.SyntaxKind.EqualsToken) continue;
      const name = exportsMember(expr.left);
      const right = unwrapExpression(expr.right);
      if (name) sites.push({ name, value: right });
      else if (expr.left.getText() === 'module.exports' && ts.isObjectLiteralExpression(right)) {
        for (const prop of right.properties) {
          if (ts.isShorthandPropertyAssignment(prop)) sites.push({ name: prop.name.text, value: prop.name });
          else if (ts.isPropertyAssignment(prop))
            sites.push({ name: propertyName(prop.name), value: prop.initializer });
          else if (ts.isMethodDeclaration(prop)) sites.push({ name: propertyName(prop.name), value: prop });
        }
      }
    } else if (ts.isVariableStatement(st) && hasExportKeyword(st)) {
      for (const d of st.declarationList.declarations) {
        const init = d.initializer;
        if (init && ts.isIdentifier(d.name)) sites.push({ name: nameText(d)!, value: init });
      }
    } else if (ts.isFunctionDeclaration(st) && hasExportKeyword(st) && st.body !== undefined) {
      // Keyword checks only: isExported()/isDefaultExport() would build a type checker.
      const isDefault = hasModifier(st, ts.SyntaxKind.DefaultKeyword);
      sites.push({ name: isDefault ? 'default' : (nameText(st) ?? 'default'), value: st });
    } else if (ts.isExportAssignment(st) && !st.isExportEquals) {
      sites.push({ name: 'default', value: st.expression });
    } else if (ts.isExportDeclaration(st) && !st.moduleSpecifier) {
      const clause = st.exportClause;
      for (const spec of clause === undefined || ts.isNamespaceExport(clause) ? [] : clause.elements) {
        // `a as b`: exported as `b` (the alias), naming the local `a`.
        sites.push({ name: specifierAsName(spec), value: spec.propertyName ?? spec.name });
      }
    }
  }
  return sites;
}

/** `exports.x`, `module.exports.x`, `exports['x']` → 'x'. */
function exportsMember(node: ts.Node): string | undefined {
  if (ts.isPropertyAccessExpression(node)) {
    const target = node.expression.getText();
    return target === 'exports' || target === 'module.exports' ? node.name.text : undefined;
  }
  if (ts.isElementAccessExpression(node)) {
    const target = node.expression.getText();
    const arg = node.argumentExpression;
    if ((target === 'exports' || target === 'module.exports') && ts.isStringLiteral(arg)) return arg.text;
  }
  return undefined;
}

function propertyName(name: ts.Node): string {
  return ts.isStringLiteral(name) ? name.text : name.getText();
}

function resolveFunction(sf: ts.SourceFile, value: ts.Node): { fn: FunctionNode; localName?: string } | undefined {
  const node = unwrapExpression(value);
  if (ts.isFunctionDeclaration(node)) return { fn: node, localName: nameText(node) };
  if (isFunctionNode(node)) {
    const decl = node.parent;
    return { fn: node, localName: decl !== undefined && ts.isVariableDeclaration(decl) ? nameText(decl) : undefined };
  }
  if (!ts.isIdentifier(node)) return undefined;
  const name = node.getText();
  for (const st of sf.statements) {
    if (ts.isFunctionDeclaration(st) && nameText(st) === name && st.body !== undefined)
      return { fn: st, localName: name };
    if (!ts.isVariableStatement(st)) continue;
    for (const d of st.declarationList.declarations) {
      const init = d.initializer;
      const fn = init && unwrapExpression(init);
      if (nameText(d) === name && isFunctionNode(fn)) return { fn, localName: name };
    }
  }
  return undefined;
}

/** Uses of the handler's local name other than its declaration and export sites. */
function otherReferences(sf: ts.SourceFile, name: string, exportNodes: ReadonlySet<ts.Node>): number {
  let count = 0;
  for (const id of identifiersNamed(sf, name)) {
    if (exportNodes.has(id)) continue;
    const parent = id.parent;
    if ((ts.isFunctionDeclaration(parent) || ts.isVariableDeclaration(parent)) && parent.name === id) continue;
    if (ts.isPropertyAccessExpression(parent) && parent.name === id) continue;
    if ((ts.isPropertyAssignment(parent) || ts.isMethodDeclaration(parent)) && parent.name === id) continue;
    if (ts.isExportSpecifier(parent) || ts.isParameter(parent) || ts.isBindingElement(parent)) continue;
    count++;
  }
  return count;
}

/**
 * By convention: `(event, context)` or `(event, context, callback)`, where the second parameter
 * is a Lambda context by name or type, and the first is an event or the export is a handler.
 * This leaves Express `(req, res, next)` and three-argument utilities alone.
 */
export function looksLikeHandler(fn: FunctionNode, exportName: string): boolean {
  const params = fn.parameters;
  if (params.length < 2 || params.length > 3) return false;
  const [event, context] = params as unknown as [ts.ParameterDeclaration, ts.ParameterDeclaration];
  const contextName = context.name;
  const contextType = context.type?.getText() ?? '';
  const contextLike =
    (ts.isIdentifier(contextName) && CONTEXT_NAME.test(contextName.getText())) || /\bContext\b/.test(contextType);
  if (!contextLike) return false;
  const eventName = event.name;
  const eventLike =
    !ts.isIdentifier(eventName) || EVENT_NAME.test(eventName.getText()) || /Event\b/.test(event.type?.getText() ?? '');
  return eventLike || /handler/i.test(exportName);
}
