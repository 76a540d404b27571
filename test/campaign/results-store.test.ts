// Shards on separate machines meet in a results store (a bare git repository, ATX_RESULTS_URL):
// any machine's `campaign status` sees every record, a killed shard's repository is taken over
// by the next run of its slot (or by anyone once its lease ran out), and never twice while its
// owner is alive and within the lease.
import { execFileSync } from 'node:child_process';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { atx, atxBin, git, tempDir } from '../helpers/cli.js';
import { createCampaign, fleetDefinition, makeFleet, noEngine as engineFree, status, type Fleet } from './fleet.js';

// No engine's shard and no lease from the environment the suite runs in.
const noEngine = { ...engineFree, ATX_RESULTS_LEASE_SECONDS: '' };

async function bareRemote(): Promise<string> {
  const remote = join(await tempDir('atx-results-'), 'results.git');
  execFileSync('git', ['init', '--quiet', '--bare', '-b', 'main', remote]);
  return remote;
}

/** Another machine: its own ATX_HOME with the same campaign created, pointed at the store. */
async function machine(fleet: Fleet, name: string, remote: string): Promise<Fleet> {
  const env = { ...fleet.env, ...noEngine, ATX_HOME: await tempDir('atx-machine-'), ATX_RESULTS_URL: remote };
  const published = await atx(
    ['custom', 'def', 'publish', '-n', 'Test/fleet', '--description', 'fleet', '--sd', fleetDefinition],
    { env },
  );
  expect(published.exitCode, published.stderr).toBe(0);
  const other = { ...fleet, env, home: env.ATX_HOME };
  await createCampaign(other, name);
  return other;
}

interface Doc {
  record: { status: string; attempts: number };
  claim?: { host: string; pid: number; shard: { index: number; total: number } | null; renewedAt: string };
}

/** A repository's file in the store, as the remote's default branch has it (undefined when absent). */
function remoteDoc(remote: string, name: string, id: string): Doc | undefined {
  try {
    return JSON.parse(
      execFileSync('git', ['--git-dir', remote, 'show', `main:campaigns/${name}/repos/${id}.json`], {
        stdio: ['ignore', 'pipe', 'ignore'],
      }).toString(),
    ) as Doc;
  } catch {
    return undefined;
  }
}

/** Rewrites a repository's file in the store as another machine's atx would have pushed it. */
async function pushDoc(remote: string, name: string, id: string, change: (doc: Doc) => Doc): Promise<void> {
  const work = await tempDir('atx-edit-');
  await git(work, ['clone', '--quiet', remote, '.']);
  const path = join(work, 'campaigns', name, 'repos', `${id}.json`);
  await writeFile(path, JSON.stringify(change(JSON.parse(await readFile(path, 'utf8')) as Doc), null, 2));
  await git(work, ['commit', '--quiet', '-am', 'edit']);
  await git(work, ['push', '--quiet', 'origin', 'HEAD:main']);
}

const run = (machine: Fleet, name: string, extra: string[] = [], env: Record<string, string> = {}) =>
  atx(['custom', 'campaign', 'run', '-n', name, '--concurrency', '1', '--json', ...extra], {
    env: { ...machine.env, ...env },
  });

describe('campaign results store', () => {
  it('three engines on three machines meet in the store; a fourth machine sees every record', async () => {
    const fleet = await makeFleet({ a: 'ok', b: 'ok', c: 'ok', d: 'ok' });
    const remote = await bareRemote();
    const [batch, k8s, gitlab, viewer] = await Promise.all([1, 2, 3, 4].map(() => machine(fleet, 'meet', remote)));
    const engines = [
      [batch, { AWS_BATCH_JOB_ARRAY_INDEX: '0', AWS_BATCH_JOB_ARRAY_SIZE: '3' }],
      [k8s, { JOB_COMPLETION_INDEX: '1', ATX_SHARD_COUNT: '3' }],
      [gitlab, { CI_NODE_INDEX: '3', CI_NODE_TOTAL: '3' }],
    ] as const;
    const runs = await Promise.all(engines.map(([m, vars]) => run(m, 'meet', ['--shard', 'auto'], vars)));
    for (const result of runs) expect(result.exitCode, result.stderr).toBe(0);

    // No files copied, no merge: the fourth machine reads the store.
    const seen = await status(viewer, 'meet');
    expect(seen.totals).toMatchObject({ COMPLETED: 4, total: 4 });
    const ids = seen.repos.map((r) => r.id);
    const shardOf = (id: string) => (ids.indexOf(id) % 3) + 1;
    for (const record of seen.repos as Array<(typeof seen.repos)[number] & { ranBy?: { shard: unknown } }>) {
      expect(record.attempts, record.id).toBe(1);
      expect(record.ranBy?.shard, record.id).toEqual({ index: shardOf(record.id), total: 3 });
    }
    expect(seen.repos.find((r) => r.id === ids[0])).toMatchObject({
      ranBy: { engine: 'AWS Batch array job' },
    });
    // Every push landed: one claim and one result a repository.
    const log = execFileSync('git', ['--git-dir', remote, 'log', '--format=%s', 'main']).toString();
    expect(log.match(/: claim /g)).toHaveLength(4);
    const list = await atx(['custom', 'campaign', 'list', '--json'], { env: viewer.env });
    expect(JSON.parse(list.stdout)).toMatchObject([{ name: 'meet', totals: { COMPLETED: 4 } }]);
    const html = join(viewer.dir, 'meet.html');
    expect(
      (await atx(['custom', 'campaign', 'report', '-n', 'meet', '--html', html], { env: viewer.env })).exitCode,
    ).toBe(0);
    for (const id of ids) expect(await readFile(html, 'utf8')).toContain(id);

    // A campaign of the same name over another list is refused, before anything changes.
    const stranger = { ...viewer, env: { ...viewer.env, ATX_HOME: await tempDir('atx-stranger-') } };
    await atx(['custom', 'def', 'publish', '-n', 'Test/fleet', '--description', 'f', '--sd', fleetDefinition], {
      env: stranger.env,
    });
    const created = await atx(
      ['custom', 'campaign', 'create', '-n', 'meet', '--transformation', 'Test/fleet', '--repo', fleet.repos.a!],
      { env: stranger.env },
    );
    expect(created.exitCode, created.stderr).toBe(0);
    const head = execFileSync('git', ['--git-dir', remote, 'rev-parse', 'main']).toString();
    const refused = await run(stranger, 'meet');
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain(`the results store ${remote} holds another campaign or repository list`);
    expect(execFileSync('git', ['--git-dir', remote, 'rev-parse', 'main']).toString()).toBe(head);
    expect((await status({ ...stranger, env: { ...stranger.env, ATX_RESULTS_URL: '' } }, 'meet')).totals).toMatchObject(
      {
        PENDING: 1,
      },
    );
  }, 240_000);

  it('a killed shard: its slot takes the repository over, another slot leaves it, a lapsed lease frees it', async () => {
    const fleet = await makeFleet({ quick: 'ok', slow: 'slow' });
    const remote = await bareRemote();
    const [first, second, third, fourth] = await Promise.all([1, 2, 3, 4].map(() => machine(fleet, 'killed', remote)));
    const slowId = (await status(first, 'killed')).repos[1]!.id;

    // Shard 2/2 (the slow repository) on the first machine, killed with its exec child mid-step.
    const child = execa('node', [atxBin, 'custom', 'campaign', 'run', '-n', 'killed', '--shard', '2/2'], {
      env: { NO_COLOR: '1', ...first.env },
      detached: true,
      reject: false,
      stdin: 'ignore',
    });
    for (let i = 0; i < 600 && remoteDoc(remote, 'killed', slowId)?.record.status !== 'IN_PROGRESS'; i++)
      await new Promise((r) => setTimeout(r, 50));
    process.kill(-child.pid!, 'SIGKILL');
    await child;
    const claimed = remoteDoc(remote, 'killed', slowId)!;
    expect(claimed).toMatchObject({
      record: { status: 'IN_PROGRESS', attempts: 1 },
      claim: { shard: { index: 2, total: 2 } },
    });
    // As if that shard had run in a pod elsewhere: its pid alive here, so only the rules below can free it.
    await pushDoc(remote, 'killed', slowId, (doc) => ({
      ...doc,
      claim: { ...doc.claim!, host: 'pod-gone', pid: process.pid },
    }));

    // Shard 1/2 does not hold it; a whole-list run holds it but the lease (30 min) is still running.
    const other = await run(second, 'killed', ['--shard', '1/2']);
    expect(other.exitCode, other.stderr).toBe(0);
    expect(JSON.parse(other.stdout).ran).toEqual([(await status(first, 'killed')).repos[0]!.id]);
    const whole = await run(fourth, 'killed');
    expect(whole.exitCode).toBe(1);
    expect(JSON.parse(whole.stdout).ran).toEqual([]);
    expect(remoteDoc(remote, 'killed', slowId)).toMatchObject({ claim: { host: 'pod-gone' } });

    // The same slot run again on another machine takes it over, though the lease (30 min) still runs.
    const again = await run(third, 'killed', ['--shard', '2/2']);
    expect(again.exitCode, again.stderr).toBe(0);
    expect(again.stderr).toContain(`${slowId}: taking over from pod-gone pid ${process.pid} (shard 2/2)`);
    expect(JSON.parse(again.stdout).ran).toEqual([slowId]);
    expect(remoteDoc(remote, 'killed', slowId)).toEqual({
      record: expect.objectContaining({ status: 'COMPLETED', attempts: 2 }),
    });

    // A claim of a live-looking owner elsewhere, renewed 2 s ago: with a 1 s lease, a whole-list run takes it over.
    await pushDoc(remote, 'killed', slowId, (doc) => ({
      record: { ...doc.record, status: 'IN_PROGRESS' },
      claim: {
        host: 'pod-stuck',
        pid: process.pid,
        shard: { index: 2, total: 2 },
        renewedAt: new Date(Date.now() - 2000).toISOString(),
        claimedAt: new Date(Date.now() - 2000).toISOString(),
      } as Doc['claim'],
    }));
    // Mid-run the store goes away (moved aside) and comes back: the result waits in the journal.
    const lapsed = execa('node', [atxBin, 'custom', 'campaign', 'run', '-n', 'killed', '--concurrency', '1'], {
      env: { NO_COLOR: '1', ...fourth.env, ATX_RESULTS_LEASE_SECONDS: '1' },
      reject: false,
      stdin: 'ignore',
    });
    // It renews its claim while working (every third of its lease), then the store goes away.
    const subjects = () => execFileSync('git', ['--git-dir', remote, 'log', '--format=%s', 'main']).toString();
    for (let i = 0; i < 600 && !/renew 1 claim\(s\)\n/.test(subjects()); i++)
      await new Promise((r) => setTimeout(r, 50));
    expect(remoteDoc(remote, 'killed', slowId)?.claim?.host).not.toBe('pod-stuck');
    await rename(remote, `${remote}.away`);
    const lapsedRun = await lapsed;
    await rename(`${remote}.away`, remote);
    expect(lapsedRun.stderr).toContain(`${slowId}: taking over from pod-stuck pid ${process.pid} (shard 2/2)`);
    expect(lapsedRun.stderr).toContain(`atx: warning: the results store ${remote} could not be used`);
    expect(lapsedRun.stderr).toContain("1 result(s) are in this machine's journal only");
    expect(remoteDoc(remote, 'killed', slowId)?.record.status).toBe('IN_PROGRESS');
    // The next run of that machine catches up.
    const catchUp = await run(fourth, 'killed');
    expect(catchUp.exitCode, catchUp.stderr).toBe(0);
    expect(catchUp.stderr).toContain("Publishing 1 result(s) kept in this machine's journal");
    expect(JSON.parse(catchUp.stdout).ran).toEqual([]);

    const seen = await status(first, 'killed');
    expect(seen.totals).toMatchObject({ COMPLETED: 2 });
    expect(seen.repos.map((r) => r.attempts)).toEqual([1, 3]);
  }, 300_000);

  it('refuses an unreachable store at the start, naming it without its credentials, and changes nothing', async () => {
    const fleet = await makeFleet({ a: 'ok' });
    await createCampaign(fleet, 'far');
    const before = await status(fleet, 'far');
    const url = 'http://person:s3cret-token-value@127.0.0.1:9/results.git';
    const refused = await run(fleet, 'far', [], { ...noEngine, ATX_RESULTS_URL: url });
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain('the results store http://***@127.0.0.1:9/results.git could not be reached');
    expect(refused.stdout + refused.stderr).not.toContain('s3cret');
    expect(await status(fleet, 'far')).toEqual(before);
    const badLease = await run(fleet, 'far', [], {
      ...noEngine,
      ATX_RESULTS_URL: await bareRemote(),
      ATX_RESULTS_LEASE_SECONDS: 'soon',
    });
    expect(badLease.exitCode).toBe(2);
    expect(badLease.stderr).toContain('ATX_RESULTS_LEASE_SECONDS must be a whole number of seconds');
    expect(await status(fleet, 'far')).toEqual(before);
  }, 120_000);
});
