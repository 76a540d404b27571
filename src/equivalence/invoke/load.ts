// Child side: loads a handler module the way the Lambda runtime of a given major does.
//
// - Node.js 22 and earlier (aws-lambda-ric 3.x, UserFunction.js): `.mjs` is imported, `.cjs`
//   required; a `.js` file is imported when the nearest package.json above it says
//   "type": "module", otherwise required. Errors are named as the runtime names its init errors:
//   a SyntaxError is Runtime.UserCodeSyntaxError, MODULE_NOT_FOUND is Runtime.ImportModuleError.
//   The handler is the export named by the dotted export path.
// - Node.js 24 (aws-lambda-ric 4.x, module-loader.js): every file goes through import(); the
//   handler is looked up on the namespace, then on its default export.
// The nearest package.json is looked for inside the checkout only (rule 2: nothing outside the
// repository is read through a path built from data).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

export type Loaded = { handler: (...args: unknown[]) => unknown } | { failure: string };

function isModuleTypeFolder(root: string, file: string): boolean {
  let folder = dirname(file);
  for (;;) {
    if (folder.endsWith(`${sep}node_modules`)) return false;
    const manifest = join(folder, 'package.json');
    if (existsSync(manifest)) {
      try {
        return (JSON.parse(readFileSync(manifest, 'utf8')) as { type?: unknown }).type === 'module';
      } catch {
        return false; // the runtime warns and ignores an unreadable package.json
      }
    }
    const parent = dirname(folder);
    if (parent === folder || relative(root, parent).startsWith('..')) return false;
    folder = parent;
  }
}

function initErrorReason(error: unknown): string {
  if (error instanceof SyntaxError) return `Runtime.UserCodeSyntaxError: ${error.message}`;
  const e = error as { code?: unknown; name?: unknown; message?: unknown } | undefined;
  if (e && e.code === 'MODULE_NOT_FOUND') return `Runtime.ImportModuleError: ${String(e.message)}`;
  if (e && typeof e === 'object' && typeof e.message === 'string') return `${String(e.name ?? 'Error')}: ${e.message}`;
  return String(error);
}

function find(exportPath: string, from: unknown): unknown {
  return exportPath
    .split('.')
    .reduce<unknown>((nested, key) => (nested ? (nested as Record<string, unknown>)[key] : undefined), from);
}

export async function loadHandler(root: string, file: string, exportName: string, major: number): Promise<Loaded> {
  const path = resolve(root, file);
  const handlerName = `${file.replace(/\.[^./]*$/, '')}.${exportName}`;
  let module: unknown;
  try {
    const ext = extname(path);
    const importIt = major >= 24 || ext === '.mjs' || (ext === '.js' && isModuleTypeFolder(root, path));
    module = importIt ? await import(pathToFileURL(path).href) : createRequire(path)(path);
  } catch (error) {
    return { failure: initErrorReason(error) };
  }
  let handler = find(exportName, module);
  if (!handler && major >= 24 && module && typeof module === 'object' && 'default' in module)
    handler = find(exportName, (module as { default: unknown }).default);
  if (!handler) return { failure: `Runtime.HandlerNotFound: ${handlerName} is undefined or not exported` };
  if (typeof handler !== 'function') return { failure: `Runtime.HandlerNotFound: ${handlerName} is not a function` };
  return { handler: handler as (...args: unknown[]) => unknown };
}
