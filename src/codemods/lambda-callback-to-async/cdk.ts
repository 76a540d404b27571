// CDK constructs that name Lambda entry points: `lambda.Function` with `code: Code.fromAsset(dir)`
// and `handler: 'index.handler'`, and `NodejsFunction` with `entry: 'file'` (+ optional `handler`).
import { posix } from 'node:path';
import { ts } from 'ts-morph';
import type { RepoView } from '../types.js';

const IGNORED = /(^|\/)(node_modules|cdk\.out|\.aws-sam|dist)\//;

/** [base folder, `module.export`] pairs, repository-relative, for every CDK construct found. */
export function cdkEntryPoints(repo: RepoView): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const file of repo.files) {
    if (!/\.[mc]?[jt]s$/.test(file) || file.endsWith('.d.ts') || IGNORED.test(file)) continue;
    const text = repo.read(file);
    if (!/\b(handler|entry)\s*:/.test(text) || !/fromAsset\s*\(|\bentry\s*:/.test(text)) continue;
    const root = cdkRoot(repo.files, file);
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (ts.isObjectLiteralExpression(node)) {
        const found = constructEntry(node, posix.dirname(file), root);
        if (found) out.push(found);
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return out;
}

function constructEntry(obj: ts.ObjectLiteralExpression, fileDir: string, root: string): [string, string] | undefined {
  const prop = (name: string) => {
    for (const p of obj.properties) {
      if (ts.isPropertyAssignment(p) && p.name.getText() === name) return p.initializer;
    }
    return undefined;
  };
  const handlerNode = prop('handler');
  const handler = handlerNode && ts.isStringLiteralLike(handlerNode) ? handlerNode.text : undefined;
  const entryNode = prop('entry');
  if (entryNode) {
    const entry = pathValue(entryNode, fileDir, root);
    if (!entry) return undefined;
    return [posix.dirname(entry), `${posix.basename(entry).replace(/\.[mc]?[jt]sx?$/, '')}.${handler ?? 'handler'}`];
  }
  const code = prop('code');
  if (!handler || !code || !ts.isCallExpression(code) || !/fromAsset$/.test(code.expression.getText())) return undefined;
  const dir = code.arguments[0] && pathValue(code.arguments[0], fileDir, root);
  return dir === undefined ? undefined : [dir, handler];
}

/** A string literal (relative to the CDK app folder) or `path.join(__dirname, 'a', 'b')`. */
function pathValue(node: ts.Node, fileDir: string, root: string): string | undefined {
  if (ts.isStringLiteralLike(node)) return posix.normalize(posix.join(root, node.text));
  if (!ts.isCallExpression(node) || !/(^|\.)(join|resolve)$/.test(node.expression.getText())) return undefined;
  const [first, ...rest] = node.arguments;
  if (!first || first.getText() !== '__dirname') return undefined;
  const parts: string[] = [];
  for (const arg of rest) {
    if (!ts.isStringLiteralLike(arg)) return undefined;
    parts.push(arg.text);
  }
  const joined = posix.normalize(posix.join(fileDir, ...parts));
  return joined.startsWith('..') ? undefined : joined;
}

/** CDK resolves relative asset paths against the app folder, the one holding cdk.json. */
function cdkRoot(files: readonly string[], file: string): string {
  let dir = posix.dirname(file);
  for (;;) {
    const candidate = dir === '.' ? 'cdk.json' : `${dir}/cdk.json`;
    if (files.includes(candidate)) return dir;
    if (dir === '.' || dir === '') return '.';
    dir = posix.dirname(dir);
  }
}
