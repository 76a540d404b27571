// Two shards, each on its own machine (its own ATX_HOME), merged, equal one unsharded run.
import { describe, expect, it } from 'vitest';
import { atx, git, tempDir } from '../helpers/cli.js';
import { buildCommand, createCampaign, fleetDefinition, makeFleet, status, type Fleet } from './fleet.js';

async function machine(fleet: Fleet): Promise<Fleet> {
  const home = await tempDir('atx-shard-home-');
  const env = { ...fleet.env, ATX_HOME: home };
  const published = await atx(
    ['custom', 'def', 'publish', '-n', 'Test/fleet', '--description', 'fleet', '--sd', fleetDefinition],
    { env },
  );
  expect(published.exitCode, published.stderr).toBe(0);
  const other = { ...fleet, env, home };
  await createCampaign(other, 'ci');
  return other;
}

const comparable = (s: Awaited<ReturnType<typeof status>>) =>
  s.repos.map((r) => ({
    id: r.id,
    status: r.status,
    exitCriteria: r.exitCriteria,
    findings: r.findings,
    reason: r.reason,
  }));

describe('campaign shards', () => {
  // Four machines and three campaign runs at once: about 15 s alone, several times that while the
  // rest of the suite shares the two cores. The limit only catches a hang.
  it('two shards merged equal one unsharded run', async () => {
    const fleet = await makeFleet({ north: 'ok', south: 'broken', east: 'ok', west: 'not-git' });
    const [whole, shard1, shard2, merged] = await Promise.all([
      machine(fleet),
      machine(fleet),
      machine(fleet),
      machine(fleet),
    ]);

    const unsharded = await atx(['custom', 'campaign', 'run', '-n', 'ci', '--concurrency', '2'], { env: whole.env });
    expect(unsharded.exitCode, unsharded.stderr).toBe(1);
    const exported = `${shard2.home}/exported-2.json`;
    const [run1, run2] = await Promise.all([
      atx(['custom', 'campaign', 'run', '-n', 'ci', '--shard', '1/2', '--concurrency', '1', '--json'], {
        env: shard1.env,
      }),
      atx(
        [
          'custom',
          'campaign',
          'run',
          '-n',
          'ci',
          '--shard',
          '2/2',
          '--concurrency',
          '1',
          '--export',
          exported,
          '--json',
        ],
        { env: shard2.env },
      ),
    ]);
    const out1 = JSON.parse(run1.stdout);
    const out2 = JSON.parse(run2.stdout);
    // A stable round-robin slice: every repository in exactly one shard.
    const ids = (await status(whole, 'ci')).repos.map((r) => r.id);
    expect(out1.ran.sort()).toEqual([ids[0], ids[2]].sort());
    expect(out2.ran.sort()).toEqual([ids[1], ids[3]].sort());
    expect(out1.shardFile).toBe(`${shard1.home}/campaigns/ci/shards/1-of-2.json`);
    // Shard 1 holds only successes, shard 2 the broken and the non-repository.
    expect(run1.exitCode).toBe(0);
    expect(run2.exitCode).toBe(1);

    const merge = await atx(['custom', 'campaign', 'merge', '-n', 'ci', out1.shardFile, exported], { env: merged.env });
    expect(merge.exitCode, merge.stderr).toBe(0);
    const wholeStatus = await status(whole, 'ci');
    const mergedStatus = await status(merged, 'ci');
    expect(mergedStatus.totals).toEqual(wholeStatus.totals);
    expect(comparable(mergedStatus)).toEqual(comparable(wholeStatus));
    expect(mergedStatus.totals).toMatchObject({ COMPLETED: 2, FAILED: 2 });
    // The branches a shard made hold the same change as the unsharded run's.
    for (const record of mergedStatus.repos.filter((r) => r.status === 'COMPLETED')) {
      const path = Object.values(fleet.repos).find((p) => p.endsWith(record.id))!;
      const twin = wholeStatus.repos.find((r) => r.id === record.id)!;
      expect(await git(path, ['diff', record.branch!, twin.branch!])).toBe('');
    }

    // A shard result from another campaign's list is refused, and changes nothing.
    const stranger = { ...fleet.env, ATX_HOME: await tempDir('atx-other-') };
    const other = await atx(
      [
        'custom',
        'campaign',
        'create',
        '-n',
        'ci',
        '--transformation',
        'Test/fleet',
        '--repo',
        fleet.repos.north!,
        '-c',
        buildCommand,
      ],
      { env: stranger },
    );
    expect(other.exitCode, other.stderr).toBe(0);
    // Its shard 2 of 2 holds none of its one repository: the file is written without running exec.
    const strangerRun = await atx(['custom', 'campaign', 'run', '-n', 'ci', '--shard', '2/2', '--json'], {
      env: stranger,
    });
    expect(strangerRun.exitCode, strangerRun.stderr).toBe(0);
    const strangerShard = JSON.parse(strangerRun.stdout).shardFile;
    const refused = await atx(['custom', 'campaign', 'merge', '-n', 'ci', strangerShard], { env: merged.env });
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain(
      `${strangerShard} belongs to another campaign or repository list (campaign "ci", 1 repositories)`,
    );
    expect(await status(merged, 'ci')).toEqual(mergedStatus);
  }, 240_000);
});
