// The modules of a function's code: its handler file and every repository file it loads through
// relative requires and imports (static `require('./x')`, `import … from './x'`, `export … from`,
// `import('./x')`), followed to the end. Each file is parsed once per graph (cached by the caller).
import { ts } from '../util/typescript.cjs';
import { scriptKind } from '../codemods/syntax.js';
import { resolveModule } from '../codemods/aws-sdk-v2-to-v3/crossmodule.js';
import type { RepoView } from '../codemods/types.js';

/** The relative specifiers a file loads; none when it does not parse. */
export function relativeSpecifiers(path: string, text: string): string[] {
  if (!/(require|import|from)\s*\(?\s*['"`]\./.test(text)) return [];
  let sf: ts.SourceFile;
  try {
    sf = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, false, scriptKind(path));
  } catch {
    return [];
  }
  const out: string[] = [];
  const add = (node: ts.Node | undefined) => {
    if (node && ts.isStringLiteralLike(node) && node.text.startsWith('.')) out.push(node.text);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      if (!node.importClause?.isTypeOnly) add(node.moduleSpecifier);
    } else if (ts.isExportDeclaration(node)) {
      if (!node.isTypeOnly) add(node.moduleSpecifier);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node.moduleReference.expression);
    } else if (
      ts.isCallExpression(node) &&
      (node.expression.kind === ts.SyntaxKind.ImportKeyword ||
        (ts.isIdentifier(node.expression) && node.expression.text === 'require'))
    ) {
      add(node.arguments[0]);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** Follows relative loads from entry files; remembers each file's specifiers across calls. */
export class ModuleGraph {
  private readonly specifiers = new Map<string, string[]>();
  private readonly known: Set<string>;

  constructor(private readonly repo: RepoView) {
    this.known = new Set(repo.files);
  }

  /** `entry` and every repository module it loads, directly or not, in the order first reached. */
  modulesOf(entry: string): string[] {
    const seen = new Set<string>([entry]);
    const queue = [entry];
    for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
      for (const spec of this.specifiersOf(path)) {
        const target = resolveModule(path, spec, this.known);
        if (target && !seen.has(target) && /\.(?:[cm]?[jt]s|[jt]sx)$/.test(target)) {
          seen.add(target);
          queue.push(target);
        }
      }
    }
    return [...seen];
  }

  private specifiersOf(path: string): string[] {
    let list = this.specifiers.get(path);
    if (!list) this.specifiers.set(path, (list = relativeSpecifiers(path, this.repo.read(path))));
    return list;
  }
}
