// Finds the functions a file exports (CJS and ESM shapes) and picks the ones that are Lambda
// handlers: named by a template, or shaped like one by convention.
import { Node, SyntaxKind } from 'ts-morph';
import { identifiersNamed, isFunctionNode, unwrapExpression } from './scope.js';
const CONTEXT_NAME = /^_*(context|ctx|lambdaContext|awsContext|lambdaCtx)$/i;
const EVENT_NAME = /^_*(event|evt|ev|e|input|payload)$/i;
/** Every exported function of the file that is a Lambda entry point (by template or convention). */
export function findHandlers(sf, templateNames = new Set()) {
    const sites = exportSites(sf);
    const siteNodes = new Set(sites.map((s) => s.value));
    const seen = new Set();
    const out = [];
    for (const site of sites) {
        const resolved = resolveFunction(sf, site.value);
        if (!resolved || seen.has(resolved.fn))
            continue;
        const fromTemplate = templateNames.has(site.name);
        if (!fromTemplate && !looksLikeHandler(resolved.fn, site.name))
            continue;
        seen.add(resolved.fn);
        const others = resolved.localName ? otherReferences(sf, resolved.localName, siteNodes) : 0;
        out.push({ exportName: site.name, fn: resolved.fn, fromTemplate, ...(others > 0 ? { sharedWith: others } : {}) });
    }
    return out;
}
function exportSites(sf) {
    const sites = [];
    for (const st of sf.getStatements()) {
        if (Node.isExpressionStatement(st)) {
            const expr = st.getExpression();
            if (!Node.isBinaryExpression(expr) || expr.getOperatorToken().getKind() !== SyntaxKind.EqualsToken)
                continue;
            const name = exportsMember(expr.getLeft());
            const right = unwrapExpression(expr.getRight());
            if (name)
                sites.push({ name, value: right });
            else if (expr.getLeft().getText() === 'module.exports' && Node.isObjectLiteralExpression(right)) {
                for (const prop of right.getProperties()) {
                    if (Node.isShorthandPropertyAssignment(prop))
                        sites.push({ name: prop.getName(), value: prop.getNameNode() });
                    else if (Node.isPropertyAssignment(prop))
                        sites.push({ name: propertyName(prop.getNameNode()), value: prop.getInitializerOrThrow() });
                    else if (Node.isMethodDeclaration(prop))
                        sites.push({ name: propertyName(prop.getNameNode()), value: prop });
                }
            }
        }
        else if (Node.isVariableStatement(st) && st.hasExportKeyword()) {
            for (const d of st.getDeclarations()) {
                const init = d.getInitializer();
                if (init && Node.isIdentifier(d.getNameNode()))
                    sites.push({ name: d.getName(), value: init });
            }
        }
        else if (Node.isFunctionDeclaration(st) && st.hasExportKeyword() && st.hasBody()) {
            // Keyword checks only: isExported()/isDefaultExport() would build a type checker.
            sites.push({ name: st.hasDefaultKeyword() ? 'default' : (st.getName() ?? 'default'), value: st });
        }
        else if (Node.isExportAssignment(st) && !st.isExportEquals()) {
            sites.push({ name: 'default', value: st.getExpression() });
        }
        else if (Node.isExportDeclaration(st) && !st.getModuleSpecifier()) {
            for (const spec of st.getNamedExports()) {
                sites.push({ name: spec.getAliasNode()?.getText() ?? spec.getName(), value: spec.getNameNode() });
            }
        }
    }
    return sites;
}
/** `exports.x`, `module.exports.x`, `exports['x']` → 'x'. */
function exportsMember(node) {
    if (Node.isPropertyAccessExpression(node)) {
        const target = node.getExpression().getText();
        return target === 'exports' || target === 'module.exports' ? node.getName() : undefined;
    }
    if (Node.isElementAccessExpression(node)) {
        const target = node.getExpression().getText();
        const arg = node.getArgumentExpression();
        if ((target === 'exports' || target === 'module.exports') && Node.isStringLiteral(arg))
            return arg.getLiteralText();
    }
    return undefined;
}
function propertyName(name) {
    return Node.isStringLiteral(name) ? name.getLiteralText() : name.getText();
}
function resolveFunction(sf, value) {
    const node = unwrapExpression(value);
    if (Node.isFunctionDeclaration(node))
        return { fn: node, localName: node.getName() };
    if (isFunctionNode(node)) {
        const decl = node.getParent();
        return { fn: node, localName: Node.isVariableDeclaration(decl) ? decl.getName() : undefined };
    }
    if (!Node.isIdentifier(node))
        return undefined;
    const name = node.getText();
    for (const st of sf.getStatements()) {
        if (Node.isFunctionDeclaration(st) && st.getName() === name && st.hasBody())
            return { fn: st, localName: name };
        if (!Node.isVariableStatement(st))
            continue;
        for (const d of st.getDeclarations()) {
            const init = d.getInitializer();
            const fn = init && unwrapExpression(init);
            if (d.getName() === name && isFunctionNode(fn))
                return { fn, localName: name };
        }
    }
    return undefined;
}
/** Uses of the handler's local name other than its declaration and export sites. */
function otherReferences(sf, name, exportNodes) {
    let count = 0;
    for (const id of identifiersNamed(sf, name)) {
        if (exportNodes.has(id))
            continue;
        const parent = id.getParent();
        if ((Node.isFunctionDeclaration(parent) || Node.isVariableDeclaration(parent)) && parent.getNameNode() === id)
            continue;
        if (Node.isPropertyAccessExpression(parent) && parent.getNameNode() === id)
            continue;
        if ((Node.isPropertyAssignment(parent) || Node.isMethodDeclaration(parent)) && parent.getNameNode() === id)
            continue;
        if (Node.isExportSpecifier(parent) || Node.isParameterDeclaration(parent) || Node.isBindingElement(parent))
            continue;
        count++;
    }
    return count;
}
/**
 * By convention: `(event, context)` or `(event, context, callback)`, where the second parameter
 * is a Lambda context by name or type, and the first is an event or the export is a handler.
 * This leaves Express `(req, res, next)` and three-argument utilities alone.
 */
export function looksLikeHandler(fn, exportName) {
    const params = fn.getParameters();
    if (params.length < 2 || params.length > 3)
        return false;
    const [event, context] = params;
    const contextName = context.getNameNode();
    const contextType = context.getTypeNode()?.getText() ?? '';
    const contextLike = (Node.isIdentifier(contextName) && CONTEXT_NAME.test(contextName.getText())) || /\bContext\b/.test(contextType);
    if (!contextLike)
        return false;
    const eventName = event.getNameNode();
    const eventLike = !Node.isIdentifier(eventName) ||
        EVENT_NAME.test(eventName.getText()) ||
        /Event\b/.test(event.getTypeNode()?.getText() ?? '');
    return eventLike || /handler/i.test(exportName);
}
