// In-memory repositories for python-removed-features, and the findings of a run reduced to what
// a test compares: file, line, rule and severity.
import { codemod } from '../../../src/codemods/python-removed-features/index.js';
import type { CodemodResult, Finding, RepoView } from '../../../src/codemods/types.js';

export function memoryRepo(files: Record<string, string>): RepoView {
  return {
    files: Object.keys(files).sort(),
    read(path: string) {
      if (!Object.hasOwn(files, path)) throw new Error(`no such file: ${path}`);
      return files[path]!;
    },
  };
}

export async function runOn(
  files: Record<string, string>,
  options: Record<string, unknown> = {},
): Promise<CodemodResult> {
  return codemod.run(memoryRepo(files), options);
}

/** `file:line rule severity`, one a finding, in the order given. */
export const brief = (findings: readonly Finding[]): string[] =>
  findings.map((f) => `${f.file}:${f.line} ${f.rule.replace('python-runtime/', '')} ${f.severity}`);

/** The findings of one file alone in a repository. */
export async function findingsOf(text: string, options: Record<string, unknown> = {}, file = 'app.py') {
  return (await runOn({ [file]: text }, options)).findings;
}
