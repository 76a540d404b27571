// Child processes of a test cannot load TypeScript: this compiles a source module and every
// module it imports (relative imports only) into a temporary folder, from the sources as they
// are now, never from a dist/ that may be stale.
import { symlink } from 'node:fs/promises';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { projectRoot, tempDir, writeFiles } from '../helpers/cli.js';

/** Returns the path of the compiled `entry` (e.g. `src/campaign/store.ts`), ready for `import()`. */
export async function compileSources(entry: string): Promise<string> {
  const out = await tempDir('atx-src-');
  const files: Record<string, string> = {};
  const pending = [resolve(projectRoot, entry)];
  const seen = new Set<string>();
  while (pending.length) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = await readFile(file, 'utf8');
    const info = ts.preProcessFile(text, true, true);
    for (const { fileName } of info.importedFiles) {
      if (fileName.startsWith('.'))
        pending.push(resolve(dirname(file), fileName.replace(/\.js$/, '.ts').replace(/\.cjs$/, '.cts')));
    }
    // A .cts file (src/util/typescript.cts) is a CommonJS module.
    const module = file.endsWith('.cts') ? ts.ModuleKind.CommonJS : ts.ModuleKind.ESNext;
    const { outputText } = ts.transpileModule(text, {
      compilerOptions: { module, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false },
      fileName: file,
    });
    files[
      relative(projectRoot, file)
        .replace(/\.ts$/, '.js')
        .replace(/\.cts$/, '.cjs')
    ] = outputText;
  }
  await writeFiles(out, { ...files, 'package.json': '{ "type": "module" }\n' });
  // Packages (zod, proper-lockfile) resolve from the project's node_modules.
  await symlink(join(projectRoot, 'node_modules'), join(out, 'node_modules'));
  return join(out, entry.replace(/\.ts$/, '.js'));
}
