// A run killed or interrupted in the middle resumes at its first unfinished step.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { atx, atxBin, git, makeRepo, projectRoot, tempDir } from '../helpers/cli.js';

async function setup() {
  const home = await tempDir('atx-home-');
  const env = { ATX_HOME: home, NO_COLOR: '1' };
  const sd = join(projectRoot, 'fixtures/exec/mechanics');
  expect((await atx(['custom', 'def', 'publish', '-n', 'Test/mechanics', '--description', 'm', '--sd', sd], { env })).exitCode).toBe(0);
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
    const child = execa('node', [atxBin, 'custom', 'def', 'exec', '-p', repo, '-n', 'Test/mechanics', '-x', '-t', '--json'], {
      env,
      reject: false,
      stdin: 'ignore',
    });
    const runId = await waitForRunningStep(home, '1.2');
    child.kill('SIGINT');
    const interrupted = await child;
    expect(interrupted.exitCode).toBe(130);
    expect(interrupted.stderr).toMatch(/atx --resume/);
    const state = JSON.parse(await readFile(join(home, 'runs', runId, 'state.json'), 'utf8'));
    expect(state.status).toBe('interrupted');
    expect(state.steps.map((s: { status: string }) => s.status)).toEqual(['completed', 'pending', 'pending']);

    const resumed = await atx(['--resume', '--json'], { env });
    expect(resumed.exitCode, resumed.stderr).toBe(0);
    const summary = JSON.parse(resumed.stdout);
    expect(summary.runId).toBe(runId);
    expect(summary.steps.map((s: { status: string }) => s.status)).toEqual(['completed', 'completed', 'completed']);
    expect(await atxCommits(repo, summary.branch)).toEqual(['atx: 1.1 Write a.txt.', 'atx: 1.2 Wait a little, then write b.txt.', 'atx: 2.1 Write c.txt.']);
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
    expect(await atxCommits(repo, summary.branch)).toEqual(['atx: 1.1 Write a.txt.', 'atx: 1.2 Wait a little, then write b.txt.', 'atx: 2.1 Write c.txt.']);
    expect(await git(repo, ['show', `${summary.branch}:b.txt`])).toBe('b');
    // Nothing is left to resume.
    expect((await atx(['--resume'], { env })).exitCode).toBe(2);
  });

  it('a run started without -t resumes with its commands only when --resume is given -t', async () => {
    const { home, env, repo } = await setup();
    const child = execa('node', [atxBin, 'custom', 'def', 'exec', '-p', repo, '-n', 'Test/mechanics', '-x', '-t'], { env, reject: false, stdin: 'ignore' });
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
});
