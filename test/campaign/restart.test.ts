// Kill a campaign run (the whole process group, as a cancelled CI job is) and start it again:
// finished repositories are not redone, the one in flight continues its own run.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { atx, atxBin, git } from '../helpers/cli.js';
import { createCampaign, makeFleet, status } from './fleet.js';

async function journalEvents(home: string): Promise<Array<{ t: string; repo: string; runId?: string }>> {
  const text = await readFile(join(home, 'campaigns/restart/journal.jsonl'), 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .flatMap((line) => {
      try {
        return [JSON.parse(line)];
      } catch {
        return [];
      }
    });
}

async function runStatus(home: string, runId: string): Promise<string | undefined> {
  const text = await readFile(join(home, 'runs', runId, 'state.json'), 'utf8').catch(() => '');
  return text ? (JSON.parse(text) as { status?: string }).status : undefined;
}

describe('campaign run after a kill', () => {
  it('continues where it stopped, without redoing finished repositories', async () => {
    const fleet = await makeFleet({ one: 'ok', two: 'slow', three: 'ok' });
    await createCampaign(fleet, 'restart');
    const child = execa('node', [atxBin, 'custom', 'campaign', 'run', '-n', 'restart', '--concurrency', '1'], {
      env: { NO_COLOR: '1', ...fleet.env },
      detached: true,
      reject: false,
      stdin: 'ignore',
    });
    // Wait until one repository has finished and the slow one is in flight, then kill everything.
    let events: Awaited<ReturnType<typeof journalEvents>> = [];
    for (let i = 0; i < 600; i++) {
      events = await journalEvents(fleet.home);
      const started = events.filter((e) => e.t === 'started');
      // …and its run is in its slow step (its state exists from the start, saying `starting` until the plan is made).
      if (
        events.some((e) => e.t === 'finished') &&
        started.length >= 2 &&
        (await runStatus(fleet.home, started[1]!.runId!)) === 'running'
      )
        break;
      await new Promise((r) => setTimeout(r, 50));
    }
    process.kill(-child.pid!, 'SIGKILL');
    await child;
    const finishedBefore = events.filter((e) => e.t === 'finished').map((e) => e.repo);
    const inFlight = events.filter((e) => e.t === 'started').at(-1)!;
    expect(finishedBefore).toHaveLength(1);
    expect(inFlight.repo).not.toBe(finishedBefore[0]);

    const mid = await status(fleet, 'restart');
    expect(mid.totals).toMatchObject({ COMPLETED: 1, IN_PROGRESS: 1, PENDING: 1 });
    const done = mid.repos.find((r) => r.id === finishedBefore[0])!;

    const again = await atx(['custom', 'campaign', 'run', '-n', 'restart', '--concurrency', '1', '--json'], {
      env: fleet.env,
    });
    expect(again.exitCode, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout).ran.sort()).toEqual(
      mid.repos
        .filter((r) => r.status !== 'COMPLETED')
        .map((r) => r.id)
        .sort(),
    );
    const after = await status(fleet, 'restart');
    expect(after.totals).toMatchObject({ COMPLETED: 3, IN_PROGRESS: 0, PENDING: 0, FAILED: 0 });
    // The finished repository is untouched; the interrupted one continued its own run, on its branch.
    expect(after.repos.find((r) => r.id === done.id)).toEqual(done);
    const resumed = after.repos.find((r) => r.id === inFlight.repo)!;
    expect(resumed.runId).toBe(inFlight.runId);
    for (const [name, path] of Object.entries(fleet.repos)) {
      const branches = (await git(path, ['branch', '--list', 'atx/*', '--format=%(refname:short)']))
        .split('\n')
        .filter(Boolean);
      expect(branches, name).toHaveLength(1);
      expect(await git(path, ['show', `${branches[0]}:MIGRATED.txt`])).toBe('migrated');
      expect(
        await git(path, ['rev-list', '--count', `main..${branches[0]}`]),
        `${name}: one commit, applied once`,
      ).toBe('1');
    }
  });
});
