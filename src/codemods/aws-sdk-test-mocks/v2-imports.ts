// The test's own imports of the v2 SDK: a test that fakes v2 often imports it only to hand it to
// the fake (`AWSMock.setSDKInstance(AWS)`) or to reach the jest mock. Once the fake is gone they
// go too; a test that still uses v2 for anything else is left as it is.
import { ts } from '../../util/typescript.cjs';
import { referencesTo } from './aws-sdk-mock.js';
import { type TestFile } from './file.js';
import { importOf } from './nodes.js';

const isV2 = (spec: string) => spec === 'aws-sdk' || spec.startsWith('aws-sdk/');

export function v2Imports(file: TestFile): ts.Statement[] {
  return file.sf.statements.filter((s) => {
    const imported = importOf(s);
    return imported !== undefined && isV2(imported.spec);
  });
}

function boundNames(statement: ts.Statement): ts.Identifier[] {
  const out: ts.Identifier[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) || ts.isStringLiteral(node)) return;
    if (ts.isIdentifier(node) && !ts.isPropertyAccessExpression(node.parent)) {
      const p = node.parent;
      // `{ DynamoDB: ddb }` binds ddb, not DynamoDB
      if (!(
        (ts.isBindingElement(p) && p.propertyName === node) ||
        (ts.isImportSpecifier(p) && p.propertyName === node)
      ))
        out.push(node);
    }
    ts.forEachChild(node, visit);
  };
  visit(statement);
  return out;
}

/**
 * Remove the v2 imports, whose every use must be inside `dropped` (statements the conversion
 * removes); `keep` is one the caller replaces itself.
 */
export function removeV2Imports(
  file: TestFile,
  imports: readonly ts.Statement[],
  dropped: readonly ts.Node[],
  edited: Set<ts.Node>,
  keep?: ts.Statement,
): void {
  const inside = (node: ts.Node) => dropped.some((d) => node.getStart(file.sf) >= d.pos && node.end <= d.end);
  for (const statement of imports) {
    for (const name of boundNames(statement)) {
      const outside = referencesTo(file, name.text, name).find((ref) => !inside(ref));
      if (outside) {
        throw file.left(outside, 'uses-v2', `the test uses the v2 SDK itself (${name.text}), beyond faking it`);
      }
    }
  }
  for (const statement of imports) {
    edited.add(statement);
    if (statement !== keep) file.replaceStatement(statement, []);
  }
}
