// Where a campaign lives (ATX_HOME/campaigns/NAME/) and every read and write of its state.
import { hostname } from 'node:os';
import { join } from 'node:path';
import { readdir } from 'node:fs/promises';
import { UsageError } from '../errors.js';
import { exists, readJson, writeJson } from '../util/fs.js';
import { appendJournal, compactJournal, readJournal, withJournalLock } from './journal.js';
import { replay, viewOf } from './state.js';
import {
  CampaignSpecSchema,
  EventSchema,
  type CampaignEvent,
  type CampaignSpec,
  type CampaignView,
  type RepoRecord,
} from './types.js';

const namePattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
/** Replay cost grows with the journal; past this many lines a run folds it into snapshots. */
const compactAfterLines = 2000;

export function validateCampaignName(name: string | undefined): string {
  if (!name) throw new UsageError('a campaign name is required: -n NAME');
  if (!namePattern.test(name))
    throw new UsageError(`invalid campaign name "${name}": use letters, digits, ".", "_" and "-" (at most 100)`);
  return name;
}

export function campaignsDir(atxHome: string): string {
  return join(atxHome, 'campaigns');
}

export class CampaignStore {
  readonly dir: string;
  readonly journal: string;
  private spec?: CampaignSpec;

  constructor(
    readonly atxHome: string,
    readonly name: string,
  ) {
    this.dir = join(campaignsDir(atxHome), validateCampaignName(name));
    this.journal = join(this.dir, 'journal.jsonl');
  }

  get specPath(): string {
    return join(this.dir, 'campaign.json');
  }

  shardPath(index: number, total: number): string {
    return join(this.dir, 'shards', `${index}-of-${total}.json`);
  }

  async exists(): Promise<boolean> {
    return exists(this.specPath);
  }

  async writeSpec(spec: CampaignSpec): Promise<void> {
    await writeJson(this.specPath, spec);
    this.spec = spec;
  }

  async loadSpec(): Promise<CampaignSpec> {
    if (this.spec) return this.spec;
    if (!(await this.exists()))
      throw new UsageError(
        `no campaign named "${this.name}"; create it with \`atx custom campaign create -n ${this.name} …\``,
      );
    let raw: unknown;
    try {
      raw = await readJson(this.specPath);
    } catch (error) {
      throw new UsageError(`campaign file ${this.specPath} is damaged: ${(error as Error).message}`);
    }
    const parsed = CampaignSpecSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new UsageError(
        `campaign file ${this.specPath} is damaged: ${issue.path.join('.') || 'the file'} ${issue.message}`,
      );
    }
    this.spec = parsed.data;
    return this.spec;
  }

  async events(): Promise<CampaignEvent[]> {
    const { events } = await readJournal(this.journal, (value) => {
      const parsed = EventSchema.safeParse(value);
      return parsed.success ? parsed.data : undefined;
    });
    return events;
  }

  async view(): Promise<CampaignView> {
    const spec = await this.loadSpec();
    return viewOf(spec, replay(spec, await this.events()));
  }

  async append(...events: CampaignEvent[]): Promise<void> {
    await withJournalLock(this.journal, () => appendJournal(this.journal, events));
  }

  /**
   * Takes the next repository `wanted` accepts and marks it IN_PROGRESS, as one step under the
   * lock: two runners on one campaign never take the same repository. `attempts`: the attempt
   * this claim starts, when the results store counted the earlier ones on other machines.
   */
  async claim(
    order: string[],
    wanted: (record: RepoRecord) => boolean,
    attempts?: number,
  ): Promise<RepoRecord | undefined> {
    return withJournalLock(this.journal, async () => {
      const spec = await this.loadSpec();
      const records = new Map(replay(spec, await this.events()).map((r) => [r.id, r]));
      const next = order.map((id) => records.get(id)!).find((record) => record && wanted(record));
      if (!next) return undefined;
      const event: CampaignEvent = {
        t: 'claim',
        repo: next.id,
        at: now(),
        host: hostname(),
        pid: process.pid,
        ...(attempts === undefined ? {} : { attempts }),
      };
      await appendJournal(this.journal, [event]);
      return replay(spec, [...(await this.events())]).find((r) => r.id === next.id);
    });
  }

  /** Folds the journal into one snapshot per repository, when it has grown (or when forced). */
  async compact(force = false): Promise<void> {
    await withJournalLock(this.journal, async () => {
      const spec = await this.loadSpec();
      const events = await this.events();
      if (!force && events.length < compactAfterLines) return;
      const at = now();
      await compactJournal(
        this.journal,
        replay(spec, events).map((record): CampaignEvent => ({ t: 'snapshot', repo: record.id, at, record })),
      );
    });
  }
}

export async function listCampaigns(atxHome: string): Promise<string[]> {
  const names = await readdir(campaignsDir(atxHome)).catch(() => [] as string[]);
  const found: string[] = [];
  for (const name of names.sort())
    if (namePattern.test(name) && (await exists(join(campaignsDir(atxHome), name, 'campaign.json')))) found.push(name);
  return found;
}

export function now(): string {
  return new Date().toISOString();
}
