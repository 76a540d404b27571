// Fixture folders: the codemod turns each input tree into its output tree, byte for byte;
// a second run over the output changes nothing.
import { describe, expect, it } from 'vitest';
import { codemod } from '../../../src/codemods/lambda-callback-to-async/index.js';
import type { CodemodResult } from '../../../src/codemods/types.js';
import { fixtureNames, fixtureRepo } from './fixture-tree.js';

// What each fixture must also report, as [rule, file, line].
const EXPECTED_FINDINGS: Record<string, Array<[string, string, number]>> = {
  'unconvertible-left-alone': [
    ['lambda-callback/unconvertible', 'index.js', 2],
    ['lambda-callback/unconvertible', 'index.js', 8],
    ['lambda-callback/unawaited-promise', 'index.js', 19],
  ],
};

describe('lambda-callback-to-async: fixtures', () => {
  const names = fixtureNames();

  it('has at least eight fixture folders', () => {
    expect(names.length).toBeGreaterThanOrEqual(8);
  });

  for (const name of names) {
    it(`${name}: input becomes output; a second run changes no byte`, async () => {
      const input = fixtureRepo(name, 'input');
      const output = fixtureRepo(name, 'output');
      const result = (await codemod.run(input.repo, {})) as CodemodResult;
      const converted = Object.fromEntries(
        Object.entries(input.files).map(([p, t]) => [p, result.changes.get(p) ?? t]),
      );
      expect(converted).toEqual(output.files);
      expect(result.findings.map((f) => [f.rule, f.file, f.line])).toEqual(EXPECTED_FINDINGS[name] ?? []);
      for (const [path, text] of result.changes) expect(text, path).not.toBe(input.files[path]);

      const again = (await codemod.run(output.repo, {})) as CodemodResult;
      expect([...again.changes.keys()]).toEqual([]);
    });
  }
});
