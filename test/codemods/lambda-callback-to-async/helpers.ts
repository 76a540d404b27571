// Shared helpers: an in-memory RepoView and a one-file conversion for inline before/after cases.
import { codemod } from '../../../src/codemods/lambda-callback-to-async/index.js';
import type { CodemodResult, RepoView } from '../../../src/codemods/types.js';

export function memoryRepo(files: Record<string, string>): RepoView {
  const names = Object.keys(files).sort();
  return {
    files: names,
    read(path: string) {
      const text = files[path];
      if (text === undefined) throw new Error(`no such file: ${path}`);
      return text;
    },
  };
}

export function runOn(files: Record<string, string>, options: Record<string, unknown> = {}): CodemodResult {
  return codemod.run(memoryRepo(files), options) as CodemodResult;
}

/** Converts one file; returns its new text (the input when unchanged) and the findings. */
export function convert(code: string, file = 'src/index.js', extra: Record<string, string> = {}) {
  const result = runOn({ [file]: code, ...extra });
  return { code: result.changes.get(file) ?? code, changed: result.changes.has(file), findings: result.findings };
}
