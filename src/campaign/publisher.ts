// A campaign run with a results store: it claims each repository in the store before starting
// it, renews its claims while working, and publishes each record as it lands in the journal.
// The journal is written first, always: when the store cannot be written, results wait there and
// the next publish (or the next run) catches up.
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { RemoteUnreachableError } from '../util/shared-clone.js';
import { claimable, isMine, takeoverReason, type Claim, type Claimant, type ClaimRules } from './lease.js';
import { publishedRecords, ResultsStore, type Published } from './results.js';
import type { Shard } from './shard.js';
import { newer, overlay, viewOf } from './state.js';
import { CampaignStore, now } from './store.js';
import type { CampaignView, RepoRecord } from './types.js';
import { alive } from './worker.js';

export interface PublisherOptions {
  results: ResultsStore;
  store: CampaignStore;
  shard: Shard | null;
  engine?: string;
  leaseMs: number;
  retryFailed: boolean;
  log: (line: string) => void;
}

export class Publisher {
  private readonly me: Claimant;
  /** Repositories this process holds a claim on. */
  private readonly held = new Set<string>();
  /** Records in the journal that the store does not have yet. */
  private readonly queue = new Set<string>();
  private flushing: Promise<void> = Promise.resolve();
  private renewing?: Promise<void>;
  private timer?: NodeJS.Timeout;
  /** Set while the store cannot be written, so the warning is said once, and its end too. */
  private failing = false;
  private readonly startedMs = Date.now();

  constructor(private readonly options: PublisherOptions) {
    this.me = {
      host: hostname(),
      pid: process.pid,
      shard: options.shard,
      ...(options.engine ? { engine: options.engine } : {}),
    };
  }

  /**
   * Before anything changes: the store must be reachable and hold this campaign (a UsageError,
   * exit 2, otherwise). Then publishes what this machine finished while the store was out of reach.
   */
  async open(): Promise<void> {
    const docs = await this.options.results.read();
    for (const record of (await this.options.store.view()).records) {
      const published = docs.get(record.id)?.record;
      // IN_PROGRESS stays out: the store's claim says who holds it, the journal's copy would hide that.
      if (record.status !== 'IN_PROGRESS' && record.updatedAt && newer(record, published) === record)
        this.queue.add(record.id);
    }
    if (this.queue.size) {
      this.options.log(`Publishing ${this.queue.size} result(s) kept in this machine's journal`);
      await this.flush();
    }
    // A timer longer than 2^31-1 ms fires at once in Node.js: a very long lease renews at that.
    this.timer = setInterval(
      () => {
        this.renewing ??= this.renew().finally(() => (this.renewing = undefined));
      },
      Math.min(this.options.leaseMs / 3, 2 ** 31 - 1),
    );
  }

  /** Claims the first repository of `slice` not in `skip` that the store lets this run start; undefined when none. */
  async claim(slice: string[], skip: Set<string>): Promise<RepoRecord | undefined> {
    let docs: Map<string, Published>;
    try {
      docs = await this.patiently(() => this.options.results.read());
    } catch (error) {
      this.unwritable(error, 'starting no new repository');
      return undefined;
    }
    const local = new Map((await this.options.store.view()).records.map((r) => [r.id, r]));
    for (const id of slice) {
      const doc = docs.get(id);
      if (skip.has(id) || !claimable(newer(local.get(id)!, doc?.record), doc?.claim, this.rules()).ok) continue;
      skip.add(id);
      let won: { attempts: number; takeover?: string; from?: Claim } | undefined;
      try {
        won = await this.patiently(() =>
          this.options.results.transaction((fresh) => this.claimChange(id, local.get(id)!, fresh.get(id))),
        );
      } catch (error) {
        this.unwritable(error, 'starting no new repository');
        return undefined;
      }
      if (!won) continue;
      if (won.takeover && won.from)
        this.options.log(`  ${id}: taking over from ${describe(won.from)}: ${won.takeover}`);
      this.held.add(id);
      return this.options.store.claim([id], () => true, won.attempts);
    }
    return undefined;
  }

  /** The repository's record is in the journal (finished, or released when interrupted): publish it. */
  landed(id: string): Promise<void> {
    this.held.delete(id);
    this.queue.add(id);
    this.flushing = this.flushing.then(() => this.flush());
    return this.flushing;
  }

  /** Stops renewing and waits for the last publication. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.renewing;
    await this.flushing;
    if (this.queue.size)
      this.options.log(
        `${this.queue.size} result(s) are in this machine's journal only; the next \`campaign run\` with ATX_RESULTS_URL publishes them`,
      );
  }

  /** This machine's records with every newer one from the store (the local view when it cannot be read). */
  async view(): Promise<CampaignView> {
    const local = await this.options.store.view();
    try {
      return viewOf(local.spec, overlay(local.records, publishedRecords(await this.options.results.read())));
    } catch (error) {
      this.unwritable(error, "the status shows this machine's records");
      return local;
    }
  }

  /**
   * A claim tried again, waiting longer each time, for up to a third of the lease (at most 30 s):
   * a shard that gave up at the first refused push or network hiccup would leave its slice for
   * no one, as no other slot takes it.
   */
  private async patiently<T>(attempt: () => Promise<T>): Promise<T> {
    const deadline = Date.now() + Math.min(this.options.leaseMs / 3, 30_000);
    for (let wait = 250; ; wait *= 2) {
      try {
        return await attempt();
      } catch (error) {
        if (Date.now() + wait > deadline) throw error;
        await sleep(wait + Math.random() * wait);
      }
    }
  }

  private rules(): ClaimRules {
    return {
      me: this.me,
      startedMs: this.startedMs,
      leaseMs: this.options.leaseMs,
      retryFailed: this.options.retryFailed,
      nowMs: Date.now(),
      alive,
    };
  }

  private claimChange(id: string, local: RepoRecord, doc: Published | undefined) {
    const current = newer(local, doc?.record);
    const verdict = claimable(current, doc?.claim, this.rules());
    if (!verdict.ok) return { writes: new Map<string, Published>(), message: '', result: undefined };
    // Attempts count across machines: the store's count, or this machine's when it ran more.
    const attempts = Math.max(local.attempts, doc?.record.attempts ?? 0) + 1;
    const at = now();
    const record: RepoRecord = {
      ...current,
      status: 'IN_PROGRESS',
      reason: undefined,
      attempts,
      owner: { host: this.me.host, pid: this.me.pid },
      updatedAt: at,
    };
    return {
      writes: new Map([[id, { record, claim: { ...this.me, claimedAt: at, renewedAt: at } }]]),
      message: `claim ${id}${shardText(this.me.shard)}`,
      result: { attempts, takeover: verdict.takeover, from: doc?.claim },
    };
  }

  /** Writes the journal's record of every queued repository this process may still speak for. */
  private async flush(): Promise<void> {
    if (!this.queue.size) return;
    // These ids, read after they were queued: one that lands meanwhile waits for the next flush.
    const ids = [...this.queue];
    const local = new Map((await this.options.store.view()).records.map((r) => [r.id, r]));
    try {
      const { written, lost } = await this.options.results.transaction((docs) => {
        const writes = new Map<string, Published>();
        const lost: Array<{ id: string; claim: Claim }> = [];
        for (const id of ids) {
          const doc = docs.get(id);
          const record = local.get(id)!;
          // Taken over meanwhile (this run stalled past its lease): the new owner's record counts.
          if (doc?.claim && !isMine(doc.claim, this.me) && !takeoverReason(doc.claim, this.rules()))
            lost.push({ id, claim: doc.claim });
          else if (newer(record, doc?.record) === record) writes.set(id, { record: { ...record, owner: undefined } });
        }
        return {
          writes,
          message: `${writes.size} result(s)${shardText(this.me.shard)}`,
          result: { written: writes, lost },
        };
      });
      for (const id of ids) this.queue.delete(id);
      for (const { id, claim } of lost)
        this.options.log(
          `  ${id}: ${describe(claim)} took it over meanwhile; this run's result stays in the local journal`,
        );
      if (this.failing)
        this.options.log(
          `The results store ${this.options.results.where} is reachable again; published ${written.size} result(s)`,
        );
      this.failing = false;
    } catch (error) {
      this.unwritable(error, `${this.queue.size} result(s) kept in the local journal; the next publish catches up`);
    }
  }

  /** Moves the renewal time of every claim this process still holds. */
  private async renew(): Promise<void> {
    if (!this.held.size) return;
    try {
      await this.options.results.transaction((docs) => {
        const writes = new Map<string, Published>();
        for (const id of this.held) {
          const doc = docs.get(id);
          if (doc?.claim && isMine(doc.claim, this.me))
            writes.set(id, { ...doc, claim: { ...doc.claim, renewedAt: now() } });
        }
        return { writes, message: `renew ${writes.size} claim(s)${shardText(this.me.shard)}`, result: undefined };
      });
    } catch (error) {
      this.unwritable(error, 'claims not renewed');
    }
  }

  /**
   * A store that cannot be used mid-run (unreachable, a refused push, a file another version
   * wrote) costs no result: the journal has it. Said once on stderr, until the store works again.
   */
  private unwritable(error: unknown, consequence: string): void {
    if (!this.failing) {
      const reason =
        error instanceof RemoteUnreachableError
          ? error.reason
          : String((error as Error).message ?? error).split('\n')[0];
      this.options.log(
        `atx: warning: the results store ${this.options.results.where} could not be used (${reason}); ${consequence}`,
      );
    }
    this.failing = true;
  }
}

function shardText(shard: Shard | null): string {
  return shard ? ` (shard ${shard.index}/${shard.total})` : '';
}

function describe(claim: Claim): string {
  return `${claim.host} pid ${claim.pid}${shardText(claim.shard)}${claim.engine ? ` from ${claim.engine}` : ''}`;
}
