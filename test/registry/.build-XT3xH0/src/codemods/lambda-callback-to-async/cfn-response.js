// cfn-response, the module CloudFormation custom resources use to answer: its send() ends the
// invocation with context.done(), which Node.js 24 removed. A handler that hands its context to
// it cannot be converted mechanically.
import { Node } from 'ts-morph';
import { bindingNames } from './scope.js';
const CFN_RESPONSE = /^(\.{1,2}\/)*([\w.-]+\/)*cfn-response(\.[cm]?js)?$/;
/** `const response = require('cfn-response')`, `import response from './cfn-response.js'`, `const { send } = …`. */
export function cfnResponseNames(sf) {
    const names = new Set();
    if (!sf.getFullText().includes('cfn-response'))
        return names;
    for (const st of sf.getStatements()) {
        if (Node.isImportDeclaration(st) && CFN_RESPONSE.test(st.getModuleSpecifierValue())) {
            const local = st.getDefaultImport() ?? st.getNamespaceImport();
            if (local)
                names.add(local.getText());
            for (const spec of st.getNamedImports())
                if (spec.getName() === 'send')
                    names.add(spec.getAliasNode()?.getText() ?? 'send');
        }
        else if (Node.isVariableStatement(st)) {
            for (const d of st.getDeclarations()) {
                const init = d.getInitializer();
                const arg = Node.isCallExpression(init) && init.getExpression().getText() === 'require'
                    ? init.getArguments()[0]
                    : undefined;
                if (!Node.isStringLiteral(arg) || !CFN_RESPONSE.test(arg.getLiteralText()))
                    continue;
                for (const name of bindingNames(d.getNameNode()))
                    names.add(name);
            }
        }
    }
    return names;
}
/** `response.send(event, context, …)` or `send(event, context, …)` of cfn-response. */
export function endsThroughContext(ref, names) {
    const call = ref.getParent();
    if (!Node.isCallExpression(call) || !call.getArguments().includes(ref) || names().size === 0)
        return undefined;
    const callee = call.getExpression();
    const owner = Node.isPropertyAccessExpression(callee) && callee.getName() === 'send' ? callee.getExpression() : callee;
    return Node.isIdentifier(owner) && names().has(owner.getText()) ? call : undefined;
}
