// The registry as commands see it: AWS-managed, local and team definitions behind one
// interface. Validation happens here, before anything is stored.
import { UsageError } from '../errors.js';
import { loadDefinitionDir } from '../definitions/load.js';
import type { Category } from '../definitions/types.js';
import { findAwsDefinition, listAwsDefinitions, type AwsDefinition } from './aws.js';
import { LocalRegistry, requireDraft } from './local.js';
import { isAwsName, validateName, validateVersion, validateWritableName } from './names.js';
import { TeamRegistry } from './team.js';
import { TeamUnreachableError } from './team-git.js';
import type { Origin, Registry, RegistryEntry, RegistryOptions, ResolvedDefinition } from './types.js';
import {
  categoryOf,
  defaultRecord,
  findRecord,
  newestRecord,
  sortedRecords,
  type Described,
  type NameIndex,
} from './versions.js';

interface Candidate extends Omit<ResolvedDefinition, 'dir'> {
  createdAt: string;
  source: LocalRegistry | TeamRegistry;
}

export class AtxRegistry implements Registry {
  private readonly local: LocalRegistry;
  private readonly team?: TeamRegistry;
  /** Set once the team registry could not be reached; one warning per command is enough. */
  private unreachable?: TeamUnreachableError;

  constructor(private readonly options: RegistryOptions) {
    this.local = new LocalRegistry(options.atxHome, options.author);
    if (options.teamUrl) {
      this.team = new TeamRegistry({
        url: options.teamUrl,
        atxHome: options.atxHome,
        env: options.env ?? process.env,
        author: options.author,
      });
    }
  }

  async list(): Promise<RegistryEntry[]> {
    const entries: RegistryEntry[] = (await this.aws()).map((d) => ({
      name: d.name,
      version: d.version,
      description: d.description,
      category: d.category,
      origin: 'aws-managed',
      versions: [d.version],
      status: 'published',
    }));
    for (const [origin, source] of this.customSources()) {
      const names = await this.reachable(
        source,
        () => source.names(),
        'showing AWS-managed and local definitions only',
      );
      for (const name of names ?? []) {
        const index = await source.index(name);
        const record = index && defaultRecord(index);
        if (!index || !record) continue;
        const versions = sortedRecords(index).map((r) => r.version);
        entries.push({
          name,
          version: record.version,
          description: record.description,
          category: categoryOf(record),
          origin,
          versions,
          status: record.status,
        });
      }
    }
    return entries;
  }

  async resolve(name: string, version?: string): Promise<ResolvedDefinition> {
    validateName(name);
    // The AWS/ version is compared as a string and never joined into a path.
    if (isAwsName(name)) return this.resolveAws(name, version);
    if (version !== undefined) validateVersion(version);
    const candidates = await this.candidates(name);
    if (!candidates.length) {
      const missed = this.unreachable;
      const why = missed
        ? ` (the team registry ${missed.url} could not be reached: ${missed.reason}; only AWS-managed and local definitions were searched)`
        : '';
      throw new UsageError(`unknown definition "${name}"${why}; see atx custom def list`);
    }
    if (version !== undefined) {
      const matching = candidates.filter((c) => c.version === version);
      if (!matching.length)
        throw new UsageError(`${name} has no version "${version}" (versions: ${listVersions(candidates)})`);
      return located(pickNewest(matching));
    }
    const published = candidates.filter((c) => c.status === 'published');
    return located(pickNewest(published.length ? published : candidates));
  }

  async saveDraft(name: string, description: string, sourceDir: string, category?: Category) {
    validateWritableName(name);
    const described = await describe(description, sourceDir, category);
    const floor = this.team ? highestVersion(await this.team.index(name)) : 0;
    return { ...(await this.local.saveDraft(name, described, sourceDir, floor)), category: described.category };
  }

  async publish(name: string, description: string, sourceDir: string, category?: Category) {
    validateWritableName(name);
    const described = await describe(description, sourceDir, category);
    const team = this.team;
    if (!team)
      return {
        ...(await this.local.publish(name, described, sourceDir)),
        origin: 'local' as const,
        category: described.category,
      };
    // The newest local draft is what this publication supersedes; it goes once the push landed.
    const version = await this.local.transact(name, async (index) => {
      const landed = await team.publish(name, described, sourceDir);
      const newest = newestRecord(index);
      if (newest?.status === 'draft') await this.local.dropVersions(name, [newest.version]);
      return landed;
    });
    return { name, version, origin: 'team' as const, category: described.category };
  }

  async promote(name: string, version: string) {
    validateWritableName(name);
    validateVersion(version);
    const team = this.team;
    if (!team) return { ...(await this.local.promote(name, version)), origin: 'local' as const };
    const landed = await this.local.transact(name, async (index) => {
      if (!findRecord(index, version)) {
        const teamIndex = await team.index(name);
        if (teamIndex && findRecord(teamIndex, version)) {
          throw new UsageError(`${name} version ${version} is already published; published versions are immutable`);
        }
      }
      const draft = requireDraft(index, name, version);
      const described = { description: draft.description, category: categoryOf(draft) };
      const published = await team.publish(name, described, await this.local.dirOf(name, version), {
        author: draft.author,
      });
      await this.local.dropVersions(name, [version]);
      return { version: published, category: described.category };
    });
    return { name, version: landed.version, origin: 'team' as const, category: landed.category };
  }

  async remove(name: string, version?: string): Promise<{ removed: string[]; origins: Origin[] }> {
    validateWritableName(name);
    if (version !== undefined) validateVersion(version);
    const holds = (index: NameIndex | undefined) =>
      Boolean(index && (version === undefined ? index.versions.length : findRecord(index, version)));
    const inLocal = holds(await this.local.index(name));
    const inTeam = this.team ? holds(await this.team.index(name)) : false;
    if (!inLocal && !inTeam) {
      throw new UsageError(
        version === undefined
          ? `unknown definition "${name}"; see atx custom def list`
          : `${name} has no version "${version}"`,
      );
    }
    const versions = version === undefined ? undefined : [version];
    const removed = new Set<string>();
    const origins: Origin[] = [];
    if (inLocal) {
      for (const v of await this.local.remove(name, versions)) removed.add(v);
      origins.push('local');
    }
    if (inTeam && this.team) {
      for (const v of await this.team.remove(name, versions)) removed.add(v);
      origins.push('team');
    }
    return { removed: [...removed].sort((a, b) => Number(a) - Number(b)), origins };
  }

  private aws(): Promise<AwsDefinition[]> {
    return listAwsDefinitions(this.options.awsDir);
  }

  private customSources(): Array<[Origin, LocalRegistry | TeamRegistry]> {
    return this.team
      ? [
          ['local', this.local],
          ['team', this.team],
        ]
      : [['local', this.local]];
  }

  private async resolveAws(name: string, version?: string): Promise<ResolvedDefinition> {
    const wanted = name.slice(name.indexOf('/') + 1);
    const found = await findAwsDefinition(this.options.awsDir, wanted);
    if (!found) throw new UsageError(`unknown AWS-managed definition "${name}"; see atx custom def list`);
    if (version !== undefined && version !== found.version) {
      throw new UsageError(`${found.name} has no version "${version}" (version: ${found.version})`);
    }
    return {
      name: found.name,
      version: found.version,
      origin: 'aws-managed',
      description: found.description,
      category: found.category,
      dir: found.dir,
      status: 'published',
    };
  }

  /** Every version of `name` in the local and the team registry; an unreachable team registry is skipped, with a warning. */
  private async candidates(name: string): Promise<Candidate[]> {
    const all: Candidate[] = [];
    for (const [origin, source] of this.customSources()) {
      const index = await this.reachable(
        source,
        () => source.index(name),
        'looking only at AWS-managed and local definitions',
      );
      for (const r of index?.versions ?? []) {
        all.push({
          name,
          version: r.version,
          origin,
          description: r.description,
          category: categoryOf(r),
          status: r.status,
          createdAt: r.createdAt,
          source,
        });
      }
    }
    return all;
  }

  /** `read()`, or undefined (after one warning) when it needs a team registry that cannot be reached. */
  private async reachable<T>(
    source: LocalRegistry | TeamRegistry,
    read: () => Promise<T>,
    fallback: string,
  ): Promise<T | undefined> {
    try {
      return await read();
    } catch (error) {
      if (!(source instanceof TeamRegistry) || !(error instanceof TeamUnreachableError)) throw error;
      if (!this.unreachable)
        this.options.warn?.(`the team registry ${error.url} could not be reached (${error.reason}); ${fallback}`);
      this.unreachable = error;
      return undefined;
    }
  }
}

/**
 * The user's description and category, or what the definition says of itself where they gave
 * none (its objective; its front matter's category, else remediation). Validates the folder first.
 */
async function describe(description: string, sourceDir: string, category?: Category): Promise<Described> {
  const { definition } = await loadDefinitionDir(sourceDir);
  // Read only here (publishing): a listing or a run does not load the markdown parser.
  const { definitionCategory, definitionDescription } = await import('../definitions/describe.js');
  return {
    description: description.trim() || definitionDescription(definition),
    category: category ?? definitionCategory(definition),
  };
}

function highestVersion(index: NameIndex | undefined): number {
  return Math.max(0, index?.lastVersion ?? 0, ...(index?.versions ?? []).map((r) => Number(r.version)));
}

/**
 * Within one origin the higher number is newer (numbers only grow there). Between local and
 * team, whose numbers are allocated independently, the more recently created one wins.
 */
function pickNewest(candidates: Candidate[]): Candidate {
  const best = new Map<Origin, Candidate>();
  for (const c of candidates) {
    const current = best.get(c.origin);
    if (!current || Number(c.version) > Number(current.version)) best.set(c.origin, c);
  }
  return [...best.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt)).at(-1)!;
}

/** The chosen candidate with the folder it is loaded from, checked (no link out, no link inside). */
async function located({ createdAt: _createdAt, source, ...resolved }: Candidate): Promise<ResolvedDefinition> {
  return { ...resolved, dir: await source.dirOf(resolved.name, resolved.version) };
}

function listVersions(candidates: Candidate[]): string {
  return [...new Set(candidates.map((c) => c.version))].sort((a, b) => Number(a) - Number(b)).join(', ');
}
