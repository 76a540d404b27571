// Failures a user or a CI pipeline meets: one line on stderr, the right exit code, one JSON
// document with --json, and nothing changed — for bad input, interrupts, internal errors, a
// repository git cannot branch in, run ids that would be paths, and damaged run states.
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { atx, atxBin, git, makeRepo, projectRoot, snapshot, tempDir } from '../helpers/cli.js';

const mechanics = join(projectRoot, 'fixtures/exec/mechanics');
const stackLine = /^\s+at /m;

async function freshHome(): Promise<{ home: string; env: Record<string, string> }> {
  const home = await tempDir('atx-home-');
  const env = { ATX_HOME: home, NO_COLOR: '1' };
  expect(
    (await atx(['custom', 'def', 'publish', '-n', 'Test/mechanics', '--description', 'm', '--sd', mechanics], { env }))
      .exitCode,
  ).toBe(0);
  return { home, env };
}

/** Starts exec of Test/mechanics and returns once step 1.2 (`sleep 2`) is running. */
async function execInSleepStep(home: string, env: Record<string, string>, repo: string, extra: string[] = []) {
  const child = execa(
    'node',
    [atxBin, 'custom', 'def', 'exec', '-p', repo, '-n', 'Test/mechanics', '-x', '-t', ...extra],
    { env, reject: false, stdin: 'ignore' },
  );
  const deadline = Date.now() + 30_000;
  for (;;) {
    for (const id of await readdir(join(home, 'runs')).catch(() => [] as string[])) {
      const state = JSON.parse(await readFile(join(home, 'runs', id, 'state.json'), 'utf8').catch(() => '{}'));
      if (state.steps?.find((s: { id: string }) => s.id === '1.2')?.status === 'running') return { child, runId: id };
    }
    if (Date.now() > deadline) throw new Error('step 1.2 never started');
    await new Promise((r) => setTimeout(r, 25));
  }
}

function oneErrorLine(stderr: string): string {
  const lines = stderr
    .trim()
    .split('\n')
    .filter((l) => l.startsWith('atx: '));
  expect(lines).toHaveLength(1);
  expect(stderr).not.toMatch(stackLine);
  return lines[0]!;
}

describe('--json prints exactly one JSON document, also on failure', () => {
  let env: Record<string, string>;
  let home: string;
  beforeAll(async () => {
    ({ home, env } = await freshHome());
  });

  it('exec with an unknown definition: exit 2 and the error document', async () => {
    const repo = await makeRepo({ 'README.md': '# svc\n' });
    const run = await atx(['custom', 'def', 'exec', '-p', repo, '-n', 'Nope/missing', '-x', '--json'], { env });
    expect(run.exitCode).toBe(2);
    expect(JSON.parse(run.stdout)).toEqual({
      status: 'error',
      error: { code: 2, message: expect.stringContaining('Nope/missing') },
    });
    oneErrorLine(run.stderr);
  });

  it('an unknown flag: exit 2 and the error document', async () => {
    const run = await atx(['custom', 'def', 'exec', '--no-such-flag', '--json'], { env });
    expect(run.exitCode).toBe(2);
    expect(JSON.parse(run.stdout)).toMatchObject({
      status: 'error',
      error: { code: 2, message: expect.stringContaining('--no-such-flag') },
    });
  });

  it('Ctrl-C during a step: exit 130 and the error document naming the run', async () => {
    const repo = await makeRepo({ 'README.md': '# svc\n' });
    const { child, runId } = await execInSleepStep(home, env, repo, ['--json']);
    child.kill('SIGINT');
    const run = await child;
    expect(run.exitCode).toBe(130);
    expect(JSON.parse(String(run.stdout))).toEqual({
      status: 'error',
      runId,
      error: { code: 130, message: expect.stringContaining('atx --resume') },
    });
  });

  it('an internal error: one line without a stack trace (exit 1), the stack only with ATX_DEBUG=1', async () => {
    // ATX_HOME is a file: every read under it fails in a way atx does not expect.
    const file = join(await tempDir(), 'not-a-folder');
    await writeFile(file, '');
    const run = await atx(['custom', 'def', 'list', '--json'], { env: { ATX_HOME: file } });
    expect(run.exitCode).toBe(1);
    expect(oneErrorLine(run.stderr)).toMatch(/ENOTDIR/);
    expect(JSON.parse(run.stdout)).toEqual({
      status: 'error',
      error: { code: 1, message: expect.stringMatching(/ENOTDIR/) },
    });

    const debug = await atx(['custom', 'def', 'list', '--json'], { env: { ATX_HOME: file, ATX_DEBUG: '1' } });
    expect(debug.exitCode).toBe(1);
    expect(debug.stderr).toMatch(stackLine);
    expect(JSON.parse(debug.stdout).error.code).toBe(1);
  });
});

describe('bad input is refused with exit 2 and leaves nothing behind', () => {
  let env: Record<string, string>;
  let home: string;
  beforeAll(async () => {
    ({ home, env } = await freshHome());
  });

  it('a repository with a local branch named "atx"', async () => {
    const repo = await makeRepo({ 'README.md': '# svc\n' });
    await git(repo, ['branch', 'atx']);
    const before = await snapshot(repo);
    const run = await atx(['custom', 'def', 'exec', '-p', repo, '-n', 'Test/mechanics', '-x', '-t'], { env });
    expect(run.exitCode).toBe(2);
    expect(oneErrorLine(run.stderr)).toMatch(/branch named "atx".*git branch -m atx/);
    expect(await snapshot(repo)).toEqual(before);
    expect((await git(repo, ['branch', '--format=%(refname:short)'])).split('\n').sort()).toEqual(['atx', 'main']);
    expect((await git(repo, ['worktree', 'list'])).split('\n')).toHaveLength(1);
    expect(await readdir(join(home, 'runs')).catch(() => [])).toEqual([]);
  });

  it('run ids that are empty or would be paths', async () => {
    for (const id of ['', '..', '../outside', 'a/b', '.git']) {
      const run = await atx(['--conversation-id', id, '--json'], { env });
      expect(run.exitCode, id).toBe(2);
      expect(JSON.parse(run.stdout).error.message).toMatch(/refusing run or conversation id/);
    }
    expect(existsSync(join(home, '..', 'outside'))).toBe(false);
  });

  it('a target Node.js version that is not a Lambda runtime, from -g or a file', async () => {
    const repo = await makeRepo({ 'package.json': '{ "name": "svc", "engines": { "node": ">=18" } }\n' });
    const before = await snapshot(repo);
    const config = join(await tempDir(), 'config.yaml');
    await writeFile(config, 'targetVersion: 99\n');
    for (const g of [
      'targetVersion=99',
      `file://${config}`,
      'additionalPlanContext=The target Node.js version is 23',
    ]) {
      const run = await atx(['custom', 'def', 'exec', '-p', repo, '-n', 'AWS/nodejs-version-upgrade', '-x', '-g', g], {
        env,
      });
      expect(run.exitCode, g).toBe(2);
      expect(oneErrorLine(run.stderr)).toMatch(
        /is not a Lambda Node\.js runtime; use one of 10, 12, 14, 16, 18, 20, 22, 24/,
      );
    }
    expect(await snapshot(repo)).toEqual(before);
    expect((await git(repo, ['branch'])).trim()).toBe('* main');
    expect(await readdir(join(home, 'runs')).catch(() => [])).toEqual([]);
    // A valid target still plans; a Java definition's target is a Java version, not a Node.js one.
    expect(
      (
        await atx(
          [
            'custom',
            'def',
            'exec',
            '-p',
            repo,
            '-n',
            'AWS/nodejs-version-upgrade',
            '-x',
            '--dry-run',
            '-g',
            'targetVersion=22',
          ],
          { env },
        )
      ).exitCode,
    ).not.toBe(2);
    const java = await atx(
      [
        'custom',
        'def',
        'exec',
        '-p',
        repo,
        '-n',
        'AWS/java-version-upgrade',
        '-x',
        '--dry-run',
        '-g',
        'targetVersion=21',
      ],
      { env },
    );
    expect(java.exitCode, java.stderr).not.toBe(2);
  });
});

describe('a damaged run state', () => {
  it('naming another folder as its worktree: resume and cleanup refuse to reset or remove it', async () => {
    const { home, env } = await freshHome();
    const repo = await makeRepo({ 'README.md': '# svc\n' });
    const { child, runId } = await execInSleepStep(home, env, repo);
    child.kill('SIGINT');
    expect((await child).exitCode).toBe(130);

    // The person's own checkout, with work not yet committed: a reset there would lose it.
    const victim = repo;
    await writeFile(join(victim, 'README.md'), '# svc, edited, not committed\n');
    await writeFile(join(victim, 'draft.txt'), 'untracked\n');
    const victimBefore = await snapshot(victim);
    const statePath = join(home, 'runs', runId, 'state.json');
    const state = JSON.parse(await readFile(statePath, 'utf8'));
    await writeFile(statePath, JSON.stringify({ ...state, worktree: victim }));

    const resumed = await atx(['--conversation-id', runId, '--json'], { env });
    expect(await snapshot(victim)).toEqual(victimBefore);
    expect(resumed.exitCode).toBe(2);
    expect(JSON.parse(resumed.stdout)).toMatchObject({
      status: 'error',
      error: { code: 2, message: expect.stringMatching(/damaged.*not the run's own folder/) },
    });

    const cleanup = await atx(['custom', 'def', 'cleanup', '--json'], { env });
    expect(cleanup.exitCode, cleanup.stderr + cleanup.stdout).toBe(0);
    const [cleaned] = JSON.parse(cleanup.stdout).cleaned;
    // The run's own worktree goes; its branch holds step 1.1's commit, so it stays.
    expect(cleaned).toMatchObject({
      runId,
      found: 'damaged state',
      worktreeRemoved: true,
      branchKept: { branch: `atx/mechanics-${runId}` },
    });
    expect(existsSync(join(home, 'runs', runId, 'worktree'))).toBe(false);
    expect(await git(repo, ['log', '--format=%s', `atx/mechanics-${runId}`, '-1'])).toBe('atx: 1.1 Write a.txt.');
    expect(await snapshot(victim)).toEqual(victimBefore);
  });
});
