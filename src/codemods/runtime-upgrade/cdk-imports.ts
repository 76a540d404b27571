// Where a CDK file's Lambda `Runtime` comes from (which package, through which import), and how
// the file can name `RuntimeFamily` beside it: the same qualifier (`lambda.Runtime` →
// `lambda.RuntimeFamily`), an existing import, or `RuntimeFamily` added to the import that brings
// `Runtime`, in that import's own layout (ES named imports or a destructured `require`).
import { ts } from '../../util/typescript.cjs';
import { cdkPackageOf, type CdkPackage } from './cdk-runtimes.js';
import type { Edit } from './edits.js';

interface Binding {
  module: string;
  /** `namespace`: the whole module (`import * as`, default, `import x = require`, `const x = require`). */
  kind: 'namespace' | 'named';
  /** For `named`: the exported name (`Runtime` in `{ Runtime as R }`). */
  imported?: string;
  /** For `named`: the list it sits in, where another name can be added. */
  list?: ts.NamedImports | ts.ObjectBindingPattern;
}

/** The module of `require('m')`, if `node` is exactly that call. */
function requiredModule(node: ts.Expression | undefined): string | undefined {
  if (!node || !ts.isCallExpression(node) || !ts.isIdentifier(node.expression) || node.expression.text !== 'require')
    return undefined;
  const [arg] = node.arguments;
  return arg && ts.isStringLiteralLike(arg) ? arg.text : undefined;
}

/** Every top-level import and `require` binding of the file, by local name. */
function bindingsOf(file: ts.SourceFile): Map<string, Binding> {
  const bindings = new Map<string, Binding>();
  for (const statement of file.statements) {
    if (
      ts.isImportDeclaration(statement) &&
      ts.isStringLiteral(statement.moduleSpecifier) &&
      !statement.importClause?.isTypeOnly
    ) {
      const module = statement.moduleSpecifier.text;
      const clause = statement.importClause;
      if (clause?.name) bindings.set(clause.name.text, { module, kind: 'namespace' });
      const named = clause?.namedBindings;
      if (named && ts.isNamespaceImport(named)) bindings.set(named.name.text, { module, kind: 'namespace' });
      if (named && ts.isNamedImports(named)) {
        for (const element of named.elements) {
          if (!element.isTypeOnly)
            bindings.set(element.name.text, {
              module,
              kind: 'named',
              imported: (element.propertyName ?? element.name).text,
              list: named,
            });
        }
      }
    } else if (ts.isImportEqualsDeclaration(statement) && ts.isExternalModuleReference(statement.moduleReference)) {
      const expression = statement.moduleReference.expression;
      if (ts.isStringLiteral(expression))
        bindings.set(statement.name.text, { module: expression.text, kind: 'namespace' });
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        const module = requiredModule(declaration.initializer);
        if (module === undefined) continue;
        if (ts.isIdentifier(declaration.name)) bindings.set(declaration.name.text, { module, kind: 'namespace' });
        else if (ts.isObjectBindingPattern(declaration.name)) {
          for (const element of declaration.name.elements) {
            const property = element.propertyName ?? element.name;
            if (ts.isIdentifier(element.name) && ts.isIdentifier(property) && !element.dotDotDotToken) {
              bindings.set(element.name.text, {
                module,
                kind: 'named',
                imported: property.text,
                list: declaration.name,
              });
            }
          }
        }
      }
    }
  }
  return bindings;
}

/** How one `Runtime` reference can be rewritten, or why it cannot. */
export type RuntimeOrigin = { pkg: CdkPackage; family: string; importEdit?: Edit } | { problem: string };

/** The leftmost identifier of `a.b.c`. */
function rootIdentifier(node: ts.Expression): ts.Identifier | undefined {
  while (ts.isPropertyAccessExpression(node)) node = node.expression;
  return ts.isIdentifier(node) ? node : undefined;
}

/** Resolves `Runtime` expressions of one file against its imports. */
export class CdkImports {
  private readonly bindings: Map<string, Binding>;
  /** Added imports of `RuntimeFamily`, one per import list. */
  private readonly added = new Map<ts.Node, Edit>();

  constructor(
    private readonly file: ts.SourceFile,
    private readonly text: string,
  ) {
    this.bindings = bindingsOf(file);
  }

  /** Whether `node` names the Lambda Runtime class under another name (`import { Runtime as LambdaRuntime }`). */
  isRenamedRuntime(node: ts.Expression): boolean {
    const binding = ts.isIdentifier(node) ? this.bindings.get(node.text) : undefined;
    return binding?.kind === 'named' && binding.imported === 'Runtime' && cdkPackageOf(binding.module) !== undefined;
  }

  /** `lambda.Runtime`, `cdk.aws_lambda.Runtime` or an imported `Runtime` (maybe renamed). */
  origin(runtime: ts.Expression): RuntimeOrigin {
    const root = rootIdentifier(runtime);
    const binding = root && this.bindings.get(root.text);
    const pkg = binding && cdkPackageOf(binding.module);
    if (!binding || !pkg) {
      return {
        problem: `\`${runtime.getText(this.file)}\` is not imported from aws-cdk-lib, @aws-cdk/aws-lambda or monocdk in this file`,
      };
    }
    if (ts.isPropertyAccessExpression(runtime)) {
      // Through a namespace (or `aws_lambda` imported from aws-cdk-lib): its RuntimeFamily sits beside Runtime.
      return { pkg, family: `${runtime.expression.getText(this.file)}.RuntimeFamily` };
    }
    if (binding.kind !== 'named' || binding.imported !== 'Runtime')
      return { problem: `\`${root.text}\` is not the Lambda Runtime class` };
    return this.familyBeside(binding, pkg);
  }

  /** `RuntimeFamily` for a file that imports `Runtime` by name from `binding.module`. */
  private familyBeside(binding: Binding, pkg: CdkPackage): RuntimeOrigin {
    for (const [local, other] of this.bindings) {
      if (other.module !== binding.module) continue;
      if (other.kind === 'named' && other.imported === 'RuntimeFamily') return { pkg, family: local };
      if (other.kind === 'namespace') return { pkg, family: `${local}.RuntimeFamily` };
    }
    if (this.declaresName('RuntimeFamily')) {
      return { problem: 'the file already uses the name `RuntimeFamily` for something else, so it cannot be imported' };
    }
    return { pkg, family: 'RuntimeFamily', importEdit: this.addToList(binding.list!) };
  }

  /**
   * Whether `name` is used as a name of its own anywhere in the file (an import atx did not
   * bind, a local, a parameter); `lambda.RuntimeFamily` and `{ RuntimeFamily: … }` are not.
   */
  private declaresName(name: string): boolean {
    let found = false;
    const visit = (node: ts.Node): void => {
      if (found) return;
      const parent = node.parent;
      const member =
        parent !== undefined &&
        (((ts.isPropertyAccessExpression(parent) || ts.isPropertyAssignment(parent)) && parent.name === node) ||
          (ts.isQualifiedName(parent) && parent.right === node));
      if (ts.isIdentifier(node) && node.text === name && !member) found = true;
      else ts.forEachChild(node, visit);
    };
    visit(this.file);
    return found;
  }

  /** `RuntimeFamily` appended to an import list, on its own line when the list puts one name per line. */
  private addToList(list: ts.NamedImports | ts.ObjectBindingPattern): Edit {
    const existing = this.added.get(list);
    if (existing) return existing;
    const last = list.elements[list.elements.length - 1];
    const lineStart = this.text.lastIndexOf('\n', last.getStart(this.file) - 1) + 1;
    const before = this.text.slice(lineStart, last.getStart(this.file));
    const ownLine =
      /^[ \t]*$/.test(before) &&
      list.elements.length > 0 &&
      this.text.slice(list.getStart(this.file), last.getStart(this.file)).includes('\n');
    const eol = this.text.includes('\r\n') ? '\r\n' : '\n';
    const edit = {
      start: last.end,
      end: last.end,
      text: ownLine ? `,${eol}${before}RuntimeFamily` : ', RuntimeFamily',
    };
    this.added.set(list, edit);
    return edit;
  }

  /** The quote the file writes module names with, for the runtime id we add. */
  quote(): string {
    for (const statement of this.file.statements) {
      if (ts.isImportDeclaration(statement))
        return this.text[statement.moduleSpecifier.getStart(this.file)] === '"' ? '"' : "'";
    }
    return "'";
  }
}
