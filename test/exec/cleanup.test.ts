// A run killed before its first step (while git makes its worktree, or while it plans) leaves a
// worktree and a branch; `atx custom def cleanup` and the next `--resume` take them away, and
// leave alone what can still be resumed.
import { existsSync } from 'node:fs';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { atx, atxBin, git, makeRepo, projectRoot, snapshot, tempDir } from '../helpers/cli.js';

async function setup() {
  const home = await tempDir('atx-home-');
  const env = { ATX_HOME: home, NO_COLOR: '1' };
  const sd = join(projectRoot, 'fixtures/exec/mechanics');
  expect(
    (await atx(['custom', 'def', 'publish', '-n', 'Test/mechanics', '--description', 'm', '--sd', sd], { env }))
      .exitCode,
  ).toBe(0);
  const repo = await makeRepo({
    'README.md': '# svc\n',
    '.gitattributes': 'slow.txt filter=slow\n',
    'slow.txt': 'checked out last\n',
  });
  return { home, env, repo };
}

/**
 * git runs the person's smudge filter (their own config, as LFS sets one up) while it checks out
 * atx's worktree: a filter that waits (while the marker file exists) holds exec in the moment
 * between the worktree and the plan. atx turns hooks off for its git calls, but not filters.
 */
async function slowCheckout(repo: string): Promise<string> {
  const marker = join(await tempDir(), 'slow');
  await writeFile(marker, '');
  await git(repo, ['config', 'filter.slow.smudge', `if [ -f '${marker}' ]; then sleep 60; fi; cat`]);
  return marker;
}

async function runIds(home: string): Promise<string[]> {
  return (await readdir(join(home, 'runs')).catch(() => [] as string[])).sort();
}

/** Starts exec and SIGKILLs it (and git, and the hook) as soon as its worktree folder appears. */
async function killAfterWorktreeAppears(
  home: string,
  repo: string,
  env: Record<string, string>,
  known: string[],
): Promise<string> {
  const child = execa(
    'node',
    [atxBin, 'custom', 'def', 'exec', '-p', repo, '-n', 'Test/mechanics', '-x', '-t', '--json'],
    {
      env,
      reject: false,
      stdin: 'ignore',
      detached: true,
    },
  );
  const deadline = Date.now() + 30_000;
  let runId: string | undefined;
  while (!runId && Date.now() < deadline) {
    for (const id of await runIds(home))
      if (!known.includes(id) && existsSync(join(home, 'runs', id, 'worktree', 'README.md'))) runId = id;
    if (!runId) await new Promise((r) => setTimeout(r, 20));
  }
  process.kill(-child.pid!, 'SIGKILL');
  await child;
  if (!runId) throw new Error('the worktree never appeared');
  return runId;
}

async function branches(repo: string): Promise<string[]> {
  return (await git(repo, ['branch', '--format=%(refname:short)'])).split('\n').filter(Boolean).sort();
}

describe('runs killed before their first step', () => {
  it('cleanup removes their worktree and branch, keeps a resumable run, and --resume then continues that one', async () => {
    const { home, env, repo } = await setup();
    // An interrupted run that can be resumed: cleanup must not touch it.
    const first = execa('node', [atxBin, 'custom', 'def', 'exec', '-p', repo, '-n', 'Test/mechanics', '-x', '-t'], {
      env,
      reject: false,
      stdin: 'ignore',
    });
    const deadline = Date.now() + 30_000;
    let resumable: string | undefined;
    while (!resumable && Date.now() < deadline) {
      for (const id of await runIds(home)) {
        const state = JSON.parse(await readFile(join(home, 'runs', id, 'state.json'), 'utf8').catch(() => '{}'));
        if (state.steps?.find((s: { id: string }) => s.id === '1.2')?.status === 'running') resumable = id;
      }
      await new Promise((r) => setTimeout(r, 25));
    }
    first.kill('SIGINT');
    expect((await first).exitCode).toBe(130);
    const resumableBranch = (await branches(repo)).find((b) => b.endsWith(resumable!))!;

    const marker = await slowCheckout(repo);
    const before = await snapshot(repo);
    const killed = await killAfterWorktreeAppears(home, repo, env, [resumable!]);
    await rm(marker);
    const killedBranch = (await branches(repo)).find((b) => b.endsWith(killed));
    expect(killedBranch).toBeDefined();
    expect(existsSync(join(home, 'runs', killed, 'worktree'))).toBe(true);

    const cleanup = await atx(['custom', 'def', 'cleanup', '--json'], { env });
    expect(cleanup.exitCode, cleanup.stderr).toBe(0);
    const report = JSON.parse(cleanup.stdout);
    expect(report.cleaned).toEqual([
      expect.objectContaining({
        runId: killed,
        found: 'never started',
        worktreeRemoved: true,
        branchDeleted: killedBranch,
      }),
    ]);
    expect(existsSync(join(home, 'runs', killed))).toBe(false);
    expect(await branches(repo)).toEqual(['main', resumableBranch].sort());
    expect(await git(repo, ['worktree', 'list', '--porcelain'])).not.toContain(killed);
    // The person's checkout, index and HEAD are as they were.
    expect(await snapshot(repo)).toEqual(before);
    // A second cleanup finds nothing.
    expect(JSON.parse((await atx(['custom', 'def', 'cleanup', '--json'], { env })).stdout).cleaned).toEqual([]);

    const resumed = await atx(['--resume', '--json'], { env });
    expect(resumed.exitCode, resumed.stderr).toBe(0);
    const summary = JSON.parse(resumed.stdout);
    expect(summary.runId).toBe(resumable);
    expect(summary.steps.map((s: { status: string }) => s.status)).toEqual(['completed', 'completed', 'completed']);
  });

  it('--resume skips a run that never started and takes its worktree and branch away', async () => {
    const { home, env, repo } = await setup();
    const marker = await slowCheckout(repo);
    const before = await snapshot(repo);
    const killed = await killAfterWorktreeAppears(home, repo, env, []);
    await rm(marker);
    expect((await branches(repo)).length).toBe(2);

    const resumed = await atx(['--resume', '--json'], { env });
    expect(resumed.exitCode).toBe(2);
    expect(JSON.parse(resumed.stdout)).toEqual({
      status: 'error',
      error: { code: 2, message: 'there is no interrupted run to resume' },
    });
    expect(resumed.stderr).toContain(
      `run ${killed} (never started): worktree removed; branch atx/mechanics-${killed} deleted`,
    );
    expect(await branches(repo)).toEqual(['main']);
    expect(existsSync(join(home, 'runs', killed))).toBe(false);
    expect(
      (await git(repo, ['worktree', 'list', '--porcelain'])).split('\n').filter((l) => l.startsWith('worktree ')),
    ).toHaveLength(1);
    expect(await snapshot(repo)).toEqual(before);
  });
});
