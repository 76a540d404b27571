// `campaign run --shard auto`: each engine's variables give the same stable slices as I/N.
import { describe, expect, it } from 'vitest';
import { shardFrom } from '../../src/campaign/shard.js';
import { UsageError } from '../../src/errors.js';
import { atx } from '../helpers/cli.js';
import { createCampaign, makeFleet, status } from './fleet.js';

// Whatever engine runs this test suite must not choose the shard of the processes it starts.
const noEngine = {
  ATX_SHARD_INDEX: '',
  ATX_SHARD_COUNT: '',
  AWS_BATCH_JOB_ARRAY_INDEX: '',
  AWS_BATCH_JOB_ARRAY_SIZE: '',
  JOB_COMPLETION_INDEX: '',
  CI_NODE_INDEX: '',
  CI_NODE_TOTAL: '',
  GITHUB_ACTIONS: '',
};

function usageError(env: Record<string, string>): string {
  try {
    shardFrom('auto', { ...noEngine, ...env });
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('no UsageError');
}

describe('--shard auto', () => {
  it('reads each engine, counting from where it counts', () => {
    const auto = (env: Record<string, string>) => shardFrom('auto', { ...noEngine, ...env });
    expect(auto({ AWS_BATCH_JOB_ARRAY_INDEX: '0', AWS_BATCH_JOB_ARRAY_SIZE: '4' })).toEqual({
      index: 1,
      total: 4,
      engine: 'AWS Batch array job',
    });
    expect(auto({ JOB_COMPLETION_INDEX: '3', ATX_SHARD_COUNT: '4' })).toEqual({
      index: 4,
      total: 4,
      engine: 'Kubernetes Indexed Job',
    });
    expect(auto({ CI_NODE_INDEX: '2', CI_NODE_TOTAL: '4' })).toEqual({
      index: 2,
      total: 4,
      engine: 'GitLab CI parallel job',
    });
    // A GitHub Actions matrix maps strategy.job-index/job-total into atx's own pair.
    expect(auto({ GITHUB_ACTIONS: 'true', ATX_SHARD_INDEX: '1', ATX_SHARD_COUNT: '2' })).toMatchObject({
      index: 2,
      total: 2,
    });
    // atx's own pair comes first, so a job can override what its engine says.
    expect(
      auto({
        ATX_SHARD_INDEX: '0',
        ATX_SHARD_COUNT: '1',
        AWS_BATCH_JOB_ARRAY_INDEX: '5',
        AWS_BATCH_JOB_ARRAY_SIZE: '9',
      }),
    ).toMatchObject({ index: 1, total: 1 });
    // I/N still works, and names no engine.
    expect(shardFrom('2/3', noEngine)).toEqual({ index: 2, total: 3 });
  });

  it('refuses what does not name a shard, saying which variable to set', () => {
    expect(usageError({})).toContain('--shard auto found no engine');
    expect(usageError({ GITHUB_ACTIONS: 'true' })).toContain(
      'ATX_SHARD_INDEX: ${{ strategy.job-index }} and ATX_SHARD_COUNT: ${{ strategy.job-total }}',
    );
    expect(usageError({ JOB_COMPLETION_INDEX: '0' })).toContain('set ATX_SHARD_COUNT to spec.completions');
    expect(usageError({ AWS_BATCH_JOB_ARRAY_INDEX: '4', AWS_BATCH_JOB_ARRAY_SIZE: '4' })).toContain(
      'AWS_BATCH_JOB_ARRAY_INDEX=4 and AWS_BATCH_JOB_ARRAY_SIZE=4 do not name a shard',
    );
    expect(usageError({ CI_NODE_INDEX: '0', CI_NODE_TOTAL: '2' })).toContain('counts from 1');
    expect(usageError({ ATX_SHARD_INDEX: 'one', ATX_SHARD_COUNT: '2' })).toContain('do not name a shard');
  });

  it('three engines, three processes on one campaign: every repository runs exactly once', async () => {
    const fleet = await makeFleet({ a: 'ok', b: 'ok', c: 'ok', d: 'ok', e: 'ok' });
    await createCampaign(fleet, 'auto');
    const before = await status(fleet, 'auto');

    const refused = await atx(['custom', 'campaign', 'run', '-n', 'auto', '--shard', 'auto'], {
      env: { ...fleet.env, ...noEngine },
    });
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain('--shard auto found no engine');
    expect(await status(fleet, 'auto')).toEqual(before);

    const engines = [
      { AWS_BATCH_JOB_ARRAY_INDEX: '0', AWS_BATCH_JOB_ARRAY_SIZE: '3' },
      { JOB_COMPLETION_INDEX: '1', ATX_SHARD_COUNT: '3' },
      { CI_NODE_INDEX: '3', CI_NODE_TOTAL: '3' },
    ];
    const runs = await Promise.all(
      engines.map((vars) =>
        atx(['custom', 'campaign', 'run', '-n', 'auto', '--shard', 'auto', '--concurrency', '1', '--json'], {
          env: { ...fleet.env, ...noEngine, ...vars },
        }),
      ),
    );
    const ids = before.repos.map((r) => r.id);
    runs.forEach((run, i) => {
      expect(run.exitCode, run.stderr).toBe(0);
      expect(run.stderr).toContain(`Shard ${i + 1} of 3, from `);
      // The same slice --shard I/3 takes: repository I, I+3, …
      expect(JSON.parse(run.stdout).ran.sort()).toEqual(ids.filter((_, n) => n % 3 === i).sort());
    });
    const after = await status(fleet, 'auto');
    expect(after.totals).toMatchObject({ COMPLETED: 5 });
    expect(after.repos.map((r) => r.attempts)).toEqual([1, 1, 1, 1, 1]);
  }, 180_000);
});
