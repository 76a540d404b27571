// cfn-response, the module CloudFormation custom resources use to answer: its send() ends the
// invocation with context.done(), which Node.js 24 removed. A handler that hands its context to
// it cannot be converted mechanically.
import { ts } from '../../util/typescript.cjs';
import { bindingNames, namedImports, namespaceImport, specifierAsName, specifierName } from './scope.js';

const CFN_RESPONSE = /^(\.{1,2}\/)*([\w.-]+\/)*cfn-response(\.[cm]?js)?$/;

/** `const response = require('cfn-response')`, `import response from './cfn-response.js'`, `const { send } = …`. */
export function cfnResponseNames(sf: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  if (!sf.text.includes('cfn-response')) return names;
  for (const st of sf.statements) {
    if (ts.isImportDeclaration(st) && CFN_RESPONSE.test((st.moduleSpecifier as ts.StringLiteral).text)) {
      const local = st.importClause?.name ?? namespaceImport(st);
      if (local) names.add(local.getText());
      for (const spec of namedImports(st)) if (specifierName(spec) === 'send') names.add(specifierAsName(spec));
    } else if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) {
        const init = d.initializer;
        const arg =
          init !== undefined && ts.isCallExpression(init) && init.expression.getText() === 'require'
            ? init.arguments[0]
            : undefined;
        if (arg === undefined || !ts.isStringLiteral(arg) || !CFN_RESPONSE.test(arg.text)) continue;
        for (const name of bindingNames(d.name)) names.add(name);
      }
    }
  }
  return names;
}

/** `response.send(event, context, …)` or `send(event, context, …)` of cfn-response. */
export function endsThroughContext(
  ref: ts.Identifier,
  names: () => ReadonlySet<string>,
): ts.CallExpression | undefined {
  const call = ref.parent;
  if (call === undefined || !ts.isCallExpression(call) || !call.arguments.includes(ref) || names().size === 0)
    return undefined;
  const callee = call.expression;
  const owner = ts.isPropertyAccessExpression(callee) && callee.name.text === 'send' ? callee.expression : callee;
  return ts.isIdentifier(owner) && names().has(owner.getText()) ? call : undefined;
}
