// Shared helpers: an in-memory RepoView and one-file conversion.
import { codemod } from '../../../src/codemods/aws-sdk-v2-to-v3/index.js';
import type { CodemodResult, RepoView } from '../../../src/codemods/types.js';

export function memoryRepo(files: Record<string, string>): RepoView {
  return {
    files: Object.keys(files).sort(),
    read(path: string) {
      if (!(path in files)) throw new Error(`no such file: ${path}`);
      return files[path];
    },
  };
}

export async function runOn(
  files: Record<string, string>,
  options: Record<string, unknown> = {},
): Promise<CodemodResult> {
  return codemod.run(memoryRepo(files), options);
}

/** Convert one source file; returns its new text (the input when unchanged) and the findings. */
export async function convert(text: string, options: Record<string, unknown> = {}, path = 'src/index.js') {
  const result = await runOn({ [path]: text }, options);
  return { text: result.changes.get(path) ?? text, findings: result.findings };
}

/** Convert, and check a second run changes no byte. */
export async function convertTwice(text: string, options: Record<string, unknown> = {}, path = 'src/index.js') {
  const first = await convert(text, options, path);
  const second = await convert(first.text, options, path);
  if (second.text !== first.text) throw new Error(`second run changed the output:\n${second.text}`);
  return first;
}
