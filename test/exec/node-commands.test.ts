// AWS/nodejs-version-upgrade end to end on a SAM service whose test script passes a folder to
// `node --test`: the plan records the Node.js version declared before the run (18), so the
// commands step, which runs after the runtime rewrite has written 24 everywhere, still knows
// which changes the upgrade crosses.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { atx, git, makeRepo, tempDir } from '../helpers/cli.js';

const pkg = (test: string) =>
  `${JSON.stringify({ name: 'svc', private: true, scripts: { test, build: 'node --experimental-fetch build.js' } }, null, 2)}\n`;

describe('node commands in AWS/nodejs-version-upgrade', () => {
  it('rewrites node --test <folder> for the source the repository declared before the run', async () => {
    const repo = await makeRepo({
      'template.yaml':
        'Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs18.x\n      Handler: index.handler\n',
      'index.js': 'exports.handler = async () => ({ ok: true });\n',
      'package.json': pkg('node --test test/'),
      'test/handler.test.js': "const test = require('node:test');\ntest('ok', () => {});\n",
    });
    const env = { ATX_HOME: await tempDir('atx-home-') };
    const run = await atx(['custom', 'def', 'exec', '-p', repo, '-n', 'AWS/nodejs-version-upgrade', '-x', '--json'], {
      env,
    });
    const summary = JSON.parse(run.stdout);
    const plan = JSON.parse(await readFile(summary.planPath, 'utf8'));
    const step = plan.steps.find((s: any) => s.action?.codemod === 'nodejs-command-changes');
    expect(step.options).toMatchObject({ targetVersion: 24, sourceVersion: 18 });
    expect(
      summary.steps.find((s: any) => s.id === step.id),
      run.stderr,
    ).toMatchObject({ status: 'completed', filesChanged: ['package.json'] });
    // fetch is on by default since 18: from 18 its flag is left as it was.
    expect(await git(repo, ['show', `${summary.branch}:package.json`])).toBe(
      pkg('node --test "test/**/*.test.js"').trimEnd(),
    );
    expect(summary.findings).toContainEqual(
      expect.objectContaining({ file: 'package.json', line: 5, rule: 'nodejs-commands/test-folder', severity: 'info' }),
    );
    expect(summary.findings.filter((f: any) => f.rule === 'nodejs-commands/source-version')).toEqual([]);
  });
});
