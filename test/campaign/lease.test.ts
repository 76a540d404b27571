// Who may take over a repository another process claimed in the results store.
import { describe, expect, it } from 'vitest';
import { claimable, takeoverReason, type Claim, type ClaimRules } from '../../src/campaign/lease.js';

const started = Date.parse('2026-12-02T10:00:00Z');
const rules: ClaimRules = {
  me: { host: 'pod-b', pid: 1, shard: { index: 2, total: 4 } },
  startedMs: started,
  leaseMs: 30 * 60_000,
  retryFailed: false,
  nowMs: started + 60_000,
  alive: (pid) => pid === 1 || pid === 7,
};
const at = (offsetMs: number) => new Date(started + offsetMs).toISOString();
const claim = (over: Partial<Claim>): Claim => ({
  host: 'pod-a',
  pid: 9,
  shard: { index: 2, total: 4 },
  claimedAt: at(-120_000),
  renewedAt: at(-60_000),
  ...over,
});

describe('claims and takeover', () => {
  it('the same slot run again takes over what the earlier run of it held', () => {
    expect(takeoverReason(claim({}), rules)).toMatch(/shard 2\/4 runs again/);
  });

  it('a run of the same slot that is still renewing (a duplicate) is left to its lease', () => {
    expect(takeoverReason(claim({ renewedAt: at(30_000) }), rules)).toBeUndefined();
    expect(takeoverReason(claim({ renewedAt: at(30_000) }), { ...rules, nowMs: started + 40 * 60_000 })).toMatch(
      /lease ran out/,
    );
  });

  it('another slot waits for the lease; a lapsed lease is taken over by anyone', () => {
    const other = claim({ shard: { index: 1, total: 4 } });
    expect(takeoverReason(other, rules)).toBeUndefined();
    expect(takeoverReason(other, { ...rules, nowMs: started + 31 * 60_000 })).toMatch(/lease ran out/);
  });

  it('on this host: a live process is never robbed, a gone one is, and this pid before this process started is a restart', () => {
    expect(
      takeoverReason(claim({ host: 'pod-b', pid: 7 }), { ...rules, nowMs: started + 99 * 60_000 }),
    ).toBeUndefined();
    expect(takeoverReason(claim({ host: 'pod-b', pid: 8 }), rules)).toBe('its process is gone');
    expect(takeoverReason(claim({ host: 'pod-b', pid: 1 }), rules)).toMatch(/earlier process with this pid/);
    expect(takeoverReason(claim({ host: 'pod-b', pid: 1, renewedAt: at(10_000) }), rules)).toBeUndefined();
  });

  it('only IN_PROGRESS repositories are held; FAILED ones run again only when asked', () => {
    const record = { id: 'svc', status: 'FAILED' as const, attempts: 1 };
    expect(claimable(record, undefined, rules)).toEqual({ ok: false });
    expect(claimable(record, undefined, { ...rules, retryFailed: true })).toEqual({ ok: true });
    expect(claimable({ ...record, status: 'COMPLETED' }, undefined, rules)).toEqual({ ok: false });
  });
});

describe('records from other machines', () => {
  it('never carry a git option where a commit id or a branch name goes', async () => {
    const { RepoRecordSchema } = await import('../../src/campaign/types.js');
    const record = { id: 'svc', status: 'COMPLETED', attempts: 1 };
    expect(
      RepoRecordSchema.safeParse({ ...record, baseCommit: '0f3c2a91be', branch: 'atx/AWS-nodejs/20261202-1' }).success,
    ).toBe(true);
    expect(RepoRecordSchema.safeParse({ ...record, baseCommit: '--output=/home/u/.bashrc' }).success).toBe(false);
    expect(RepoRecordSchema.safeParse({ ...record, branch: '--output=x' }).success).toBe(false);
    expect(RepoRecordSchema.safeParse({ ...record, branch: '/etc/passwd' }).success).toBe(false);
  });
});
