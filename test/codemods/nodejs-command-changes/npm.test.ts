// npm commands that behave differently under the npm of the target Node.js.
import { describe, expect, it } from 'vitest';
import { BUNDLED_NPM, NPM_CHANGES, npmCrossing } from '../../../src/codemods/nodejs-runtime/commands/npm-changes.js';
import { after, rules, shell } from './helpers.js';

describe('npm majors', () => {
  it('crosses from the npm of the source major to the npm of the target', () => {
    expect(npmCrossing(16, 24)).toEqual({ from: 7, to: 11 });
    expect(npmCrossing(22, 24)).toEqual({ from: 10, to: 11 });
    expect(npmCrossing(20, 22)).toEqual({ from: 9, to: 10 });
    // A major the table lacks reads as the closest one below it.
    expect(npmCrossing(23, 25)).toEqual({ from: BUNDLED_NPM[22]!.first, to: BUNDLED_NPM[24]!.last });
    for (const change of Object.values(NPM_CHANGES))
      expect(change.source).toMatch(
        /^https:\/\/github\.com\/npm\/cli\/blob\/v?[\w.]+\/CHANGELOG\.md#\d+-pre\d-\d{4}-\d{2}-\d{2}$/,
      );
  });
});

describe('npm commands', () => {
  it('rewrites $(npm bin), which npm 9 removed, to the folder it printed', async () => {
    expect((await shell('export PATH="$(npm bin):$PATH" && `npm bin`/eslint .', 18)).line).toBe(
      'export PATH="$(npm root)/.bin:$PATH" && `npm root`/.bin/eslint .',
    );
    // From Node.js 20 (npm 9), `npm bin` was already gone: nothing crosses.
    expect((await shell('$(npm bin)/eslint .', 20)).findings).toEqual([]);
  });

  it('rewrites $$(npm bin) in a Makefile recipe', async () => {
    const { text } = await after({ Makefile: 'lint:\n\t$$(npm bin)/eslint .\n' }, 'Makefile', { sourceVersion: 16 });
    expect(text).toBe('lint:\n\t$$(npm root)/.bin/eslint .\n');
  });

  it('reports removed commands', async () => {
    for (const line of ['npm set-script test "jest"', 'npm bin -g', 'npm access public @scope/pkg']) {
      const { line: kept, findings } = await shell(line, 16);
      expect(kept).toBe(line);
      expect(findings.map((f) => f.severity)).toEqual(['manual']);
    }
    expect(rules((await shell('npm hook ls', 22)).findings)).toEqual(['manual nodejs-commands/npm-hook-removed']);
  });

  it('warns about workspace runs without --if-present (npm 10)', async () => {
    expect(rules((await shell('npm run build --workspaces', 18)).findings)).toEqual([
      'warning nodejs-commands/npm-workspace-missing-script',
    ]);
    expect((await shell('npm run build --workspaces --if-present', 18)).findings).toEqual([]);
    expect((await shell('npm run build -ws', 22)).findings).toEqual([]);
  });

  it('warns about publishing a prerelease without --tag (npm 11)', async () => {
    const pkg = (version: string, extra = {}) => JSON.stringify({ name: 'lib', version, ...extra });
    const publish = async (version: string, line = 'npm publish', extra = {}) =>
      (
        await after(
          {
            'package.json': pkg(version, extra),
            'ci/release.yml': '',
            '.gitlab-ci.yml': `release:\n  script:\n    - ${line}\n`,
          },
          '.gitlab-ci.yml',
          { sourceVersion: 22 },
        )
      ).findings;
    expect(rules(await publish('2.0.0-rc.1'))).toEqual(['warning nodejs-commands/npm-publish-prerelease-tag']);
    expect(await publish('2.0.0')).toEqual([]);
    expect(await publish('2.0.0-rc.1', 'npm publish --tag next')).toEqual([]);
    expect(await publish('2.0.0-rc.1', 'npm publish', { publishConfig: { tag: 'next' } })).toEqual([]);
  });

  it('warns that --ignore-scripts now skips prepare (npm 11)', async () => {
    const files = (prepare: boolean) => ({
      'package.json': JSON.stringify({ name: 'lib', version: '1.0.0', scripts: prepare ? { prepare: 'tsc' } : {} }),
      'buildspec.yml': 'version: 0.2\nphases:\n  build:\n    commands:\n      - npm pack --ignore-scripts\n',
    });
    const withPrepare = await after(files(true), 'buildspec.yml', { sourceVersion: 20 });
    expect(withPrepare.findings.map((f) => [f.line, f.rule])).toEqual([
      [5, 'nodejs-commands/npm-ignore-scripts-prepare'],
    ]);
    expect((await after(files(false), 'buildspec.yml', { sourceVersion: 20 })).findings).toEqual([]);
  });
});
