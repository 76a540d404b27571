// `campaign run --fail-fast`, and a campaign over git URLs (a local bare repository, cloned
// through file://), through the real binary.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { atx, git, makeRepo, tempDir } from '../helpers/cli.js';
import { buildCommand, createCampaign, idOf, makeFleet, status } from './fleet.js';

describe('campaign run options', () => {
  it('--fail-fast starts no repository after the first failure', async () => {
    // One at a time, in list order: the broken one first.
    const fleet = await makeFleet({ first: 'broken', second: 'ok', third: 'ok' });
    await createCampaign(fleet, 'ff');
    const run = await atx(['custom', 'campaign', 'run', '-n', 'ff', '--concurrency', '1', '--fail-fast', '--json'], {
      env: fleet.env,
    });
    expect(run.exitCode, run.stderr).toBe(1);
    expect(JSON.parse(run.stdout).ran).toEqual([idOf(fleet, 'first')]);
    const s = await status(fleet, 'ff');
    expect(s.totals).toMatchObject({ FAILED: 1, PENDING: 2, COMPLETED: 0 });
    // Without it, the next run goes on with the rest.
    const rest = await atx(['custom', 'campaign', 'run', '-n', 'ff', '--concurrency', '1', '--json'], {
      env: fleet.env,
    });
    expect(JSON.parse(rest.stdout).ran).toEqual([idOf(fleet, 'second'), idOf(fleet, 'third')]);
    expect((await status(fleet, 'ff')).totals).toMatchObject({ FAILED: 1, COMPLETED: 2 });
  });

  it('clones a repository given by URL into the campaign folder, leaves the remote alone, and names a URL that cannot be cloned', async () => {
    const fleet = await makeFleet({});
    const work = await makeRepo({ 'index.js': "module.exports = 'remote';\n" });
    const remote = join(await tempDir('atx-remote-'), 'service.git');
    await git(work, ['clone', '-q', '--bare', work, remote]);
    const refsBefore = await git(remote, ['show-ref']);
    const url = `file://${remote}`;
    const missing = `file://${join(fleet.dir, 'gone.git')}`;
    const created = await atx(
      [
        'custom',
        'campaign',
        'create',
        '-n',
        'remote',
        '--transformation',
        'Test/fleet',
        '--repo',
        url,
        '--repo',
        missing,
        '-c',
        buildCommand,
      ],
      { env: fleet.env },
    );
    expect(created.exitCode, created.stderr).toBe(0);

    const run = await atx(['custom', 'campaign', 'run', '-n', 'remote', '--json'], { env: fleet.env });
    expect(run.exitCode).toBe(1);
    const s = await status(fleet, 'remote');
    const service = s.repos.find((r) => r.id === 'service')!;
    expect(service).toMatchObject({ status: 'COMPLETED', exitCriteria: { passed: 2, failed: 0 } });
    const clone = join(fleet.home, 'campaigns', 'remote', 'clones', 'service');
    expect(await git(clone, ['show', `${service.branch}:MIGRATED.txt`])).toBe('migrated');
    expect(await git(clone, ['rev-parse', 'origin/HEAD'])).toBe(await git(remote, ['rev-parse', 'HEAD']));
    expect(await git(remote, ['show-ref'])).toBe(refsBefore);

    const gone = s.repos.find((r) => r.id === 'gone')!;
    expect(gone.status).toBe('FAILED');
    expect(gone.reason).toContain(`clone ${missing}`);
    expect(existsSync(join(fleet.home, 'campaigns', 'remote', 'clones', 'gone'))).toBe(false);

    // A retry continues from the same clone: the branch of the first run is still there.
    const retry = await atx(['custom', 'campaign', 'run', '-n', 'remote', '--retry-failed', '--json'], {
      env: fleet.env,
    });
    expect(JSON.parse(retry.stdout).ran).toEqual(['gone']);
    expect(await git(clone, ['branch', '--list', service.branch!])).toContain(service.branch!);
  });
});
