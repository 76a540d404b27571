// `campaign create`, `run`, `status`, `update-repo` on a fleet with a failing repository and one
// that is not a git repository, through the real binary.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { atx, git, snapshot } from '../helpers/cli.js';
import { createCampaign, idOf, makeFleet, status, type Fleet } from './fleet.js';

describe('campaign run on a fleet', () => {
  let fleet: Fleet;
  beforeAll(async () => {
    fleet = await makeFleet({ alpha: 'ok', beta: 'ok', gamma: 'broken', delta: 'not-git' });
    await createCampaign(fleet, 'fleet');
  });

  it('runs every repository, continues past failures, and reports each one', async () => {
    const before = await snapshot(fleet.repos.alpha!);
    const started = performance.now();
    const run = await atx(['custom', 'campaign', 'run', '-n', 'fleet', '--concurrency', '2', '--json'], {
      env: fleet.env,
    });
    const wallMs = performance.now() - started;
    expect(run.exitCode, run.stderr).toBe(1);
    const byName = (s: Awaited<ReturnType<typeof status>>, name: string) =>
      s.repos.find((r) => r.id === idOf(fleet, name))!;
    const s = await status(fleet, 'fleet');
    expect(s.totals).toMatchObject({ total: 4, COMPLETED: 2, FAILED: 2, PENDING: 0, IN_PROGRESS: 0 });

    const alpha = byName(s, 'alpha');
    expect(alpha).toMatchObject({
      status: 'COMPLETED',
      exitCriteria: { passed: 2, failed: 0 },
      findings: 0,
      attempts: 1,
    });
    // The result is a real branch in the user's repository, holding the step's commit; their tree is untouched.
    expect(await git(fleet.repos.alpha!, ['show', `${alpha.branch}:MIGRATED.txt`])).toBe('migrated');
    expect(await snapshot(fleet.repos.alpha!)).toEqual(before);
    const summary = JSON.parse(await readFile(alpha.summaryPath!, 'utf8'));
    expect(summary).toMatchObject({ status: 'succeeded', branch: alpha.branch, runId: alpha.runId });
    // The duration is the repository's whole exec: more than its steps took, less than the campaign run.
    const stepsMs = summary.steps.reduce((sum: number, step: { durationMs: number }) => sum + step.durationMs, 0);
    expect(stepsMs).toBeGreaterThan(0);
    expect(alpha.durationMs).toBeGreaterThan(stepsMs);
    expect(alpha.durationMs).toBeLessThan(wallMs);

    expect(byName(s, 'gamma')).toMatchObject({ status: 'FAILED', exitCriteria: { passed: 1, failed: 1 } });
    expect(byName(s, 'gamma').reason).toMatch(/exit criteria failed: The build passes/);
    const delta = byName(s, 'delta');
    expect(delta.status).toBe('FAILED');
    expect(delta.reason).toMatch(/not a git repository/);

    // The human table lists them too.
    const table = await atx(['custom', 'campaign', 'status', '-n', 'fleet'], { env: fleet.env });
    expect(table.stdout).toMatch(new RegExp(`${idOf(fleet, 'gamma')}\\s+FAILED`));
    expect(table.stdout).toContain('2 completed, 2 failed');
  });

  it('does not redo finished repositories; --retry-failed runs the failed ones again', async () => {
    const first = await status(fleet, 'fleet');
    const again = await atx(['custom', 'campaign', 'run', '-n', 'fleet', '--json'], { env: fleet.env });
    expect(again.exitCode).toBe(1);
    expect(JSON.parse(again.stdout).ran).toEqual([]);
    expect(await status(fleet, 'fleet')).toEqual(first);

    // Fix the broken repository, skip the one that is not a repository, retry.
    await git(fleet.repos.gamma!, ['rm', '-q', 'broken']);
    await git(fleet.repos.gamma!, ['commit', '-q', '-m', 'fix the build']);
    const skip = await atx(
      [
        'custom',
        'campaign',
        'update-repo',
        '-n',
        'fleet',
        '--repo',
        fleet.repos.delta!,
        '--status',
        'skipped',
        '--reason',
        'archived',
      ],
      { env: fleet.env },
    );
    expect(skip.exitCode, skip.stderr).toBe(0);
    const retry = await atx(['custom', 'campaign', 'run', '-n', 'fleet', '--retry-failed', '--json'], {
      env: fleet.env,
    });
    expect(retry.exitCode, retry.stderr).toBe(0);
    expect(JSON.parse(retry.stdout).ran).toEqual([idOf(fleet, 'gamma')]);
    const s = await status(fleet, 'fleet');
    expect(s.totals).toMatchObject({ COMPLETED: 3, SKIPPED: 1, FAILED: 0 });
    expect(s.repos.find((r) => r.id === idOf(fleet, 'gamma'))).toMatchObject({ status: 'COMPLETED', attempts: 2 });
    expect(s.repos.find((r) => r.id === idOf(fleet, 'delta'))).toMatchObject({ status: 'SKIPPED', reason: 'archived' });
    expect(s.repos.find((r) => r.id === idOf(fleet, 'alpha'))).toEqual(
      first.repos.find((r) => r.id === idOf(fleet, 'alpha')),
    );
  });

  it('rejects bad input with exit 2 and a message', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['run', '-n', 'fleet', '--shard', '3/2'], /--shard must be I\/N/],
      [['run', '-n', 'fleet', '--concurrency', '0'], /--concurrency/],
      [['run', '-n', 'nope'], /no campaign named "nope"/],
      [['update-repo', '-n', 'fleet', '--repo', 'zzz', '--status', 'SKIPPED'], /has no repository "zzz"/],
      [['update-repo', '-n', 'fleet', '--repo', idOf(fleet, 'alpha'), '--status', 'DONE'], /--status must be one of/],
      [['create', '-n', 'fleet', '--transformation', 'Other/def', '--repo', fleet.repos.alpha!], /already exists/],
      [['create', '-n', 'bad/name', '--transformation', 'Test/fleet', '--repo', '.'], /invalid campaign name/],
      [
        ['create', '-n', 'x', '--transformation', 'Test/fleet', '--repos', join(fleet.dir, 'missing.txt')],
        /cannot read the repository list/,
      ],
    ];
    for (const [args, message] of cases) {
      const result = await atx(['custom', 'campaign', ...args], { env: fleet.env });
      expect(result.exitCode, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
    }
  });
});
