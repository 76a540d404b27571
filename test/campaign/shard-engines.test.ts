// `campaign run --shard auto`: each engine's variables give the same stable slices as I/N. Shards run
// as separate processes with each engine's variables in results-store.test.ts.
import { describe, expect, it } from 'vitest';
import { shardFrom } from '../../src/campaign/shard.js';
import { UsageError } from '../../src/errors.js';
import { atx, makeRepo, tempDir } from '../helpers/cli.js';
import { noEngine } from './fleet.js';

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

  it('on the command line: no engine is exit 2, and the campaign is untouched', async () => {
    const env = { ATX_HOME: await tempDir('atx-home-'), ...noEngine };
    const repo = await makeRepo({ 'index.js': 'module.exports = 1;\n' });
    const created = await atx(
      ['custom', 'campaign', 'create', '-n', 'auto', '--transformation', 'AWS/nodejs-version-upgrade', '--repo', repo],
      { env },
    );
    expect(created.exitCode, created.stderr).toBe(0);
    const before = await atx(['custom', 'campaign', 'status', '-n', 'auto', '--json'], { env });
    const run = await atx(['custom', 'campaign', 'run', '-n', 'auto', '--shard', 'auto'], { env });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('--shard auto found no engine');
    const after = await atx(['custom', 'campaign', 'status', '-n', 'auto', '--json'], { env });
    expect(after.stdout).toBe(before.stdout);
  });
});
