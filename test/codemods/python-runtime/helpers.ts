// python-runtime-upgrade on in-memory repositories and fixture folders: every run is checked to
// change nothing on its own output, and findings are compared as `file:line rule severity`.
import { join } from 'node:path';
import { expect } from 'vitest';
import { codemod } from '../../../src/codemods/python-runtime/index.js';
import type { CodemodResult, Finding } from '../../../src/codemods/types.js';
import { applied, fixturesRoot as nodejsFixtures, inlineRepo, repoOf } from '../nodejs-runtime/helpers.js';

export { readTree, repoOf, writeTree } from '../nodejs-runtime/helpers.js';

export const fixturesRoot = join(nodejsFixtures, '../python-runtime');

/** Runs the codemod on `tree`, then again on its output, which must stay as it is. */
export async function runTwice(
  tree: Map<string, string>,
  options: Record<string, unknown> = {},
): Promise<{ result: CodemodResult; tree: Map<string, string> }> {
  const result = await codemod.run(repoOf(tree), options);
  const next = applied(tree, result);
  const again = await codemod.run(repoOf(next), options);
  expect([...again.changes.keys()], 'a second run changes nothing').toEqual([]);
  return { result, tree: next };
}

/** The codemod on a repository of `files` (checked for idempotence). */
export async function upgrade(files: Record<string, string>, options: Record<string, unknown> = {}) {
  return (await runTwice(new Map(Object.entries(files)), options)).result;
}

/** The new text of one file alone in a repository (undefined when it is unchanged), with its findings. */
export async function upgradeFile(path: string, text: string, options: Record<string, unknown> = {}) {
  const result = await upgrade({ [path]: text }, options);
  return { text: result.changes.get(path), findings: brief(result.findings) };
}

/** `file:line rule severity`, one a finding, in the order given; the rule without `python-runtime/`. */
export function brief(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.file}:${f.line} ${f.rule.replace(/^python-runtime\//, '')} ${f.severity}`);
}

export { inlineRepo };
