// Where a v2 method that answered synchronously (or through a callback) may become an awaited v3
// promise: inside an async function, or at the top level of a file that is an ES module by its
// extension (.mjs/.mts). A `.js` file with `import` syntax may still be compiled to CommonJS,
// where top-level `await` does not build, so it does not count.
import { ts } from '../../util/typescript.cjs';
import type { FileContext } from './context.js';

/** The function is declared `async`. */
export const isAsync = (fn: ts.Node) =>
  !!ts.getModifiers(fn as ts.HasModifiers)?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword);

/** True when `await` may be written where `node` stands. */
export function canAwait(ctx: FileContext, node: ts.Node): boolean {
  for (let cur = node.parent; cur; cur = cur.parent) {
    if (ts.isFunctionLike(cur)) return isAsync(cur);
    // parameter defaults, class fields and static blocks do not take `await`
    if (ts.isParameter(cur) || ts.isPropertyDeclaration(cur) || ts.isClassStaticBlockDeclaration(cur)) return false;
    if (ts.isSourceFile(cur)) return /\.m[jt]s$/.test(ctx.path);
  }
  return false;
}

/** True when the node is the object or callee of its parent, where `await x` needs parentheses. */
function needsParens(node: ts.Node): boolean {
  const parent = node.parent;
  const access = ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent);
  const call = ts.isCallExpression(parent) || ts.isNewExpression(parent);
  if ((access || call) && parent.expression === node) return true;
  if (ts.isTaggedTemplateExpression(parent) && parent.tag === node) return true;
  return (
    ts.isBinaryExpression(parent) &&
    parent.left === node &&
    parent.operatorToken.kind === ts.SyntaxKind.AsteriskAsteriskToken
  );
}

/** Text to put before and after `node` so its (now promised) value is awaited. */
export function awaitAround(node: ts.Node): [string, string] {
  if (ts.isAwaitExpression(node.parent)) return ['', ''];
  return needsParens(node) ? ['(await ', ')'] : ['await ', ''];
}

/**
 * A node-style callback named by an identifier, fed from a promise:
 * `.then((url) => cb(null, url), cb)`, as v2 called it (value second, or the error alone).
 */
export function thenCallback(callback: string, value: string): string {
  const name = callback === value ? 'result' : value;
  return `.then((${name}) => ${callback}(null, ${name}), ${callback})`;
}

/**
 * The callback of a call whose result nobody reads (v2 returned nothing in callback mode), when it
 * is a plain identifier that can be named twice; undefined otherwise.
 */
export function callbackName(ctx: FileContext, call: ts.CallExpression, arg?: ts.Expression): string | undefined {
  if (!arg || !ts.isIdentifier(arg) || arg.text === 'undefined' || ctx.names.has(arg.text)) return undefined;
  return ts.isExpressionStatement(call.parent) ? arg.text : undefined;
}
