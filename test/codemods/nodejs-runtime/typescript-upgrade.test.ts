// typescript-upgrade: the TypeScript devDependency is raised, as its own step, to the lowest
// release that reads what the target brings; the runtime upgrade after it then moves @types/node
// all the way. Without the step, @types/node stays capped and the finding says what to raise.
import { describe, expect, it } from 'vitest';
import { codemod as runtimeUpgrade } from '../../../src/codemods/nodejs-runtime/index.js';
import { codemod as typescriptUpgrade } from '../../../src/codemods/nodejs-runtime/typescript-upgrade.js';
import { raiseRange } from '../../../src/codemods/nodejs-runtime/typescript-raise.js';
import { inlineRepo } from './helpers.js';

const manifest = (devDependencies: string) =>
  `{\n    "name": "orders",\n    "devDependencies": {\n        "@types/node": "^16.18.0",\n${devDependencies}\n    }\n}\n`;
const lock = (typescript: string) =>
  JSON.stringify({ lockfileVersion: 3, packages: { 'node_modules/typescript': { version: typescript } } }, null, 2);

describe('typescript-upgrade', () => {
  it('raises typescript to the lowest release that reads @types/node 24, keeping the range form and the file formatting', async () => {
    const files = {
      'package.json': manifest('        "typescript": "^4.9.5"'),
      'package-lock.json': lock('4.9.5'),
    };
    const result = await typescriptUpgrade.run(inlineRepo(files), { targetVersion: 24 });
    expect(result.changes.get('package.json')).toBe(manifest('        "typescript": "^5.6.3"'));
    expect(result.findings).toEqual([
      {
        file: 'package.json',
        line: 5,
        rule: 'nodejs-runtime/typescript-raised',
        message:
          'typescript "^4.9.5" → "^5.6.3": @types/node "^24.0.0" (Node.js 24) needs TypeScript 5.6 or later and the project has TypeScript 4.9.5 (package-lock.json). A newer compiler can report errors the old one did not: the type-check compares with the start',
        severity: 'warning',
      },
    ]);
  });

  it('takes the most demanding need: @tsconfig/node24 needs TypeScript 5.9', async () => {
    const text = `{"devDependencies": {"@tsconfig/node20": "^20.1.4", "typescript": "~5.4.5"}}`;
    const result = await typescriptUpgrade.run(inlineRepo({ 'package.json': text }), { targetVersion: 24 });
    expect(result.changes.get('package.json')).toBe(
      `{"devDependencies": {"@tsconfig/node20": "^20.1.4", "typescript": "~5.9.3"}}`,
    );
    expect(result.findings[0].message).toContain('@tsconfig/node24 (its lib and target options) needs TypeScript 5.9');
  });

  it('changes nothing when the project TypeScript already reads the target types, or declares none', async () => {
    const ok = await typescriptUpgrade.run(
      inlineRepo({ 'package.json': manifest('        "typescript": "^5.0.0"'), 'package-lock.json': lock('5.8.3') }),
      { targetVersion: 24 },
    );
    expect(ok).toEqual({ changes: new Map(), findings: [] });
    const none = await typescriptUpgrade.run(
      inlineRepo({ 'package.json': '{"devDependencies": {"@types/node": "^16"}}' }),
      {},
    );
    expect(none.changes.size).toBe(0);
  });

  it('names the installed tools whose TypeScript peer range shuts out the raised compiler (npm lockfile)', async () => {
    const lockfile = JSON.stringify({
      lockfileVersion: 3,
      packages: {
        '': {},
        'node_modules/typescript': { version: '4.9.5' },
        'node_modules/ts-jest': { version: '26.5.6', peerDependencies: { jest: '>=26 <27', typescript: '>=3.8 <5.0' } },
        'node_modules/ts-node': { version: '10.9.2', peerDependencies: { typescript: '>=2.7' } },
        'node_modules/a/node_modules/ts-jest': { version: '25.0.0', peerDependencies: { typescript: '<4' } },
      },
    });
    const files = { 'package.json': manifest('        "typescript": "^4.9.5"'), 'package-lock.json': lockfile };
    const result = await typescriptUpgrade.run(inlineRepo(files), { targetVersion: 24 });
    expect(result.findings[1]).toEqual({
      file: 'package.json',
      line: 5,
      rule: 'nodejs-runtime/typescript-peers',
      message:
        'TypeScript 5.6.3 is outside the TypeScript range these installed packages accept (package-lock.json): ts-jest 26.5.6 (>=3.8 <5.0); raise them with it, or the install reports a peer conflict',
      severity: 'manual',
    });
  });

  it('reports a compound range instead of rewriting it', async () => {
    const text = `{"devDependencies": {"@types/node": "^18", "typescript": ">=4.2 <5"}}`;
    const result = await typescriptUpgrade.run(inlineRepo({ 'package.json': text }), { targetVersion: 24 });
    expect(result.changes.size).toBe(0);
    expect(result.findings[0]).toMatchObject({
      line: 1,
      rule: 'nodejs-runtime/typescript-not-raised',
      severity: 'manual',
    });
    expect(result.findings[0].message).toContain('set typescript to 5.6 or later by hand');
  });

  it('as its own step before the runtime upgrade lets @types/node reach the target (the stale lockfile gives way to the raised range)', async () => {
    const files: Record<string, string> = {
      'package.json': manifest('        "typescript": "^4.9.5"'),
      'package-lock.json': lock('4.9.5'),
    };
    // Without the step: capped, and the finding says what to raise.
    const capped = await runtimeUpgrade.run(inlineRepo(files), { targetVersion: 24 });
    expect(capped.changes.has('package.json')).toBe(false);
    expect(capped.findings.find((f) => f.rule === 'nodejs-runtime/types-node-needs-typescript')).toMatchObject({
      file: 'package.json',
      line: 4,
      message: expect.stringContaining(
        '@types/node stays "^16.18.0". Upgrade TypeScript to 5.6 or later, then set @types/node to Node.js 24',
      ),
    });
    // With it: one change (its own commit), then the runtime step reads the raised range.
    const raised = await typescriptUpgrade.run(inlineRepo(files), { targetVersion: 24 });
    expect([...raised.changes.keys()]).toEqual(['package.json']);
    const after = await runtimeUpgrade.run(inlineRepo({ ...files, ...Object.fromEntries(raised.changes) }), {
      targetVersion: 24,
    });
    expect(after.changes.get('package.json')).toBe(
      manifest('        "typescript": "^5.6.3"').replace('"^16.18.0"', '"^24.0.0"'),
    );
    expect(after.findings.filter((f) => f.rule.includes('needs-typescript'))).toEqual([]);
  });
});

describe('raiseRange', () => {
  it.each([
    ['^4.9.5', '5.6.3', '^5.6.3'],
    ['4.9.5', '5.6.3', '5.6.3'],
    ['~4.9', '5.6.3', '~5.6'],
    ['4.x', '5.6.3', '5.x'],
    ['>=4', '5.6.3', '>=5'],
    ['^3.25.0', '4.27.1', '^4.27.1'],
  ])('%s raised to %s is %s', (range, version, expected) => {
    expect(raiseRange(range, version)).toBe(expected);
  });
  it('leaves compound ranges and tags to a person', () => {
    expect(raiseRange('>=4 <5', '5.6.3')).toBeUndefined();
    expect(raiseRange('latest', '5.6.3')).toBeUndefined();
  });
});
