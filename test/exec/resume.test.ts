// A run killed or interrupted in the middle resumes at its first unfinished step.
import { watch } from 'node:fs';
import { chmod, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { atx, atxBin, git, makeRepo, projectRoot, tempDir } from '../helpers/cli.js';

async function setup() {
  const home = await tempDir('atx-home-');
  const env = { ATX_HOME: home, NO_COLOR: '1' };
  const sd = join(projectRoot, 'fixtures/exec/mechanics');
  expect(
    (await atx(['custom', 'def', 'publish', '-n', 'Test/mechanics', '--description', 'm', '--sd', sd], { env }))
      .exitCode,
  ).toBe(0);
  const repo = await makeRepo({ 'README.md': '# svc\n' });
  return { home, env, repo };
}

/** Waits until the run's state says step `id` is running; returns the run id. */
async function waitForRunningStep(home: string, id: string): Promise<string> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const runs = await readdir(join(home, 'runs')).catch(() => []);
    for (const runId of runs) {
      const text = await readFile(join(home, 'runs', runId, 'state.json'), 'utf8').catch(() => '');
      if (!text) continue;
      const state = JSON.parse(text);
      if (state.steps.find((s: { id: string }) => s.id === id)?.status === 'running') return runId;
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`step ${id} never started`);
}

async function atxCommits(repo: string, branch: string): Promise<string[]> {
  return (await git(repo, ['log', '--format=%s', `main..${branch}`])).split('\n').reverse();
}

describe('resume', () => {
  it('Ctrl-C exits 130 and `atx --resume` finishes without redoing completed steps', async () => {
    const { home, env, repo } = await setup();
    const child = execa(
      'node',
      [atxBin, 'custom', 'def', 'exec', '-p', repo, '-n', 'Test/mechanics', '-x', '-t', '--json'],
      {
        env,
        reject: false,
        stdin: 'ignore',
      },
    );
    const runId = await waitForRunningStep(home, '1.2');
    child.kill('SIGINT');
    const interrupted = await child;
    expect(interrupted.exitCode).toBe(130);
    // At once: the running step (a `sleep 2`) is stopped, not waited for, and runs again on resume.
    expect(interrupted.stderr).toContain(
      'atx: stopping now; the running step is stopped and runs again on `atx --resume`',
    );
    const state = JSON.parse(await readFile(join(home, 'runs', runId, 'state.json'), 'utf8'));
    expect(state.status).toBe('interrupted');
    expect(state.steps.map((s: { status: string }) => s.status)).toEqual(['completed', 'pending', 'pending']);

    const resumed = await atx(['--resume', '--json'], { env });
    expect(resumed.exitCode, resumed.stderr).toBe(0);
    const summary = JSON.parse(resumed.stdout);
    expect(summary.runId).toBe(runId);
    expect(summary.steps.map((s: { status: string }) => s.status)).toEqual(['completed', 'completed', 'completed']);
    expect(await atxCommits(repo, summary.branch)).toEqual([
      'atx: 1.1 Write a.txt.',
      'atx: 1.2 Wait a little, then write b.txt.',
      'atx: 2.1 Write c.txt.',
    ]);
  });

  it('a killed run resumes with --conversation-id and applies each step once', async () => {
    const { home, env, repo } = await setup();
    const child = execa('node', [atxBin, 'custom', 'def', 'exec', '-p', repo, '-n', 'Test/mechanics', '-x', '-t'], {
      env,
      reject: false,
      stdin: 'ignore',
      detached: true,
    });
    const runId = await waitForRunningStep(home, '1.2');
    process.kill(-child.pid!, 'SIGKILL'); // the whole process group, as a CI runner's kill would
    await child;

    const resumed = await atx(['--conversation-id', runId, '--json'], { env });
    expect(resumed.exitCode, resumed.stderr).toBe(0);
    const summary = JSON.parse(resumed.stdout);
    expect(await atxCommits(repo, summary.branch)).toEqual([
      'atx: 1.1 Write a.txt.',
      'atx: 1.2 Wait a little, then write b.txt.',
      'atx: 2.1 Write c.txt.',
    ]);
    expect(await git(repo, ['show', `${summary.branch}:b.txt`])).toBe('b');
    // Nothing is left to resume.
    expect((await atx(['--resume'], { env })).exitCode).toBe(2);
  });

  it('a run started without -t resumes with its commands only when --resume is given -t', async () => {
    const { home, env, repo } = await setup();
    const child = execa('node', [atxBin, 'custom', 'def', 'exec', '-p', repo, '-n', 'Test/mechanics', '-x', '-t'], {
      env,
      reject: false,
      stdin: 'ignore',
    });
    const runId = await waitForRunningStep(home, '1.2');
    child.kill('SIGINT');
    expect((await child).exitCode).toBe(130);
    // As if the run had been started without -t.
    const statePath = join(home, 'runs', runId, 'state.json');
    const state = JSON.parse(await readFile(statePath, 'utf8'));
    state.options.trustAllTools = false;
    await writeFile(statePath, JSON.stringify(state));

    const resumed = await atx(['--resume', '-t', '--json'], { env });
    expect(resumed.exitCode, resumed.stderr).toBe(0);
    const summary = JSON.parse(resumed.stdout);
    expect(summary.steps.map((s: { status: string }) => s.status)).toEqual(['completed', 'completed', 'completed']);
    expect(JSON.parse(await readFile(statePath, 'utf8')).options.trustAllTools).toBe(true);
  });
  it('SIGTERM (a CI runner stopping the job) stops like Ctrl-C: exit 130, the running step left pending, resumable', async () => {
    const { home, env, repo } = await setup();
    const child = execa(
      'node',
      [atxBin, 'custom', 'def', 'exec', '-p', repo, '-n', 'Test/mechanics', '-x', '-t', '--json'],
      { env, reject: false, stdin: 'ignore' },
    );
    const runId = await waitForRunningStep(home, '1.2');
    child.kill('SIGTERM');
    const stopped = await child;
    expect(stopped.exitCode).toBe(130);
    expect(JSON.parse(stopped.stdout)).toMatchObject({ status: 'error', runId, error: { code: 130 } });
    const state = JSON.parse(await readFile(join(home, 'runs', runId, 'state.json'), 'utf8'));
    expect(state.status).toBe('interrupted');
    expect(state.steps.map((s: { status: string }) => s.status)).toEqual(['completed', 'pending', 'pending']);

    const resumed = await atx(['--resume', '--json'], { env });
    expect(resumed.exitCode, resumed.stderr).toBe(0);
    expect(await atxCommits(repo, JSON.parse(resumed.stdout).branch)).toEqual([
      'atx: 1.1 Write a.txt.',
      'atx: 1.2 Wait a little, then write b.txt.',
      'atx: 2.1 Write c.txt.',
    ]);
  });

  it("killed between a step's commit and its checkpoint, the resumed run keeps that commit and does not apply the step again", async () => {
    const { home, env, repo } = await setup();
    // git as atx runs it, except that the atx process that made step 1.1's commit is killed
    // (kill -9) the moment the commit exists: before atx can write its checkpoint.
    const bin = await tempDir('atx-fake-git-');
    const realGit = (await execa('sh', ['-c', 'command -v git'])).stdout.trim();
    await writeFile(
      join(bin, 'git'),
      `#!/bin/sh\n"${realGit}" "$@"\nstatus=$?\ncase "$*" in *"Atx-Step: 1.1"*) kill -9 $PPID ;; esac\nexit $status\n`,
    );
    await chmod(join(bin, 'git'), 0o755);
    const killed = await execa(
      'node',
      [atxBin, 'custom', 'def', 'exec', '-p', repo, '-n', 'Test/mechanics', '-x', '-t'],
      {
        env: { ...env, PATH: `${bin}:${process.env.PATH}` },
        reject: false,
        stdin: 'ignore',
      },
    );
    expect(killed.signal).toBe('SIGKILL');
    const [runId] = await readdir(join(home, 'runs'));
    const before = JSON.parse(await readFile(join(home, 'runs', runId!, 'state.json'), 'utf8'));
    // The checkpoint still says the step is running; the branch already holds its commit.
    expect(before.steps.map((s: { status: string }) => s.status)).toEqual(['running', 'pending', 'pending']);
    expect(await atxCommits(repo, before.branch)).toEqual(['atx: 1.1 Write a.txt.']);
    const killedCommit = await git(repo, ['rev-parse', before.branch]);

    const resumed = await atx(['--conversation-id', runId!, '--json'], { env });
    expect(resumed.exitCode, resumed.stderr).toBe(0);
    const summary = JSON.parse(resumed.stdout);
    expect(summary.steps.map((s: { status: string }) => s.status)).toEqual(['completed', 'completed', 'completed']);
    expect(summary.steps[0].commit).toBe(killedCommit);
    expect(resumed.stderr).not.toContain('1.1 Write a.txt.');
    expect(resumed.stderr).toContain('▸ 2/3 1.2 Wait a little, then write b.txt.');
    expect(await atxCommits(repo, summary.branch)).toEqual([
      'atx: 1.1 Write a.txt.',
      'atx: 1.2 Wait a little, then write b.txt.',
      'atx: 2.1 Write c.txt.',
    ]);
  });

  it('killed while a codemod writes its files, the resumed run drops the half-written step and applies it whole, once', async () => {
    const home = await tempDir('atx-home-');
    const env = { ATX_HOME: home, NO_COLOR: '1' };
    const n = 300;
    const handler = (i: number) =>
      `exports.handler = (event, context, callback) => {\n  callback(null, { n: 'f${i}', v: event.v });\n};\n`;
    const converted = (i: number) =>
      `exports.handler = async (event, context) => {\n  return { n: 'f${i}', v: event.v };\n};\n`;
    const name = (i: number) => `src/f${String(i).padStart(3, '0')}.js`;
    const repo = await makeRepo(Object.fromEntries(Array.from({ length: n }, (_, i) => [name(i), handler(i)])));
    const child = execa(
      'node',
      [atxBin, 'custom', 'def', 'exec', '-p', repo, '-n', 'AWS/nodejs-lambda-callback-to-async', '-x'],
      {
        env,
        reject: false,
        stdin: 'ignore',
        detached: true,
      },
    );
    const runId = await waitForRunningStep(home, '1.1');
    const state = JSON.parse(await readFile(join(home, 'runs', runId, 'state.json'), 'utf8'));
    const src = join(state.worktree, state.scope, 'src');
    // File events in the worktree's src/ are the codemod's writes (a temporary file, then a
    // rename onto the handler): kill after a few dozen of them, in the middle of the writes.
    await new Promise<void>((resolve) => {
      let events = 0;
      const watcher = watch(src, () => {
        if (++events < 40) return;
        watcher.close();
        process.kill(-child.pid!, 'SIGKILL');
        resolve();
      });
    });
    await child;
    const texts = await Promise.all(
      Array.from({ length: n }, (_, i) =>
        readFile(join(src, `f${String(i).padStart(3, '0')}.js`), 'utf8').catch(() => ''),
      ),
    );
    const written = texts.filter((text, i) => text === converted(i)).length;
    // Caught in the middle: some files written, not all (and none is a mix of old and new bytes).
    expect(written).toBeGreaterThan(0);
    expect(written).toBeLessThan(n);
    expect(texts.every((text, i) => text === converted(i) || text === handler(i))).toBe(true);
    expect(await git(repo, ['log', '--format=%s', `main..${state.branch}`])).toBe('');

    const resumed = await atx(['--conversation-id', runId, '--json'], { env });
    expect(resumed.exitCode, resumed.stderr).toBe(0);
    const summary = JSON.parse(resumed.stdout);
    expect(summary.steps[0]).toMatchObject({ id: '1.1', status: 'completed' });
    expect(summary.steps[0].filesChanged).toHaveLength(n);
    expect(await atxCommits(repo, summary.branch)).toEqual([`atx: 1.1 ${summary.steps[0].title}`]);
    // Exactly the converted handlers, and nothing else (no temporary file of the killed writes).
    expect((await git(repo, ['ls-tree', '-r', '--name-only', summary.branch])).split('\n')).toEqual(
      Array.from({ length: n }, (_, i) => name(i)),
    );
    for (const i of [0, 150, n - 1])
      expect(`${await git(repo, ['show', `${summary.branch}:${name(i)}`])}\n`).toBe(converted(i));
  });
});
