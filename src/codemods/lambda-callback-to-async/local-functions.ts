// The functions a module declares at its top level (`function respond(…) {}`,
// `const respond = (…) => {}`): the helpers a handler's callback or context can be followed into.
import { ts } from '../../util/typescript.cjs';
import {
  declarationKind,
  hasExportKeyword,
  identifiersNamed,
  isFunctionNode,
  isNameOnly,
  refersToModuleScope,
  unwrapExpression,
  type FunctionNode,
} from './scope.js';

export interface LocalFunction {
  name: string;
  fn: FunctionNode;
  /** The identifier that declares it. */
  nameNode: ts.Identifier;
  /** `export function …` / `export const …`: other modules may call it with a callback. */
  exported: boolean;
}

export function localFunctions(sf: ts.SourceFile): Map<string, LocalFunction> {
  const out = new Map<string, LocalFunction>();
  const seen = new Set<string>();
  const add = (local: LocalFunction) => {
    // A name declared twice (or `var` re-bound) is not followed.
    if (seen.has(local.name)) out.delete(local.name);
    else out.set(local.name, local);
    seen.add(local.name);
  };
  for (const st of sf.statements) {
    if (ts.isFunctionDeclaration(st)) {
      const nameNode = st.name;
      if (nameNode && st.body !== undefined)
        add({ name: nameNode.getText(), fn: st, nameNode, exported: hasExportKeyword(st) });
    } else if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) {
        const nameNode = d.name;
        const init = d.initializer;
        const fn = init && unwrapExpression(init);
        if (!ts.isIdentifier(nameNode)) continue;
        if (isFunctionNode(fn) && isConst(st.declarationList)) {
          add({ name: nameNode.getText(), fn, nameNode, exported: hasExportKeyword(st) });
        } else {
          out.delete(nameNode.getText());
          seen.add(nameNode.getText());
        }
      }
    }
  }
  return out;
}

/** Every identifier of the file that refers to the local function, other than its own declaration. */
export function moduleReferences(sf: ts.SourceFile, local: LocalFunction): ts.Identifier[] {
  return identifiersNamed(sf, local.name).filter(
    (id) => id !== local.nameNode && !isNameOnly(id) && refersToModuleScope(id),
  );
}

/**
 * A plain `const` list. declarationKind() counts `using` / `await using` as `const`; ts-morph's
 * getDeclarationKind() (which this check replaced) told them apart, so they stay excluded.
 */
function isConst(list: ts.VariableDeclarationList): boolean {
  return declarationKind(list) === 'const' && (list.flags & ts.NodeFlags.Using) === 0;
}
