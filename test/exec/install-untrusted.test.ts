// Without -t, a step that changes package.json in a Yarn 2+ repository does not run yarn: yarn
// would run the repository's own release (yarnPath) whatever its flags. The lockfile is left as
// it was and reported for a person.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { atx, git, makeRepo, tempDir } from '../helpers/cli.js';

it('a Yarn 2+ repository: the lockfile is not refreshed without -t, and its yarnPath never runs', async () => {
  const home = await tempDir('atx-home-');
  const outside = await tempDir('atx-outside-');
  const marker = join(outside, 'yarn-ran');
  const repo = await makeRepo({
    'package.json': `${JSON.stringify({ name: 'svc', version: '1.0.0', engines: { node: '22.x' } }, null, 2)}\n`,
    'yarn.lock': '# yarn lockfile v1\n',
    '.yarnrc.yml': 'yarnPath: .yarn/releases/yarn.cjs\n',
    '.yarn/releases/yarn.cjs': `require('fs').writeFileSync(${JSON.stringify(marker)}, 'ran');\n`,
    '.nvmrc': '22\n',
  });

  const run = await atx(['custom', 'def', 'exec', '-p', repo, '-n', 'AWS/nodejs-version-upgrade', '-x', '--json'], {
    env: { ATX_HOME: home },
  });

  expect(run.exitCode, run.stderr).toBe(0);
  expect(existsSync(marker), "the repository's yarn ran").toBe(false);
  const summary = JSON.parse(run.stdout);
  expect(summary.findings).toContainEqual(
    expect.objectContaining({
      file: 'yarn.lock',
      rule: 'atx/lockfile-not-updated',
      severity: 'manual',
      message: expect.stringContaining('-t (--trust-all-tools)'),
    }),
  );
  // The change itself is committed; the lockfile is as it was.
  expect(await git(repo, ['show', `${summary.branch}:package.json`])).toContain('"node": "24.x"');
  expect(await git(repo, ['show', `${summary.branch}:yarn.lock`])).toBe('# yarn lockfile v1');
});
