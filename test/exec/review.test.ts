// Interactive plan review and --dry-run, driven in-process through the executor's own entry point.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { execDefinition } from '../../src/executor/index.js';
import { atx, git, makeRepo, projectRoot, tempDir } from '../helpers/cli.js';

async function setup() {
  const env = { ...process.env, ATX_HOME: await tempDir('atx-home-') };
  const sd = join(projectRoot, 'fixtures/exec/mechanics');
  expect(
    (
      await atx(['custom', 'def', 'publish', '-n', 'Test/mechanics', '--description', 'm', '--sd', sd], {
        env: { ATX_HOME: env.ATX_HOME },
      })
    ).exitCode,
  ).toBe(0);
  return env;
}

const request = {
  transformationName: 'Test/mechanics',
  nonInteractive: false,
  trustAllTools: true,
  doNotLearn: true,
  dryRun: false,
};

describe('plan review', () => {
  it('takes feedback until the person says to proceed, and runs the plan as changed', async () => {
    const env = await setup();
    const repo = await makeRepo({ 'README.md': '# svc\n' });
    const answers = ['skip step 2', 'also run echo lint > lint.txt', 'make it nicer', 'looks good, proceed'];
    const asked: string[] = [];
    const log: string[] = [];
    const summary = await execDefinition(
      { ...request, codeRepositoryPath: repo },
      { cwd: repo, env, log: (line) => log.push(line), ask: async (q) => (asked.push(q), answers.shift()!) },
    );
    expect(asked).toHaveLength(4);
    expect(log.join('\n')).toMatch(/I did not understand/);
    expect(summary.steps.map((s) => `${s.id}:${s.status}`)).toEqual([
      '1.1:completed',
      '1.2:skipped',
      '2.1:completed',
      'extra.1:completed',
    ]);
    expect(summary.steps[1].reason).toBe('skipped at plan review');
    expect((await git(repo, ['diff', '--name-only', summary.baseCommit, summary.branch!])).split('\n')).toEqual([
      'a.txt',
      'c.txt',
      'lint.txt',
    ]);
  });

  it('--dry-run shows the diff and makes no branch and no commit', async () => {
    const env = await setup();
    const repo = await makeRepo({
      'template.yaml':
        'Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x # pinned\n      Handler: index.handler\n',
      'index.js': 'exports.handler = (event, context, callback) => { callback(null, event.n * 2); };\n',
    });
    const run = await atx(['custom', 'def', 'exec', '-p', repo, '-n', 'AWS/nodejs-version-upgrade', '--dry-run'], {
      env: { ATX_HOME: env.ATX_HOME },
    });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toContain('-      Runtime: nodejs22.x # pinned\n+      Runtime: nodejs24.x # pinned');
    expect(run.stdout).toContain('+exports.handler = async (event, context) => { return event.n * 2; };');
    expect(await git(repo, ['branch', '--list'])).toBe('* main');
    expect(await git(repo, ['worktree', 'list', '--porcelain'])).not.toMatch(/atx-home/);

    // With an uncommitted edit, the dry run shows what a run would do: from HEAD, without the edit.
    await writeFile(join(repo, 'index.js'), 'exports.handler = async () => 42;\n');
    const dirty = await atx(
      ['custom', 'def', 'exec', '-p', repo, '-n', 'AWS/nodejs-version-upgrade', '--dry-run', '--json'],
      { env: { ATX_HOME: env.ATX_HOME } },
    );
    const summary = JSON.parse(dirty.stdout);
    expect(summary.diff).toContain('+exports.handler = async (event, context) => { return event.n * 2; };');
    expect(summary.findings.map((f: { rule: string }) => f.rule)).toContain('atx/uncommitted-change');
    expect(await readFile(join(repo, 'index.js'), 'utf8')).toBe('exports.handler = async () => 42;\n');
    expect(await git(repo, ['worktree', 'list', '--porcelain'])).not.toMatch(/atx-home/);
  });
});
