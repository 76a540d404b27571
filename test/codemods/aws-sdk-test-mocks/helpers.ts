// Shared helpers: an in-memory repository, and one test file converted (twice, to check a second
// run changes nothing).
import { codemod } from '../../../src/codemods/aws-sdk-test-mocks/index.js';
import type { CodemodResult, Finding } from '../../../src/codemods/types.js';
import { memoryRepo } from '../aws-sdk-v2-to-v3/helpers.js';

export { memoryRepo };

export function runOn(files: Record<string, string>): CodemodResult {
  return codemod.run(memoryRepo(files), {}) as CodemodResult;
}

/** Convert one test file; its new text (the input when unchanged) and the findings. Throws when a second run changes it. */
export function convert(text: string, path = 'test/handler.test.js'): { text: string; findings: Finding[] } {
  const first = runOn({ [path]: text });
  const out = first.changes.get(path) ?? text;
  const second = runOn({ [path]: out });
  if (second.changes.has(path)) throw new Error(`a second run changed the output:\n${second.changes.get(path)}`);
  return { text: out, findings: first.findings };
}
