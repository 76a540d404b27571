// Just enough scope analysis, on a parse-only AST, to tell which identifiers inside a handler
// refer to its own `callback` and `context` parameters (and not to a nested function's).
import { Node, SyntaxKind, ts } from 'ts-morph';
export function isFunctionNode(node) {
    return (Node.isArrowFunction(node) ||
        Node.isFunctionExpression(node) ||
        Node.isFunctionDeclaration(node) ||
        Node.isMethodDeclaration(node));
}
/** Any construct that starts a new function body (and so a new `return` / `arguments` scope). */
export function isFunctionScope(node) {
    return (isFunctionNode(node) ||
        Node.isConstructorDeclaration(node) ||
        Node.isGetAccessorDeclaration(node) ||
        Node.isSetAccessorDeclaration(node) ||
        Node.isClassStaticBlockDeclaration(node));
}
/** The innermost function whose body holds `node`. */
export function enclosingFunction(node) {
    return node.getFirstAncestor((a) => isFunctionScope(a));
}
/** The names a binding (identifier or destructuring pattern) introduces. */
export function bindingNames(name) {
    if (Node.isIdentifier(name))
        return [name.getText()];
    if (Node.isObjectBindingPattern(name) || Node.isArrayBindingPattern(name)) {
        return name.getElements().flatMap((el) => (Node.isBindingElement(el) ? bindingNames(el.getNameNode()) : []));
    }
    return [];
}
/** True when the identifier is a name being declared or a property key, not a read or write of a variable. */
export function isNameOnly(id) {
    const parent = id.getParent();
    if (Node.isPropertyAccessExpression(parent))
        return parent.getNameNode() === id;
    if (Node.isPropertyAssignment(parent) || Node.isMethodDeclaration(parent) || Node.isPropertyDeclaration(parent)) {
        return parent.getNameNode() === id;
    }
    if (Node.isBindingElement(parent))
        return parent.getPropertyNameNode() === id || parent.getNameNode() === id;
    if (Node.isVariableDeclaration(parent) ||
        Node.isParameterDeclaration(parent) ||
        Node.isFunctionDeclaration(parent) ||
        Node.isFunctionExpression(parent) ||
        Node.isClassDeclaration(parent)) {
        return parent.getNameNode() === id;
    }
    if (Node.isLabeledStatement(parent) || Node.isBreakStatement(parent) || Node.isContinueStatement(parent))
        return true;
    return Node.isQualifiedName(parent) || Node.isTypeReference(parent) || Node.isPropertySignature(parent);
}
function declares(node, name) {
    if (isFunctionNode(node)) {
        if (node.getParameters().some((p) => bindingNames(p.getNameNode()).includes(name)))
            return true;
        return (Node.isFunctionExpression(node) && node.getName() === name) || declaresVar(node, name);
    }
    if (Node.isCatchClause(node)) {
        const decl = node.getVariableDeclaration();
        return decl !== undefined && bindingNames(decl.getNameNode()).includes(name);
    }
    if (Node.isForStatement(node) || Node.isForOfStatement(node) || Node.isForInStatement(node)) {
        const init = node.getInitializer();
        return (Node.isVariableDeclarationList(init) &&
            init.getDeclarations().some((d) => bindingNames(d.getNameNode()).includes(name)));
    }
    if (Node.isBlock(node) || Node.isSourceFile(node) || Node.isCaseClause(node) || Node.isDefaultClause(node)) {
        return node.getStatements().some((s) => statementDeclares(s, name));
    }
    return false;
}
/** `let`/`const`/function/class declarations of a statement list (`var` belongs to the function). */
function statementDeclares(statement, name) {
    if (Node.isVariableStatement(statement)) {
        if (statement.getDeclarationKind() === 'var')
            return false;
        return statement.getDeclarations().some((d) => bindingNames(d.getNameNode()).includes(name));
    }
    if (Node.isFunctionDeclaration(statement) || Node.isClassDeclaration(statement))
        return statement.getName() === name;
    return false;
}
/** A `var name` anywhere in the function's own body (nested functions have their own). */
export function declaresVar(fn, name) {
    return descendantsOfKind(fn, SyntaxKind.VariableDeclarationList).some((list) => list.getDeclarationKind() === 'var' &&
        enclosingFunction(list) === fn &&
        list.getDeclarations().some((d) => bindingNames(d.getNameNode()).includes(name)));
}
/** Identifiers in `fn`'s body that read or write `fn`'s own parameter `name`. */
export function parameterReferences(fn, name) {
    const body = fn.getBody();
    if (!body)
        return [];
    return identifiersNamed(body, name).filter((id) => !isNameOnly(id) && !isShadowed(id, fn, name));
}
function isShadowed(id, fn, name) {
    for (let node = id.getParent(); node && node !== fn; node = node.getParent()) {
        // A `var`/`let` of the same name in the handler's own body is the parameter itself
        // (or a syntax error); the caller treats it as a reassignment.
        if (node === fn.getBody())
            return false;
        if (declares(node, name))
            return true;
    }
    return false;
}
/** True when nothing between `id` and the file declares `name`: it refers to a top-level binding. */
export function refersToModuleScope(id) {
    const name = id.getText();
    for (let node = id.getParent(); node && !Node.isSourceFile(node); node = node.getParent()) {
        if (declares(node, name))
            return false;
    }
    return true;
}
/** An assignment to, or increment of, the identifier. */
export function isWrite(id) {
    const parent = id.getParentOrThrow();
    if (Node.isBinaryExpression(parent) && parent.getLeft() === id) {
        const kind = parent.getOperatorToken().getKind();
        return kind >= SyntaxKind.FirstAssignment && kind <= SyntaxKind.LastAssignment;
    }
    if (Node.isPrefixUnaryExpression(parent) || Node.isPostfixUnaryExpression(parent)) {
        const op = parent.getOperatorToken();
        return op === SyntaxKind.PlusPlusToken || op === SyntaxKind.MinusMinusToken;
    }
    return false;
}
/** `(x)`, `x as T`, `x satisfies T`, `<T>x`, `x!` → x. */
export function unwrapExpression(node) {
    let current = node;
    for (;;) {
        if (Node.isParenthesizedExpression(current) ||
            Node.isAsExpression(current) ||
            Node.isSatisfiesExpression(current) ||
            Node.isTypeAssertion(current) ||
            Node.isNonNullExpression(current)) {
            current = current.getExpression();
        }
        else {
            return current;
        }
    }
}
/**
 * Identifiers spelled `name` under `root` (itself included). Walks the compiler's nodes and wraps
 * only the matches: wrapping every node in ts-morph objects dominated the run time.
 */
export function identifiersNamed(root, name) {
    const sf = root.getSourceFile();
    const out = [];
    const visit = (node) => {
        if (node.kind === SyntaxKind.Identifier) {
            if (node.text !== name)
                return;
            const wrapped = wrap(sf, node);
            if (Node.isIdentifier(wrapped))
                out.push(wrapped);
            return;
        }
        ts.forEachChild(node, visit);
    };
    visit(root.compilerNode);
    return out;
}
/**
 * Nodes of `kind` under `root` (not itself), in document order, as ts-morph's getDescendantsOfKind
 * gives them: walks the compiler's nodes and wraps only the matches (ts-morph's own walk also
 * parses the comments of every block it passes).
 */
export function descendantsOfKind(root, kind) {
    const sf = root.getSourceFile();
    const out = [];
    const visit = (node) => {
        if (node.kind === kind)
            out.push(wrap(sf, node));
        ts.forEachChild(node, visit);
    };
    ts.forEachChild(root.compilerNode, visit);
    return out;
}
/**
 * The statement right before (`-1`) or after (`1`) `statement` in its list, or undefined at either
 * end. Where a comment stands between the two, ts-morph's sibling is given instead (a comment on
 * a line of its own is a node of its own there), so a statement behind a comment is not taken as
 * adjacent. ts-morph's getPreviousSibling/getNextSibling re-scan the list's tokens and comments
 * each time; only then are they asked.
 */
export function adjacentStatement(statement, step) {
    const list = statement.getParent()?.compilerNode
        ?.statements;
    const index = list ? list.indexOf(statement.compilerNode) : -1;
    const sibling = () => (step === 1 ? statement.getNextSibling() : statement.getPreviousSibling());
    if (!list || index < 0)
        return sibling();
    const other = list[index + step];
    if (other === undefined)
        return undefined;
    const sf = statement.getSourceFile();
    const between = step === 1
        ? sf.getFullText().slice(statement.getEnd(), other.getStart(sf.compilerNode))
        : sf.getFullText().slice(other.getEnd(), statement.getStart());
    return /\/[/*]/.test(between) ? sibling() : wrap(sf, other);
}
/**
 * The ts-morph wrapper of a compiler node. ts-morph's own factory wraps it directly; the public
 * route (`getDescendantAtStartWithWidth`) walks down from the file and re-scans every level's
 * tokens, which cost a third of a 5,000-file run. The factory is internal, so fall back to the
 * public route if a ts-morph release moves it.
 */
function wrap(sf, node) {
    const factory = sf._context?.compilerFactory;
    if (typeof factory?.getNodeFromCompilerNode === 'function')
        return factory.getNodeFromCompilerNode(node, sf);
    return sf.getDescendantAtStartWithWidth(node.getStart(sf.compilerNode), node.getWidth(sf.compilerNode));
}
/** Every identifier spelling under `root`, without wrapping nodes. */
export function identifierTexts(root) {
    const out = new Set();
    const visit = (node) => {
        if (node.kind === SyntaxKind.Identifier)
            out.add(node.text);
        else
            ts.forEachChild(node, visit);
    };
    visit(root.compilerNode);
    return out;
}
/** The node is the callee of a call: `node(…)`. */
export function isCallee(node) {
    const parent = node.getParent();
    return Node.isCallExpression(parent) && parent.getExpression() === node;
}
/** `return <expr>` statements of the function itself (not of nested functions). */
export function valueReturns(fn) {
    return descendantsOfKind(fn, SyntaxKind.ReturnStatement).filter((r) => r.getExpression() !== undefined && enclosingFunction(r) === fn);
}
/** `arguments` of the function itself: arrows see their parent's, so only ordinary functions count. */
export function usesArguments(fn) {
    if (Node.isArrowFunction(fn))
        return false;
    return identifiersNamed(fn, 'arguments').some((id) => {
        const owner = id.getFirstAncestor((a) => !Node.isArrowFunction(a) && isFunctionScope(a));
        return owner === fn;
    });
}
