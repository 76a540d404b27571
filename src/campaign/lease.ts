// Claims in the results store: who holds a repository that is IN_PROGRESS, and when another run
// may take it over (pure; whether a process lives is asked of the caller).
//
// Engines run one process per shard index at a time (AWS Batch retries an array child, a
// Kubernetes Indexed Job restarts a pod for its index, a CI job is re-run), so a claim held by
// the same shard slot from another process was abandoned. Any other claim is respected until
// its lease runs out: a running shard renews its claims well before that.
import { UsageError } from '../errors.js';
import type { Shard } from './shard.js';
import type { RepoRecord } from './types.js';

export const defaultLeaseSeconds = 30 * 60;

/** The process that runs a repository. */
export interface Claimant {
  host: string;
  pid: number;
  /** Null for a run of the whole list. */
  shard: Shard | null;
  engine?: string;
}

export interface Claim extends Claimant {
  claimedAt: string;
  renewedAt: string;
}

export interface ClaimRules {
  me: Claimant;
  /** When this process started: a claim renewed before then, with this process's pid or slot, was an earlier process's. */
  startedMs: number;
  leaseMs: number;
  retryFailed: boolean;
  nowMs: number;
  alive: (pid: number) => boolean;
}

/** ATX_RESULTS_LEASE_SECONDS, or the default; anything but a whole number of seconds is refused. */
export function leaseMsFrom(env: NodeJS.ProcessEnv): number {
  const text = env.ATX_RESULTS_LEASE_SECONDS?.trim();
  if (!text) return defaultLeaseSeconds * 1000;
  if (!/^\d+$/.test(text) || Number(text) < 1)
    throw new UsageError(`ATX_RESULTS_LEASE_SECONDS must be a whole number of seconds, at least 1 (got "${text}")`);
  return Number(text) * 1000;
}

export function isMine(claim: Claimant, me: Claimant): boolean {
  return claim.host === me.host && claim.pid === me.pid;
}

/** Why `rules.me` may take over `claim`, or undefined when its owner must be left to finish. */
export function takeoverReason(claim: Claim, rules: ClaimRules): string | undefined {
  const { me } = rules;
  const earlier = Date.parse(claim.renewedAt) < rules.startedMs;
  if (claim.host === me.host) {
    // This pid, renewed before this process started: a container restarted under the same pid.
    if (claim.pid === me.pid) return earlier ? 'an earlier process with this pid held it' : undefined;
    // A process seen alive on this machine is never robbed, whatever its lease says.
    return rules.alive(claim.pid) ? undefined : 'its process is gone';
  }
  // The slot runs again: the earlier run of it has ended. A claim of the slot renewed since this
  // process started belongs to a run of the slot that is still going (a duplicate): left to its lease.
  if (
    earlier &&
    claim.shard &&
    me.shard &&
    claim.shard.index === me.shard.index &&
    claim.shard.total === me.shard.total
  )
    return `shard ${me.shard.index}/${me.shard.total} runs again, so the earlier run of that slot has ended`;
  const age = rules.nowMs - Date.parse(claim.renewedAt);
  if (!(age <= rules.leaseMs)) return `its lease ran out (last renewed ${claim.renewedAt})`;
  return undefined;
}

/**
 * Whether a run may start `record` (the newest one known), held under `claim` when it is
 * IN_PROGRESS; with the reason when that is a takeover.
 */
export function claimable(
  record: RepoRecord,
  claim: Claim | undefined,
  rules: ClaimRules,
): { ok: false } | { ok: true; takeover?: string } {
  switch (record.status) {
    case 'PENDING':
      return { ok: true };
    case 'FAILED':
      return { ok: rules.retryFailed };
    case 'COMPLETED':
    case 'SKIPPED':
      return { ok: false };
    case 'IN_PROGRESS': {
      // Claimed before the results store was set: the journal's owner, with no shard and no renewals.
      const holder: Claim | undefined =
        claim ??
        (record.owner && {
          host: record.owner.host,
          pid: record.owner.pid,
          shard: null,
          claimedAt: record.updatedAt ?? '',
          renewedAt: record.updatedAt ?? '',
        });
      if (!holder) return { ok: true };
      const takeover = takeoverReason(holder, rules);
      return takeover ? { ok: true, takeover } : { ok: false };
    }
  }
}
