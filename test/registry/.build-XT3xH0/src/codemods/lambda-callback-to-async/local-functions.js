// The functions a module declares at its top level (`function respond(…) {}`,
// `const respond = (…) => {}`): the helpers a handler's callback or context can be followed into.
import { Node } from 'ts-morph';
import { identifiersNamed, isFunctionNode, isNameOnly, refersToModuleScope, unwrapExpression, } from './scope.js';
export function localFunctions(sf) {
    const out = new Map();
    const seen = new Set();
    const add = (local) => {
        // A name declared twice (or `var` re-bound) is not followed.
        if (seen.has(local.name))
            out.delete(local.name);
        else
            out.set(local.name, local);
        seen.add(local.name);
    };
    for (const st of sf.getStatements()) {
        if (Node.isFunctionDeclaration(st)) {
            const nameNode = st.getNameNode();
            if (nameNode && st.hasBody())
                add({ name: nameNode.getText(), fn: st, nameNode, exported: st.hasExportKeyword() });
        }
        else if (Node.isVariableStatement(st)) {
            for (const d of st.getDeclarations()) {
                const nameNode = d.getNameNode();
                const init = d.getInitializer();
                const fn = init && unwrapExpression(init);
                if (!Node.isIdentifier(nameNode))
                    continue;
                if (isFunctionNode(fn) && st.getDeclarationKind() === 'const') {
                    add({ name: nameNode.getText(), fn, nameNode, exported: st.hasExportKeyword() });
                }
                else {
                    out.delete(nameNode.getText());
                    seen.add(nameNode.getText());
                }
            }
        }
    }
    return out;
}
/** Every identifier of the file that refers to the local function, other than its own declaration. */
export function moduleReferences(sf, local) {
    return identifiersNamed(sf, local.name).filter((id) => id !== local.nameNode && !isNameOnly(id) && refersToModuleScope(id));
}
