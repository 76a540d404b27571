// Without -t nothing of the repository or the definition runs: no `command` criterion, no
// install scripts, no tests, no build after a phase. Each is reported as not run, naming -t,
// and the run is `partial`. With -t all of them run: the same markers appear.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { execDefinition } from '../../src/executor/index.js';
import { atx, git, makeRepo, projectRoot, tempDir } from '../helpers/cli.js';

const hint = 'not run: pass -t (--trust-all-tools) to allow commands';
const declined = 'not run: declined (pass -t (--trust-all-tools) to allow commands without asking)';

// Every script leaves a marker next to the worktree (in the run's folder), which outlives it.
const pkg = {
  name: 'svc',
  version: '1.0.0',
  private: true,
  engines: { node: '>=18' },
  scripts: {
    preinstall: 'touch ../preinstall-ran',
    postinstall: 'touch ../postinstall-ran',
    test: 'touch ../test-ran',
  },
};
const lock = {
  name: 'svc',
  version: '1.0.0',
  lockfileVersion: 3,
  requires: true,
  packages: { '': { name: 'svc', version: '1.0.0', hasInstallScript: true, engines: { node: '>=18' } } },
};
const markers = ['criterion-ran', 'test-ran', 'preinstall-ran', 'postinstall-ran', 'build-ran'];

function nodeProject(): Promise<string> {
  return makeRepo({
    'package.json': `${JSON.stringify(pkg, null, 2)}\n`,
    'package-lock.json': `${JSON.stringify(lock, null, 2)}\n`,
  });
}

function ran(summary: { planPath: string }): string[] {
  return markers.filter((marker) => existsSync(join(summary.planPath, '..', marker)));
}

async function lockedEngines(repo: string, branch: string): Promise<unknown> {
  return JSON.parse(await git(repo, ['show', `${branch}:package-lock.json`])).packages[''].engines;
}

describe('what runs without -t', () => {
  let env: Record<string, string>;
  beforeAll(async () => {
    env = { ATX_HOME: await tempDir('atx-home-') };
    const sd = join(projectRoot, 'fixtures/exec/trust');
    const published = await atx(['custom', 'def', 'publish', '-n', 'Test/trust', '--description', 't', '--sd', sd], {
      env,
    });
    expect(published.exitCode, published.stderr).toBe(0);
  });

  it('a `command` exit criterion is not run: skipped with the -t hint, the run partial', async () => {
    const repo = await makeRepo({ 'README.md': '# svc\n' });
    const run = await atx(['custom', 'def', 'exec', '-p', repo, '-n', 'Test/trust', '-x', '--json'], { env });
    expect(run.exitCode, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary.status).toBe('partial');
    const [criterion] = summary.exitCriteria;
    expect(criterion.status).toBe('skipped');
    expect(criterion.evidence[0].summary).toBe(`\`touch ../criterion-ran\` ${hint}`);
    expect(ran(summary)).toEqual([]);
  });

  it('no install scripts, tests or phase build run; the lockfile still follows package.json', async () => {
    const repo = await nodeProject();
    const args = [
      'custom',
      'def',
      'exec',
      '-p',
      repo,
      '-n',
      'Test/trust',
      '-c',
      'touch ../build-ran',
      '-g',
      'targetVersion=24',
      '-x',
      '--json',
    ];
    const run = await atx(args, { env });
    expect(run.exitCode, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary.status).toBe('partial');
    expect(summary.steps[0]).toMatchObject({
      status: 'completed',
      filesChanged: ['package-lock.json', 'package.json'],
    });
    expect(ran(summary)).toEqual([]);
    expect(summary.exitCriteria.map((c: { status: string }) => c.status)).toEqual(['skipped', 'skipped']);
    expect(summary.exitCriteria[1].evidence[0].summary).toBe(`\`npm test\` ${hint}`);
    expect(summary.builds).toEqual([]);
    expect(summary.findings).toContainEqual(
      expect.objectContaining({ rule: 'atx/build-not-run', message: `\`touch ../build-ran\` after phase 1 ${hint}` }),
    );
    expect(await lockedEngines(repo, summary.branch)).toEqual({ node: '>=24' });

    // The same run with -t: every one of them runs.
    const trusted = await atx([...args, '-t'], { env });
    expect(trusted.exitCode, trusted.stderr).toBe(0);
    const all = JSON.parse(trusted.stdout);
    expect(all.status).toBe('succeeded');
    expect(ran(all)).toEqual(markers);
    expect(all.exitCriteria.map((c: { status: string }) => c.status)).toEqual(['passed', 'passed']);
    expect(await lockedEngines(repo, all.branch)).toEqual({ node: '>=24' });
  });

  it('an interactive run asks, naming the command and why; a no leaves it unrun', async () => {
    const repo = await nodeProject();
    const questions: string[] = [];
    const summary = await execDefinition(
      {
        codeRepositoryPath: repo,
        transformationName: 'Test/trust',
        buildCommand: 'touch ../build-ran',
        configuration: 'targetVersion=24',
        nonInteractive: false,
        trustAllTools: false,
        doNotLearn: true,
        dryRun: false,
      },
      {
        cwd: repo,
        env: { ...process.env, ...env },
        log: () => undefined,
        ask: async () => 'proceed',
        confirm: async (question) => {
          questions.push(question);
          return false;
        },
      },
    );
    expect(ran(summary)).toEqual([]);
    expect(summary.status).toBe('partial');
    expect(summary.exitCriteria.map((c) => [c.status, c.evidence[0]!.summary])).toEqual([
      ['skipped', `\`touch ../criterion-ran\` ${declined}`],
      ['skipped', `\`npm test\` ${declined}`],
    ]);
    expect(summary.findings).toContainEqual(
      expect.objectContaining({
        rule: 'atx/build-not-run',
        message: `\`touch ../build-ran\` after phase 1 ${declined}`,
      }),
    );
    expect(questions).toEqual([
      expect.stringMatching(/^Run `npm install [^`]*` to update the lockfile after package.json changed/),
      expect.stringMatching(/^Run `touch \.\.\/build-ran` to build after phase 1\?/),
      expect.stringMatching(
        /^Run `touch \.\.\/criterion-ran` to check the exit criterion "The definition's own check passes."\?/,
      ),
      expect.stringMatching(/^Run `npm test` to check the exit criterion "The project's tests pass."\?/),
    ]);
    expect(await lockedEngines(repo, summary.branch!)).toEqual({ node: '>=24' });
  });
});
