// Compiles the TypeScript a child process needs into plain JavaScript, once, so the
// multi-process tests can start real `node` processes without a TypeScript loader.
// The output goes under test/registry/ so bare imports still find the repository's node_modules.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ts } from 'ts-morph';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** Transpiles `entry` and every file it reaches by relative import; returns the output folder and the entry's .js path. */
export async function buildForChild(
  entry: string,
): Promise<{ outDir: string; script: string; cleanup: () => Promise<void> }> {
  const outDir = await mkdtemp(join(repoRoot, 'test', 'registry', '.build-'));
  const pending = [resolve(entry)];
  const done = new Set<string>();
  while (pending.length) {
    const file = pending.pop()!;
    if (done.has(file)) continue;
    done.add(file);
    const source = await readFile(file, 'utf8');
    for (const imported of ts.preProcessFile(source, true, true).importedFiles) {
      if (/^\.{1,2}\//.test(imported.fileName))
        pending.push(resolve(dirname(file), imported.fileName.replace(/\.js$/, '.ts').replace(/\.cjs$/, '.cts')));
    }
    // A .cts file (src/util/typescript.cts) is a CommonJS module.
    const commonJs = file.endsWith('.cts');
    const { outputText } = ts.transpileModule(source, {
      fileName: file,
      compilerOptions: {
        module: commonJs ? ts.ModuleKind.CommonJS : ts.ModuleKind.ESNext,
        target: ts.ScriptTarget.ES2022,
      },
    });
    const target = join(outDir, relative(repoRoot, file))
      .replace(/\.ts$/, '.js')
      .replace(/\.cts$/, '.cjs');
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, outputText);
  }
  const script = join(outDir, relative(repoRoot, resolve(entry))).replace(/\.ts$/, '.js');
  return { outDir, script, cleanup: () => rm(outDir, { recursive: true, force: true }) };
}
