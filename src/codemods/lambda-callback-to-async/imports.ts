// TypeScript: once the callback parameters are gone, `Callback` from 'aws-lambda' is often
// unused; an unused import would fail `noUnusedLocals` builds, so it goes too.
import { ts } from '../../util/typescript.cjs';
import {
  firstAncestor,
  identifiersNamed,
  namedImports,
  namespaceImport,
  specifierAsName,
  specifierName,
} from './scope.js';
import { deleteStatement, type Edit } from './edits.js';

const REMOVABLE = new Set(['Callback']);

/** Edits removing `aws-lambda` type imports that no code outside the removed ranges uses any more. */
export function unusedImportEdits(text: string, sf: ts.SourceFile, removed: readonly Edit[]): Edit[] {
  const gone = (pos: number) => removed.some((e) => e.start <= pos && pos < e.end);
  const edits: Edit[] = [];
  for (const decl of sf.statements.filter(ts.isImportDeclaration)) {
    if (
      (decl.moduleSpecifier as ts.StringLiteral).text !== 'aws-lambda' ||
      decl.importClause?.name ||
      namespaceImport(decl)
    )
      continue;
    const specs = namedImports(decl);
    const unused = specs.filter((spec) => {
      if (!REMOVABLE.has(specifierName(spec))) return false;
      // `a as b`: the file uses the alias `b`.
      return !identifiersNamed(sf, specifierAsName(spec)).some(
        (id) =>
          !firstAncestor(id, (a) => a === decl) &&
          !gone(id.getStart()) &&
          !(id.parent !== undefined && ts.isPropertyAccessExpression(id.parent)),
      );
    });
    if (unused.length === 0) continue;
    if (unused.length === specs.length) {
      edits.push(deleteStatement(text, decl.getStart(), decl.end));
      continue;
    }
    for (const spec of unused) {
      const index = specs.indexOf(spec);
      // Take the comma after the specifier, or before it when it is the last one.
      const next = specs[index + 1];
      const prev = specs[index - 1];
      edits.push(
        next
          ? { start: spec.getStart(), end: next.getStart(), text: '' }
          : { start: prev!.end, end: spec.end, text: '' },
      );
    }
  }
  return edits;
}
