// Replaying the journal: events in order → one record per repository (pure).
import {
  repoStatuses,
  type CampaignEvent,
  type CampaignSpec,
  type CampaignView,
  type RepoRecord,
  type RepoStatus,
} from './types.js';

export function replay(spec: CampaignSpec, events: CampaignEvent[]): RepoRecord[] {
  const records = new Map<string, RepoRecord>(
    spec.repos.map((repo) => [repo.id, { id: repo.id, status: 'PENDING', attempts: 0 }]),
  );
  for (const event of events) {
    const current = records.get(event.repo);
    // An event for a repository no longer in the list (a merge from another list) is ignored.
    if (!current) continue;
    records.set(event.repo, apply(current, event));
  }
  return [...records.values()];
}

function apply(record: RepoRecord, event: CampaignEvent): RepoRecord {
  switch (event.t) {
    case 'claim':
      // Claiming a FAILED repository is a retry: a new run, not the old one adopted again.
      return {
        ...record,
        ...(record.status === 'FAILED' ? { runId: undefined } : {}),
        status: 'IN_PROGRESS',
        reason: undefined,
        attempts: event.attempts ?? record.attempts + 1,
        owner: { host: event.host, pid: event.pid },
        updatedAt: event.at,
      };
    case 'started':
      return {
        ...record,
        runId: event.runId,
        owner: record.owner && { ...record.owner, childPid: event.childPid },
        updatedAt: event.at,
      };
    case 'released':
      // Interrupted: back in the queue; the runId stays so the next run resumes that run.
      return { ...record, status: 'PENDING', owner: undefined, updatedAt: event.at };
    case 'set':
      // Set by hand: a later run starts afresh rather than continuing the old run.
      return {
        ...record,
        runId: undefined,
        status: event.status,
        reason: event.reason,
        owner: undefined,
        updatedAt: event.at,
      };
    case 'finished':
    case 'snapshot':
      return { ...event.record, id: record.id };
  }
}

/**
 * This machine's record of a repository, or the results store's when that one is newer: the
 * store holds what other machines did since (a takeover, another shard's result).
 */
export function newer(local: RepoRecord, published: RepoRecord | undefined): RepoRecord {
  if (!published?.updatedAt) return local;
  if (local.updatedAt && local.updatedAt >= published.updatedAt) return local;
  return { ...published, id: local.id };
}

export function overlay(records: RepoRecord[], published: Map<string, RepoRecord>): RepoRecord[] {
  return records.map((record) => newer(record, published.get(record.id)));
}

/** Whether a shard result or a results store speaks of this campaign: same name, definition and list. */
export function sameCampaign(
  spec: CampaignSpec,
  other: { campaign: string; transformation: string; repoIds: string[] },
): boolean {
  return (
    other.campaign === spec.name &&
    other.transformation === spec.transformation &&
    JSON.stringify(other.repoIds) === JSON.stringify(spec.repos.map((r) => r.id))
  );
}

export function totals(records: RepoRecord[]): CampaignView['totals'] {
  const counts = Object.fromEntries(repoStatuses.map((s) => [s, 0])) as Record<RepoStatus, number>;
  for (const record of records) counts[record.status] += 1;
  return { ...counts, total: records.length };
}

export function viewOf(spec: CampaignSpec, records: RepoRecord[]): CampaignView {
  return { spec, records, totals: totals(records) };
}
