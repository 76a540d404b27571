// Does a file still load the v2 SDK at run time? Only real module loads count (require, import,
// import-equals, re-exports, dynamic import(), require.resolve, jest/vi.mock without `virtual`):
// a test helper that merely names 'aws-sdk' as a string to fake it does not keep the package.
import { ts } from '../../util/typescript.cjs';
import { scriptKind } from '../syntax.js';

const isV2 = (spec: string): boolean => spec === 'aws-sdk' || spec.startsWith('aws-sdk/');

// Cheap test before any parse: a quoted aws-sdk specifier right after a loading construct.
const loadShape =
  /(?:require(?:\.resolve)?\s*\(|import\s*\(|from\s*|import\s*|mock\s*\()\s*['"`]aws-sdk(?:\/[\w./-]*)?['"`]/;

function literalArg(call: ts.CallExpression, i = 0): string | undefined {
  const arg = call.arguments[i];
  return arg && ts.isStringLiteralLike(arg) ? arg.text : undefined;
}

/** `jest.mock('aws-sdk', f, { virtual: true })` never resolves the real module. */
function isVirtualMock(call: ts.CallExpression): boolean {
  const options = call.arguments[2];
  return (
    !!options &&
    ts.isObjectLiteralExpression(options) &&
    options.properties.some(
      (p) =>
        ts.isPropertyAssignment(p) &&
        ts.isIdentifier(p.name) &&
        p.name.text === 'virtual' &&
        p.initializer.kind === ts.SyntaxKind.TrueKeyword,
    )
  );
}

function loadsV2(call: ts.CallExpression): boolean {
  const callee = call.expression;
  const spec = literalArg(call);
  if (spec === undefined || !isV2(spec)) return false;
  if (callee.kind === ts.SyntaxKind.ImportKeyword) return true;
  if (ts.isIdentifier(callee)) return callee.text === 'require';
  if (!ts.isPropertyAccessExpression(callee) || !ts.isIdentifier(callee.expression)) return false;
  const [object, method] = [callee.expression.text, callee.name.text];
  if (object === 'require' && method === 'resolve') return true;
  return (object === 'jest' || object === 'vi') && (method === 'mock' || method === 'doMock') && !isVirtualMock(call);
}

function declaresV2(node: ts.Node): boolean {
  if (
    (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
    node.moduleSpecifier &&
    ts.isStringLiteral(node.moduleSpecifier)
  ) {
    return isV2(node.moduleSpecifier.text);
  }
  if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
    const e = node.moduleReference.expression;
    return ts.isStringLiteral(e) && isV2(e.text);
  }
  if (ts.isImportTypeNode(node)) return false; // types only: erased, nothing loads
  return ts.isCallExpression(node) && loadsV2(node);
}

/** The first node that loads `aws-sdk` (or a subpath of it) as a module, or undefined. */
function firstV2Load(path: string, text: string): { node: ts.Node; sf: ts.SourceFile } | 'unreadable' | undefined {
  if (!text.includes('aws-sdk') || !loadShape.test(text)) return undefined;
  let sf: ts.SourceFile;
  try {
    sf = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, false, scriptKind(path));
  } catch {
    return 'unreadable';
  }
  let found: ts.Node | undefined;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isImportDeclaration(node) && node.importClause?.isTypeOnly) return;
    if (declaresV2(node)) found = node;
    else ts.forEachChild(node, visit);
  };
  visit(sf);
  return found && { node: found, sf };
}

/** True when the file loads `aws-sdk` (or a subpath of it) as a module. */
export function loadsV2Sdk(path: string, text: string): boolean {
  return firstV2Load(path, text) !== undefined; // unreadable: keep the dependency, the safe side
}

/** The 1-based line of the file's first load of v2, or undefined when it loads none. */
export function v2LoadLine(path: string, text: string): number | undefined {
  const found = firstV2Load(path, text);
  if (found === undefined) return undefined;
  if (found === 'unreadable') return 1;
  return found.sf.getLineAndCharacterOfPosition(found.node.getStart(found.sf)).line + 1;
}
