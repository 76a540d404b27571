// The results store: where the shards of a campaign meet (ATX_RESULTS_URL, a git remote, kept
// like the team registry through util/shared-clone.ts). Each machine's journal stays the source
// of truth for what it ran; the store holds a copy of every record and the claims that say who
// runs what, so any machine sees the whole campaign and a killed shard's work is picked up.
//
// Layout on the remote's default branch:
//   campaigns/<name>/campaign.json      which campaign: name, definition, repository ids (no sources:
//                                       a git URL in the list may hold a token)
//   campaigns/<name>/repos/<id>.json    { record, claim? }: one file a repository, so shards writing
//                                       different repositories never change the same file
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { UsageError } from '../errors.js';
import { resolveInside, writablePathProblem } from '../util/confine.js';
import { readTextIfPresent, writeJson } from '../util/fs.js';
import { withLock } from '../registry/lock.js';
import { cloneFolder, displayUrl, normalizeRemoteUrl, SharedClone } from '../util/shared-clone.js';
import { sameCampaign } from './state.js';
import { RepoRecordSchema, ShardSchema, type CampaignSpec, type RepoRecord } from './types.js';

const ClaimSchema = z.object({
  host: z.string(),
  pid: z.number(),
  shard: ShardSchema.nullable(),
  engine: z.string().optional(),
  claimedAt: z.string(),
  renewedAt: z.string(),
});

const PublishedSchema = z.object({ record: RepoRecordSchema, claim: ClaimSchema.optional() });
export type Published = z.infer<typeof PublishedSchema>;

const IdentitySchema = z.object({
  kind: z.literal('atx-campaign-results'),
  campaign: z.string(),
  transformation: z.string(),
  repoIds: z.array(z.string()),
});

/** What a change to the store decided: the repository files to write, and what to return. */
export interface StoreChange<T> {
  writes: Map<string, Published>;
  message: string;
  result: T;
}

/** ATX_RESULTS_URL, with a local path made absolute as the registry does; undefined when unset. */
export function resultsUrlFrom(env: NodeJS.ProcessEnv): string | undefined {
  const url = env.ATX_RESULTS_URL?.trim();
  return url ? normalizeRemoteUrl(url) : undefined;
}

export class ResultsStore {
  private readonly clone: SharedClone;
  private readonly locks: string;

  constructor(
    readonly url: string,
    atxHome: string,
    env: NodeJS.ProcessEnv,
    private readonly spec: CampaignSpec,
  ) {
    this.clone = new SharedClone(url, cloneFolder(join(atxHome, 'results'), url), env, {
      what: 'the results store',
    });
    this.locks = join(atxHome, 'locks');
  }

  /** The URL as it may be printed. */
  get where(): string {
    return displayUrl(this.url);
  }

  /** Every repository's file as the remote has it now; refuses a store that holds another campaign under this name. */
  read(): Promise<Map<string, Published>> {
    return this.locked(async () => {
      await this.clone.sync();
      return this.readAll();
    });
  }

  /**
   * Applies `change` to the remote's current files and pushes what it writes, starting over when
   * another machine pushed first; `change` may run several times and must decide from `docs` alone.
   */
  transaction<T>(change: (docs: Map<string, Published>) => StoreChange<T>): Promise<T> {
    return this.locked(() =>
      this.clone.transact(async () => {
        const docs = await this.readAll();
        const { writes, message, result } = change(docs);
        if (writes.size === 0) return { result };
        const paths = [await this.writable('campaign.json')];
        await writeJson(paths[0]!, this.identity());
        for (const [id, doc] of writes) {
          const path = await this.writable(`repos/${id}.json`);
          // writeJson redacts: a failed repository's reason may quote a secret.
          await writeJson(path, PublishedSchema.parse(doc));
          paths.push(path);
        }
        return { message: `atx: campaign ${this.spec.name}: ${message}`, paths, result };
      }),
    );
  }

  private identity(): z.infer<typeof IdentitySchema> {
    return {
      kind: 'atx-campaign-results',
      campaign: this.spec.name,
      transformation: this.spec.transformation,
      repoIds: this.spec.repos.map((r) => r.id),
    };
  }

  private async readAll(): Promise<Map<string, Published>> {
    const identity = await this.readFile('campaign.json', IdentitySchema);
    if (identity && !sameCampaign(this.spec, identity))
      throw new UsageError(
        `the results store ${this.where} holds another campaign or repository list under the name "${this.spec.name}" (campaign "${identity.campaign}", ${identity.repoIds.length} repositories); use another campaign name or another ATX_RESULTS_URL`,
      );
    const docs = new Map<string, Published>();
    const names = await readdir(await this.path('repos')).catch(() => [] as string[]);
    for (const repo of this.spec.repos) {
      if (!names.includes(`${repo.id}.json`)) continue;
      const doc = await this.readFile(`repos/${repo.id}.json`, PublishedSchema);
      if (doc && doc.record.id !== repo.id)
        throw new UsageError(`the results store ${this.where} holds a record for ${doc.record.id} in ${repo.id}.json`);
      if (doc) docs.set(repo.id, doc);
    }
    return docs;
  }

  /** A file of the store, validated; a damaged one stops the command rather than being taken for absent. */
  private async readFile<T>(relative: string, schema: z.ZodType<T>): Promise<T | undefined> {
    const path = await this.path(relative);
    const text = await readTextIfPresent(path);
    if (text === undefined) return undefined;
    let parsed: ReturnType<typeof schema.safeParse>;
    try {
      parsed = schema.safeParse(JSON.parse(text));
    } catch (error) {
      throw new UsageError(`the results store ${this.where} holds a damaged ${relative}: ${(error as Error).message}`);
    }
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new UsageError(
        `the results store ${this.where} holds a damaged ${relative}: ${issue.path.join('.') || 'the file'} ${issue.message}`,
      );
    }
    return parsed.data;
  }

  /** A path of this campaign's folder in the clone; a committed link cannot lead it out. */
  private path(relative: string): Promise<string> {
    return resolveInside(this.clone.dir, `campaigns/${this.spec.name}/${relative}`, 'results store path');
  }

  private async writable(relative: string): Promise<string> {
    const full = `campaigns/${this.spec.name}/${relative}`;
    const problem = await writablePathProblem(this.clone.dir, full);
    if (problem) throw new UsageError(`the results store ${this.where} holds ${full} unsafely: ${problem}`);
    return join(this.clone.dir, full);
  }

  /** One git operation at a time on the clone, among every process of this ATX_HOME. */
  private locked<T>(work: () => Promise<T>): Promise<T> {
    return withLock(this.locks, `results:${this.clone.dir}`, work);
  }
}

/** The published record of each repository, for overlaying on this machine's. */
export function publishedRecords(docs: Map<string, Published>): Map<string, RepoRecord> {
  return new Map([...docs].map(([id, doc]) => [id, doc.record]));
}
