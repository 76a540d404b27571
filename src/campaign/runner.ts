// `atx custom campaign run`: exec on each repository of the campaign (or of one shard), N at a
// time. Every transition is journaled first, so a kill at any moment loses at most the
// repositories in flight, and the next run resumes those runs instead of starting over.
import { availableParallelism, hostname } from 'node:os';
import { UsageError } from '../errors.js';
import { writeJson } from '../util/fs.js';
import { leaseMsFrom } from './lease.js';
import { Publisher } from './publisher.js';
import { ResultsStore, resultsUrlFrom } from './results.js';
import { shardSlice, type Shard } from './shard.js';
import { CampaignStore, now } from './store.js';
import type { CampaignSpec, CampaignView, RepoRecord, ShardResult } from './types.js';
import { alive, runRepository } from './worker.js';
import { startMark } from '../executor/summary-text.js';

export interface CampaignRunOptions {
  atxHome: string;
  name: string;
  env: NodeJS.ProcessEnv;
  concurrency?: number;
  retryFailed?: boolean;
  failFast?: boolean;
  shard?: Shard;
  /** The engine whose variables named the shard (`--shard auto`), recorded with each result. */
  engine?: string;
  /** Also write the shard result here (any run, sharded or not). */
  exportPath?: string;
  signal?: AbortSignal;
  log?: (line: string) => void;
}

export interface CampaignRunResult {
  view: CampaignView;
  /** Ids of the repositories this run was responsible for (the shard's slice, or all). */
  slice: string[];
  /** Repositories this run carried out (finished or interrupted). */
  ran: string[];
  interrupted: boolean;
  /** 0 every repository in the slice COMPLETED (or SKIPPED), 1 otherwise, 130 interrupted. */
  exitCode: 0 | 1 | 130;
  shardFile?: string;
}

export async function runCampaign(options: CampaignRunOptions): Promise<CampaignRunResult> {
  const concurrency = options.concurrency ?? availableParallelism();
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new UsageError(`--concurrency must be a whole number of at least 1 (got ${options.concurrency})`);
  const store = new CampaignStore(options.atxHome, options.name);
  const spec = await store.loadSpec();
  const slice = shardSlice(
    spec.repos.map((r) => r.id),
    options.shard,
  );
  const entries = new Map(spec.repos.map((r) => [r.id, r]));
  const log = options.log ?? (() => undefined);
  const tried = new Set<string>();
  const ran: string[] = [];
  let stop = false;
  let finished = 0;

  const publisher = await openPublisher(options, store, spec, log);

  const wanted = (record: RepoRecord): boolean => {
    if (tried.has(record.id)) return false;
    if (record.status === 'PENDING') return true;
    if (record.status === 'FAILED') return Boolean(options.retryFailed);
    // IN_PROGRESS whose runner on this machine is gone: it was killed; take the repository over.
    if (record.status === 'IN_PROGRESS') return record.owner?.host === hostname() && !alive(record.owner.pid);
    return false;
  };

  const worker = async (): Promise<void> => {
    while (!stop && !options.signal?.aborted) {
      // With a results store, the store decides (across machines); without, this machine's journal.
      const record = publisher ? await publisher.claim(slice, tried) : await store.claim(slice, wanted);
      if (!record) return;
      tried.add(record.id);
      ran.push(record.id);
      log(`${startMark} ${record.id}: exec${record.runId ? ` (continuing run ${record.runId})` : ''}`);
      const outcome = await runRepository({
        spec,
        entry: entries.get(record.id)!,
        record,
        campaignDir: store.dir,
        atxHome: options.atxHome,
        env: options.env,
        signal: options.signal,
        onStarted: (runId, childPid) => store.append({ t: 'started', repo: record.id, at: now(), runId, childPid }),
      });
      if (outcome.kind === 'interrupted') {
        await store.append({ t: 'released', repo: record.id, at: now() });
        await publisher?.landed(record.id);
        log(`  ${record.id}: interrupted; the next run continues it`);
        continue;
      }
      const ranBy = {
        host: hostname(),
        shard: options.shard ?? null,
        ...(options.engine ? { engine: options.engine } : {}),
      };
      await store.append({ t: 'finished', repo: record.id, at: now(), record: { ...outcome.record, ranBy } });
      await publisher?.landed(record.id);
      finished += 1;
      log(progressLine(outcome.record, finished));
      if (outcome.record.status === 'FAILED' && options.failFast) stop = true;
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, Math.max(slice.length, 1)) }, worker));
  } finally {
    await publisher?.close();
  }

  await store.compact();
  const view = publisher ? await publisher.view() : await store.view();
  const interrupted = Boolean(options.signal?.aborted);
  const mine = view.records.filter((r) => slice.includes(r.id));
  const allDone = mine.every((r) => r.status === 'COMPLETED' || r.status === 'SKIPPED');
  const result: CampaignRunResult = { view, slice, ran, interrupted, exitCode: interrupted ? 130 : allDone ? 0 : 1 };
  if (options.shard || options.exportPath) {
    const shardResult: ShardResult = {
      kind: 'atx-campaign-shard',
      campaign: spec.name,
      transformation: spec.transformation,
      repoIds: spec.repos.map((r) => r.id),
      shard: options.shard ?? null,
      records: mine,
      writtenAt: now(),
    };
    if (options.shard) {
      result.shardFile = store.shardPath(options.shard.index, options.shard.total);
      await writeJson(result.shardFile, shardResult);
    }
    if (options.exportPath) await writeJson(options.exportPath, shardResult);
  }
  return result;
}

/** The results store of ATX_RESULTS_URL, checked before anything changes; undefined without one. */
async function openPublisher(
  options: CampaignRunOptions,
  store: CampaignStore,
  spec: CampaignSpec,
  log: (line: string) => void,
): Promise<Publisher | undefined> {
  const url = resultsUrlFrom(options.env);
  if (!url) return undefined;
  const leaseMs = leaseMsFrom(options.env);
  const results = new ResultsStore(url, options.atxHome, options.env, spec);
  const publisher = new Publisher({
    results,
    store,
    shard: options.shard ?? null,
    engine: options.engine,
    leaseMs,
    retryFailed: Boolean(options.retryFailed),
    log,
  });
  await publisher.open();
  log(`Results store: ${results.where}`);
  return publisher;
}

function progressLine(record: RepoRecord, finished: number): string {
  const seconds = ((record.durationMs ?? 0) / 1000).toFixed(1);
  const detail =
    record.status === 'COMPLETED' ? (record.branch ? `branch ${record.branch}` : '') : (record.reason ?? '');
  return `  [${finished}] ${record.status} ${record.id} (${seconds} s)${detail ? ` ${detail}` : ''}`;
}
