// Creating a campaign, setting a repository's status by hand, and folding shard results in.
import { isAbsolute, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { readJson } from '../util/fs.js';
import { hasInventory, reposFixedBy } from './fleet.js';
import { readRepoList, toEntries } from './repos.js';
import { sameCampaign } from './state.js';
import { CampaignStore, now } from './store.js';
import {
  RepoStatusSchema,
  ShardResultSchema,
  type CampaignSpec,
  type CampaignView,
  type RepoRecord,
  type RepoStatus,
} from './types.js';

export interface CreateOptions {
  atxHome: string;
  cwd: string;
  name: string;
  transformation?: string;
  transformationVersion?: string;
  reposFile?: string;
  repos?: string[];
  buildCommand?: string;
  configuration?: string;
  /** Another campaign, inventoried: take exactly its repositories whose findings the transformation fixes. */
  fromFindings?: string;
  /** How to read that campaign (with the results store's records); default: this machine's journal. */
  readView?: (name: string) => Promise<CampaignView>;
}

/**
 * Creating the same campaign again with the same list is a no-op, so every job of a CI matrix
 * can run the same `create` before its shard; a different list or definition is an error.
 */
export async function createCampaign(options: CreateOptions): Promise<{ spec: CampaignSpec; created: boolean }> {
  if (!options.transformation) throw new UsageError('missing --transformation DEF (e.g. AWS/nodejs-version-upgrade)');
  const sources = options.fromFindings
    ? await sourcesFixedBy(options.fromFindings, options.transformation, options)
    : [...(options.reposFile ? await readRepoList(options.reposFile, options.cwd) : []), ...(options.repos ?? [])];
  if (!sources.length) throw new UsageError('give the repositories: --repos FILE or --repo PATH (repeatable)');
  const spec: CampaignSpec = {
    name: options.name,
    transformation: options.transformation,
    ...(options.transformationVersion ? { transformationVersion: options.transformationVersion } : {}),
    ...(options.buildCommand ? { buildCommand: options.buildCommand } : {}),
    ...(options.configuration ? { configuration: absoluteConfig(options.configuration, options.cwd) } : {}),
    repos: toEntries(sources, options.cwd),
    createdAt: now(),
  };
  const store = new CampaignStore(options.atxHome, options.name);
  if (await store.exists()) {
    const existing = await store.loadSpec();
    if (JSON.stringify({ ...existing, createdAt: '' }) === JSON.stringify({ ...spec, createdAt: '' }))
      return { spec: existing, created: false };
    throw new UsageError(`a campaign named "${options.name}" already exists with other settings; choose another name`);
  }
  await store.writeSpec(spec);
  return { spec, created: true };
}

/** The repositories of an inventoried campaign whose findings `transformation` fixes, as they were given. */
async function sourcesFixedBy(
  from: string,
  transformation: string,
  options: Pick<CreateOptions, 'atxHome' | 'reposFile' | 'repos' | 'readView'>,
): Promise<string[]> {
  if (options.reposFile || options.repos?.length)
    throw new UsageError('--from-findings takes the repositories from that campaign: give no --repos or --repo');
  const store = new CampaignStore(options.atxHome, from);
  if (!(await store.exists())) throw new UsageError(`no campaign named "${from}" (see \`atx custom campaign list\`)`);
  const view = options.readView ? await options.readView(from) : await store.view();
  if (!hasInventory(view))
    throw new UsageError(
      `campaign "${from}" holds no inventory yet: run it with an analysis such as AWS/lambda-fleet-inventory first`,
    );
  const fixed = new Set(reposFixedBy(view, transformation).map((r) => r.id));
  if (!fixed.size)
    throw new UsageError(`no repository of campaign "${from}" has a finding that ${transformation} fixes`);
  return view.spec.repos.filter((r) => fixed.has(r.id)).map((r) => r.source);
}

/** Runs are started from another folder than create's; a relative file:// path must survive that. */
function absoluteConfig(configuration: string, cwd: string): string {
  const match = /^file:\/\/(.+)$/.exec(configuration);
  if (!match || isAbsolute(match[1]!)) return configuration;
  return `file://${resolve(cwd, match[1]!)}`;
}

export function findRepo(view: CampaignView, repo: string): RepoRecord {
  const entry = view.spec.repos.find((r) => r.id === repo || r.source === repo || r.source === resolve(repo));
  if (!entry)
    throw new UsageError(
      `campaign "${view.spec.name}" has no repository "${repo}"; its repositories: ${view.spec.repos.map((r) => r.id).join(', ')}`,
    );
  return view.records.find((r) => r.id === entry.id)!;
}

export async function updateRepoStatus(
  atxHome: string,
  name: string,
  repo: string,
  status: string,
  reason?: string,
): Promise<RepoRecord> {
  const parsed = RepoStatusSchema.safeParse(status?.toUpperCase());
  if (!parsed.success)
    throw new UsageError(`--status must be one of ${RepoStatusSchema.options.join(', ')} (got "${status}")`);
  const store = new CampaignStore(atxHome, name);
  const record = findRepo(await store.view(), repo);
  await store.append({
    t: 'set',
    repo: record.id,
    at: now(),
    status: parsed.data as RepoStatus,
    reason: reason ?? 'set by hand',
  });
  return findRepo(await store.view(), record.id);
}

/**
 * Folds shard results into the campaign. A shard only speaks for the repositories it ran: a
 * record still PENDING there does not overwrite what another shard (or this machine) knows.
 */
export async function mergeShards(
  atxHome: string,
  name: string,
  files: string[],
  cwd: string,
): Promise<{ view: CampaignView; merged: number }> {
  if (files.length === 0)
    throw new UsageError('give at least one shard result file: atx custom campaign merge -n NAME FILE…');
  const store = new CampaignStore(atxHome, name);
  const spec = await store.loadSpec();
  const events = [];
  for (const file of files) {
    const path = resolve(cwd, file);
    const parsed = ShardResultSchema.safeParse(
      await readJson(path).catch((error: Error) => {
        throw new UsageError(`cannot read shard result ${path}: ${error.message}`);
      }),
    );
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new UsageError(
        `${path} is not a campaign shard result (written by \`campaign run --shard I/N\`): ${issue.path.join('.')} ${issue.message}`,
      );
    }
    const shard = parsed.data;
    if (!sameCampaign(spec, shard)) {
      throw new UsageError(
        `${path} belongs to another campaign or repository list (campaign "${shard.campaign}", ${shard.repoIds.length} repositories)`,
      );
    }
    for (const record of shard.records) {
      if (record.status === 'PENDING' || record.status === 'IN_PROGRESS') continue;
      events.push({ t: 'finished' as const, repo: record.id, at: now(), record: { ...record, owner: undefined } });
    }
  }
  await store.append(...events);
  return { view: await store.view(), merged: events.length };
}
