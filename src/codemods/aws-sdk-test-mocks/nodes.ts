// Reading test files: the imports a statement makes, the names a pattern binds or an expression
// reads, and the names the conversion writes.
import { ts } from '../../util/typescript.cjs';

/** The string literal a `const x = require('…')` statement loads, if it is one. */
export function requiredSpec(statement: ts.Statement): ts.StringLiteral | undefined {
  if (!ts.isVariableStatement(statement) || statement.declarationList.declarations.length !== 1) return undefined;
  const init = statement.declarationList.declarations[0].initializer;
  return init && isRequire(init) ? (init.arguments[0] as ts.StringLiteral) : undefined;
}

export function isRequire(node: ts.Node): node is ts.CallExpression {
  return (
    ts.isCallExpression(node) &&
    ts.isIdentifier(node.expression) &&
    node.expression.text === 'require' &&
    node.arguments.length === 1 &&
    ts.isStringLiteral(node.arguments[0])
  );
}

/** The module a top-level import statement loads, and the one name it binds (namespace, default or require). */
export function importOf(statement: ts.Statement): { spec: string; name?: string; other: boolean } | undefined {
  if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
    const clause = statement.importClause;
    const bindings = clause?.namedBindings;
    const ns = bindings && ts.isNamespaceImport(bindings) ? bindings.name.text : undefined;
    const named = bindings && ts.isNamedImports(bindings) ? bindings.elements.length : 0;
    const names = [clause?.name?.text, ns].filter((n): n is string => !!n);
    return { spec: statement.moduleSpecifier.text, name: names[0], other: names.length + named > 1 || named > 0 };
  }
  if (ts.isImportEqualsDeclaration(statement) && ts.isExternalModuleReference(statement.moduleReference)) {
    const e = statement.moduleReference.expression;
    return ts.isStringLiteral(e) ? { spec: e.text, name: statement.name.text, other: false } : undefined;
  }
  const spec = requiredSpec(statement);
  if (!spec) return undefined;
  const decl = (statement as ts.VariableStatement).declarationList.declarations[0];
  return {
    spec: spec.text,
    name: ts.isIdentifier(decl.name) ? decl.name.text : undefined,
    other: !ts.isIdentifier(decl.name),
  };
}

export function boundNames(name: ts.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  return name.elements.flatMap((e) => (ts.isOmittedExpression(e) ? [] : boundNames(e.name)));
}

/** S3 -> s3, DynamoDBDocument -> dynamoDBDocument, SQS -> sqs, CloudWatchLogs -> cloudWatchLogs. */
export function camel(name: string): string {
  const lead = /^[A-Z0-9]+/.exec(name)![0];
  if (lead.length === name.length) return name.toLowerCase();
  if (lead.length === 1) return name.charAt(0).toLowerCase() + name.slice(1);
  const keep = /[a-z]/.test(name.charAt(lead.length)) ? lead.length - 1 : lead.length;
  return name.slice(0, keep).toLowerCase() + name.slice(keep);
}

/** The identifiers an expression reads (property names and object keys aside). */
export function readsNames(node: ts.Node): Set<string> {
  const out = new Set<string>();
  const visit = (n: ts.Node): void => {
    if (ts.isIdentifier(n)) {
      const p = n.parent;
      const isKey = (ts.isPropertyAccessExpression(p) && p.name === n) || (ts.isPropertyAssignment(p) && p.name === n);
      if (!isKey) out.add(n.text);
    }
    ts.forEachChild(n, visit);
  };
  visit(node);
  return out;
}
