// Each fixture repository: input → codemod → output, compared byte for byte, then run again
// on its own output to prove a second run changes nothing.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codemod } from '../../../src/codemods/nodejs-runtime/index.js';
import { fixturesRoot, readTree, runOn, writeTree } from './helpers.js';

const cases = [
  'sam-yaml',
  'cloudformation-json',
  'serverless',
  'cdk',
  'terraform',
  'dockerfile',
  'version-files',
  'package-json',
  'github-actions',
  'buildspec',
  'mixed',
];

describe('nodejs-runtime-upgrade fixtures (target 24)', () => {
  for (const name of cases) {
    it(name, async () => {
      const input = readTree(join(fixturesRoot, name, 'input'));
      const { result, tree } = await runOn(codemod, input, { targetVersion: 24 });
      const outputDir = join(fixturesRoot, name, 'output');
      // Regenerate on purpose only (ATX_UPDATE_FIXTURES=1), then review the diff by hand.
      if (process.env.ATX_UPDATE_FIXTURES === '1') writeTree(outputDir, tree);
      expect(existsSync(outputDir)).toBe(true);
      expect(Object.fromEntries(tree)).toEqual(Object.fromEntries(readTree(outputDir)));
      expect(result.changes.size).toBeGreaterThan(0);

      const again = await runOn(codemod, tree, { targetVersion: 24 });
      expect([...again.result.changes.keys()]).toEqual([]);
    });
  }
});
