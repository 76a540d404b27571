// TypeScript: once the callback parameters are gone, `Callback` from 'aws-lambda' is often
// unused; an unused import would fail `noUnusedLocals` builds, so it goes too.
import { Node } from 'ts-morph';
import { identifiersNamed } from './scope.js';
import { deleteStatement } from './edits.js';
const REMOVABLE = new Set(['Callback']);
/** Edits removing `aws-lambda` type imports that no code outside the removed ranges uses any more. */
export function unusedImportEdits(text, sf, removed) {
    const gone = (pos) => removed.some((e) => e.start <= pos && pos < e.end);
    const edits = [];
    for (const decl of sf.getImportDeclarations()) {
        if (decl.getModuleSpecifierValue() !== 'aws-lambda' || decl.getDefaultImport() || decl.getNamespaceImport())
            continue;
        const specs = decl.getNamedImports();
        const unused = specs.filter((spec) => {
            if (!REMOVABLE.has(spec.getName()))
                return false;
            const local = spec.getAliasNode()?.getText() ?? spec.getName();
            return !identifiersNamed(sf, local).some((id) => !id.getFirstAncestor((a) => a === decl) &&
                !gone(id.getStart()) &&
                !Node.isPropertyAccessExpression(id.getParent()));
        });
        if (unused.length === 0)
            continue;
        if (unused.length === specs.length) {
            edits.push(deleteStatement(text, decl.getStart(), decl.getEnd()));
            continue;
        }
        for (const spec of unused) {
            const index = specs.indexOf(spec);
            // Take the comma after the specifier, or before it when it is the last one.
            const next = specs[index + 1];
            const prev = specs[index - 1];
            edits.push(next
                ? { start: spec.getStart(), end: next.getStart(), text: '' }
                : { start: prev.getEnd(), end: spec.getEnd(), text: '' });
        }
    }
    return edits;
}
