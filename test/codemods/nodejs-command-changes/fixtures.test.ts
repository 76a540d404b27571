// Realistic repositories: input → codemod → output compared byte for byte, the findings compared
// with the reviewed list (file, line, severity, rule), then a second run changes nothing.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { codemod } from '../../../src/codemods/nodejs-runtime/commands/index.js';
import { readTree, runOn, writeTree } from '../nodejs-runtime/helpers.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../../fixtures/nodejs-command-changes');

const cases = {
  /** A SAM service declaring Node.js 20: `node --test <folder>` in scripts, CI and a Makefile. */
  'sam-node-test-folder': {},
  /** A worker image from Node.js 16: flags made default (removed), removed behaviour (reported). */
  'legacy-flags': {},
  /** A workspaces monorepo on Node.js 18 (npm 8): npm 9, 10 and 11 changes its scripts and CI meet. */
  'npm-changes': {},
};

describe('nodejs-command-changes fixtures (target 24)', () => {
  for (const [name, options] of Object.entries(cases)) {
    it(name, async () => {
      const input = readTree(join(root, name, 'input'));
      const { result, tree } = await runOn(codemod, input, { targetVersion: 24, ...options });
      const findings = result.findings.map((f) => `${f.file}:${f.line} ${f.severity} ${f.rule}`);
      const outputDir = join(root, name, 'output');
      const findingsFile = join(root, name, 'findings.json');
      // Regenerate on purpose only (ATX_UPDATE_FIXTURES=1), then review the diff by hand.
      if (process.env.ATX_UPDATE_FIXTURES === '1') {
        writeTree(outputDir, tree);
        writeFileSync(findingsFile, `${JSON.stringify(findings, null, 2)}\n`);
      }
      expect(existsSync(outputDir)).toBe(true);
      expect(Object.fromEntries(tree)).toEqual(Object.fromEntries(readTree(outputDir)));
      expect(findings).toEqual(JSON.parse(readFileSync(findingsFile, 'utf8')));
      expect(result.changes.size).toBeGreaterThan(0);

      const again = await runOn(codemod, tree, { targetVersion: 24, ...options, sourceVersion: 24 });
      expect([...again.result.changes.keys()]).toEqual([]);
      // Run again from the same source as the first time: what was fixed is not fixed twice.
      const replay = await runOn(codemod, tree, { targetVersion: 24, ...options });
      expect([...replay.result.changes.keys()]).toEqual([]);
    });
  }
});
