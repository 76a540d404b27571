// `atx custom def exec` end to end on temporary repositories, through the real binary.
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { atx, git, makeRepo, projectRoot, snapshot, tempDir } from '../helpers/cli.js';

const mechanics = join(projectRoot, 'fixtures/exec/mechanics');

async function freshHome(): Promise<Record<string, string>> {
  const home = await tempDir('atx-home-');
  const env = { ATX_HOME: home, ATX_GIT_COMMITTER_NAME: 'Bot Person', ATX_GIT_COMMITTER_EMAIL: 'bot@example.com' };
  const published = await atx(
    ['custom', 'def', 'publish', '-n', 'Test/mechanics', '--description', 'mechanics', '--sd', mechanics],
    { env },
  );
  expect(published.exitCode, published.stderr).toBe(0);
  return env;
}

describe('exec on a repository', () => {
  let env: Record<string, string>;
  beforeAll(async () => {
    env = await freshHome();
  });

  it('commits each step on a new branch and leaves the user tree byte-identical', async () => {
    const repo = await makeRepo({ 'README.md': '# svc\n', 'src/index.js': 'module.exports = 1;\n' });
    await writeFile(join(repo, 'notes.txt'), 'uncommitted work\n');
    await writeFile(join(repo, 'README.md'), '# svc, being edited\n');
    const before = await snapshot(repo);

    const run = await atx(
      ['custom', 'def', 'exec', '-p', repo, '-n', 'Test/mechanics', '-c', 'true', '-x', '-t', '--json'],
      { env },
    );
    expect(run.exitCode, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary.status).toBe('succeeded');
    expect(summary.baseCommit).toBe(before['<HEAD>']);
    expect(summary.steps.map((s: { status: string }) => s.status)).toEqual(['completed', 'completed', 'completed']);
    expect(summary.exitCriteria.map((c: { status: string }) => c.status)).toEqual(['passed', 'passed']);
    expect(summary.exitCriteria[1].evidence[0]).toMatchObject({ kind: 'command', details: { exitCode: 0 } });
    expect(existsSync(summary.planPath)).toBe(true);
    expect(existsSync(join(summary.planPath, '..', 'summary.md'))).toBe(true);
    // The uncommitted change is reported, not taken, and not lost.
    expect(summary.findings.map((f: { file: string; rule: string }) => `${f.rule} ${f.file}`)).toEqual(
      expect.arrayContaining(['atx/uncommitted-change README.md', 'atx/uncommitted-change notes.txt']),
    );
    expect(await snapshot(repo)).toEqual(before);

    const log = await git(repo, ['log', '--format=%an <%ae>|%s', `${summary.baseCommit}..${summary.branch}`]);
    expect(log.split('\n')).toEqual([
      'Bot Person <bot@example.com>|atx: 2.1 Write c.txt.',
      'Bot Person <bot@example.com>|atx: 1.2 Wait a little, then write b.txt.',
      'Bot Person <bot@example.com>|atx: 1.1 Write a.txt.',
    ]);
    expect(summary.steps[0].commit).toBe((await git(repo, ['rev-parse', `${summary.branch}~2`])).trim());
    expect(summary.steps[0].filesChanged).toEqual(['a.txt']);
    // The committed tree is HEAD plus the three files: the uncommitted edits are not in it.
    expect(await git(repo, ['diff', '--name-only', summary.baseCommit, summary.branch])).toBe('a.txt\nb.txt\nc.txt');
    // The branch can be checked out: atx left no worktree holding it.
    expect(await git(repo, ['worktree', 'list', '--porcelain'])).not.toContain(summary.branch);
  });

  it('fails with exit 1 and evidence when the build command fails', async () => {
    const repo = await makeRepo({ 'README.md': '# svc\n' });
    const run = await atx(
      [
        'custom',
        'def',
        'exec',
        '-p',
        repo,
        '-n',
        'Test/mechanics',
        '-C',
        'echo broken build >&2; exit 3',
        '-x',
        '-t',
        '--json',
      ],
      { env },
    );
    expect(run.exitCode, run.stderr).toBe(1);
    const summary = JSON.parse(run.stdout);
    expect(summary.status).toBe('failed');
    const build = summary.exitCriteria[1];
    expect(build.status).toBe('failed');
    expect(build.evidence[0].details).toMatchObject({ exitCode: 3 });
    expect(JSON.stringify(build.evidence[0].details)).toContain('broken build');
  });

  it('does not run commands without -t in a non-interactive run', async () => {
    const repo = await makeRepo({ 'README.md': '# svc\n' });
    const run = await atx(['custom', 'def', 'exec', '-p', repo, '-n', 'Test/mechanics', '-x', '--json'], { env });
    const summary = JSON.parse(run.stdout);
    expect(summary.steps[0]).toMatchObject({ status: 'skipped', commit: null });
    expect(summary.steps[0].reason).toMatch(/-t/);
    // Nor the definition's `command` criterion: it is not checked, so the run is partial, not failed.
    expect(summary.exitCriteria[0]).toMatchObject({ status: 'skipped' });
    expect(summary.exitCriteria[0].evidence[0].summary).toBe(
      '`test -f c.txt` not run: pass -t (--trust-all-tools) to allow commands',
    );
    expect(summary.status).toBe('partial');
    expect(run.exitCode).toBe(0);
  });

  it('transforms only the named folder of a monorepo and branches in its repository', async () => {
    const repo = await makeRepo({
      'packages/api/package.json': '{ "name": "api" }\n',
      'packages/web/package.json': '{ "name": "web" }\n',
    });
    await writeFile(join(repo, 'packages/api/dirty.txt'), 'not committed\n');
    // A person whose git signs every commit: atx's own commits are not signed.
    const gitconfig = join(await tempDir(), 'gitconfig');
    await writeFile(gitconfig, '[commit]\n\tgpgsign = true\n[gpg]\n\tprogram = false\n');
    const run = await atx(
      ['custom', 'def', 'exec', '-p', join(repo, 'packages/api'), '-n', 'Test/mechanics', '-x', '-t', '--json'],
      { env: { ...env, GIT_CONFIG_GLOBAL: gitconfig } },
    );
    expect(run.exitCode, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout);
    // Paths in the summary are relative to the folder named by -p.
    expect(summary.findings.map((f: { file: string }) => f.file)).toEqual(['dirty.txt']);
    expect(await git(repo, ['diff', '--name-only', summary.baseCommit, summary.branch])).toBe(
      'packages/api/a.txt\npackages/api/b.txt\npackages/api/c.txt',
    );
  });

  it('accepts -g key=value pairs whose values contain commas', async () => {
    const repo = await makeRepo({ 'README.md': '# svc\n' });
    const run = await atx(
      [
        'custom',
        'def',
        'exec',
        '-p',
        repo,
        '-n',
        'Test/mechanics',
        '--dry-run',
        '--json',
        '-g',
        'additionalPlanContext=Keep it small, please, and safe,buildCommand=echo a,b',
      ],
      { env },
    );
    expect(run.exitCode, run.stderr).toBe(0);
    const plan = JSON.parse(await readFile(JSON.parse(run.stdout).planPath, 'utf8'));
    expect(plan.configuration).toMatchObject({
      additionalPlanContext: 'Keep it small, please, and safe',
      buildCommand: 'echo a,b',
    });
  });
});

describe('bad input', () => {
  it('exits 2 with a clear message and changes nothing', async () => {
    const env = await freshHome();
    const repo = await makeRepo({ 'README.md': '# svc\n' });
    const before = await snapshot(repo);
    const notRepo = await tempDir();
    const empty = await tempDir();
    await git(empty, ['init', '-q']);
    const cases: Array<[string[], RegExp]> = [
      [['-p', notRepo, '-n', 'Test/mechanics'], /not a git repository/],
      [['-p', empty, '-n', 'Test/mechanics'], /no commit/],
      [['-p', join(notRepo, 'missing'), '-n', 'Test/mechanics'], /not found/],
      [['-p', repo, '-n', 'Test/nope'], /Test\/nope/],
      [['-p', repo, '-n', 'Test/mechanics', '-g', 'colour=blue'], /configuration/],
      [['-p', repo, '-n', 'Test/mechanics', '-g', 'file://missing.yaml'], /not found/],
      [['-p', repo, '-n', 'Test/mechanics', '--frobnicate'], /unknown option/],
    ];
    for (const [args, message] of cases) {
      const run = await atx(['custom', 'def', 'exec', ...args, '-x', '-t'], { env });
      expect(run.exitCode, `${args.join(' ')}\n${run.stderr}`).toBe(2);
      expect(run.stderr).toMatch(message);
    }
    expect(await snapshot(repo)).toEqual(before);
    expect(await git(repo, ['branch', '--list'])).toBe('* main');
  });
});

describe('dependencies', () => {
  it('brings the lockfile along, in the same commit, when a step changes package.json', async () => {
    const env = { ATX_HOME: await tempDir('atx-home-') };
    const sd = join(projectRoot, 'fixtures/exec/lockfile');
    expect(
      (await atx(['custom', 'def', 'publish', '-n', 'Test/lockfile', '--description', 'l', '--sd', sd], { env }))
        .exitCode,
    ).toBe(0);
    const pkg = { name: 'svc', version: '1.0.0', private: true };
    const lock = {
      name: 'svc',
      version: '1.0.0',
      lockfileVersion: 3,
      requires: true,
      packages: { '': { name: 'svc', version: '1.0.0' } },
    };
    const repo = await makeRepo({
      'package.json': `${JSON.stringify(pkg, null, 2)}\n`,
      'package-lock.json': `${JSON.stringify(lock, null, 2)}\n`,
    });
    const run = await atx(['custom', 'def', 'exec', '-p', repo, '-n', 'Test/lockfile', '-x', '-t', '--json'], { env });
    expect(run.exitCode, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary.steps[0].filesChanged).toEqual(['package-lock.json', 'package.json']);
    expect(JSON.parse(await git(repo, ['show', `${summary.branch}:package-lock.json`])).version).toBe('2.0.0');
  });
});

describe('failing steps', () => {
  it('retries as allowed, skips what depends on the failure, runs the rest, and exits 1', async () => {
    const env = { ATX_HOME: await tempDir('atx-home-') };
    const sd = join(projectRoot, 'fixtures/exec/failing-step');
    expect(
      (await atx(['custom', 'def', 'publish', '-n', 'Test/failing', '--description', 'f', '--sd', sd], { env }))
        .exitCode,
    ).toBe(0);
    const repo = await makeRepo({ 'README.md': '# svc\n' });
    const run = await atx(['custom', 'def', 'exec', '-p', repo, '-n', 'Test/failing', '-x', '-t', '--json'], { env });
    expect(run.exitCode, run.stderr).toBe(1);
    const summary = JSON.parse(run.stdout);
    expect(summary.status).toBe('failed');
    expect(summary.steps[0]).toMatchObject({ id: '1.1', status: 'failed', attempts: 3, commit: null });
    expect(summary.steps[0].reason).toMatch(/exited with 7/);
    expect(summary.steps[1]).toMatchObject({ id: '1.2', status: 'skipped', reason: 'depends on failed step 1.1' });
    expect(summary.steps[2]).toMatchObject({ id: '1.3', status: 'completed', filesChanged: ['independent.txt'] });
    expect(summary.exitCriteria[0].status).toBe('passed');
    // The attempts log lives outside the worktree: the step really ran three times.
    const runDir = join(summary.planPath, '..');
    expect((await readFile(join(runDir, 'attempts.log'), 'utf8')).trim().split('\n')).toHaveLength(3);
    // What the failed step half wrote is gone, not committed under the next step.
    expect(await git(repo, ['diff', '--name-only', summary.baseCommit, summary.branch])).toBe('independent.txt');
  });
});

describe('commit messages', () => {
  it('a step title cut short for the plan gives a subject that ends at a word, and the step in full below it', async () => {
    const env = await freshHome();
    const sd = await tempDir('atx-def-');
    const long =
      'Write the release notes file that the deployment pipeline reads before it promotes a build to production, with the date.';
    const text = (await readFile(join(mechanics, 'transformation_definition.md'), 'utf8')).replace(
      '1. Write a.txt.',
      `1. ${long}`,
    );
    await writeFile(join(sd, 'transformation_definition.md'), text);
    expect(
      (await atx(['custom', 'def', 'publish', '-n', 'Test/long-title', '--description', 'long', '--sd', sd], { env }))
        .exitCode,
    ).toBe(0);
    const repo = await makeRepo({ 'README.md': '# svc\n' });
    const run = await atx(['custom', 'def', 'exec', '-p', repo, '-n', 'Test/long-title', '-x', '-t', '--json'], {
      env,
    });
    expect(run.exitCode, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary.steps[0].title).toMatch(/…$/);
    const [subject, blank, paragraph] = (await git(repo, ['log', '-1', '--format=%B', summary.steps[0].commit])).split(
      '\n',
    );
    expect(subject).toBe(`atx: 1.1 ${summary.steps[0].title.slice(0, -1).trimEnd()}`);
    expect(subject).not.toMatch(/…|[ ,;:]$/);
    expect([blank, paragraph]).toEqual(['', long]);
  });
});
