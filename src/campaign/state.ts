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
        attempts: record.attempts + 1,
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

export function totals(records: RepoRecord[]): CampaignView['totals'] {
  const counts = Object.fromEntries(repoStatuses.map((s) => [s, 0])) as Record<RepoStatus, number>;
  for (const record of records) counts[record.status] += 1;
  return { ...counts, total: records.length };
}

export function viewOf(spec: CampaignSpec, records: RepoRecord[]): CampaignView {
  return { spec, records, totals: totals(records) };
}
