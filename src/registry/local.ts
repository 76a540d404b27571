// The local registry under ATX_HOME/registry: drafts always live here, and published
// versions too when no team registry is configured. Every change holds the name's lock.
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import {
  assertNameFits,
  deleteVersions,
  listNames,
  readIndex,
  storeVersion,
  storedVersionDir,
  updateRecord,
  versionFolders,
} from './store.js';
import { withLock } from './lock.js';
import type { Category } from '../definitions/types.js';
import {
  categoryOf,
  draftSlot,
  emptyIndex,
  findRecord,
  newestRecord,
  nextVersion,
  type Described,
  type NameIndex,
  type VersionRecord,
} from './versions.js';

export interface Stored {
  name: string;
  version: string;
}

export class LocalRegistry {
  readonly root: string;
  private readonly locks: string;

  constructor(
    atxHome: string,
    private readonly author?: string,
  ) {
    this.root = join(atxHome, 'registry');
    this.locks = join(atxHome, 'locks');
  }

  names(): Promise<string[]> {
    return listNames(this.root);
  }

  index(name: string): Promise<NameIndex | undefined> {
    return readIndex(this.root, name);
  }

  /** The folder of a stored version, for reading only. */
  dirOf(name: string, version: string): Promise<string> {
    return storedVersionDir(this.root, name, version);
  }

  /** Stores a draft; `floor` is the highest version known elsewhere (the team registry). */
  saveDraft(name: string, described: Described, sourceDir: string, floor = 0): Promise<Stored> {
    return this.transact(name, async (index) => {
      const newest = newestRecord(index);
      const replacing = newest?.status === 'draft' ? newest.version : undefined;
      // A draft whose number the team registry has meanwhile used moves above it.
      const version =
        replacing && Number(replacing) > floor
          ? replacing
          : nextVersion(index, await versionFolders(this.root, name), floor);
      await storeVersion(this.root, name, this.record(version, 'draft', described), sourceDir);
      if (replacing && replacing !== version) await deleteVersions(this.root, name, [replacing]);
      return { name, version };
    });
  }

  /** Publishes a new version here; a draft on top of the list gives up its number. */
  publish(name: string, described: Described, sourceDir: string): Promise<Stored> {
    return this.transact(name, async (index) => {
      const version = draftSlot(index, await versionFolders(this.root, name));
      await storeVersion(this.root, name, this.record(version, 'published', described), sourceDir);
      return { name, version };
    });
  }

  /** Marks draft `version` published, files unchanged. */
  promote(name: string, version: string): Promise<Stored & { category: Category }> {
    return this.transact(name, async (index) => {
      const record = requireDraft(index, name, version);
      await updateRecord(this.root, name, { ...record, status: 'published', createdAt: new Date().toISOString() });
      return { name, version, category: categoryOf(record) };
    });
  }

  /** Removes the given versions (all when omitted); returns the versions removed. */
  remove(name: string, versions?: string[]): Promise<string[]> {
    return this.transact(name, async (index) => {
      const removed = versions ?? index.versions.map((r) => r.version);
      await deleteVersions(this.root, name, removed);
      return removed;
    });
  }

  /** Deletes versions without taking the lock: only for use inside `transact`. */
  dropVersions(name: string, versions: string[]): Promise<void> {
    return deleteVersions(this.root, name, versions);
  }

  /**
   * Runs `work` on the current index while holding the name's lock. The index is re-read
   * inside the lock so a version another process just added is seen.
   */
  transact<T>(name: string, work: (index: NameIndex) => Promise<T>): Promise<T> {
    return withLock(this.locks, `registry:${name}`, async () => {
      await assertNameFits(this.root, name);
      return work((await readIndex(this.root, name)) ?? emptyIndex(name));
    });
  }

  private record(
    version: string,
    status: VersionRecord['status'],
    { description, category }: Described,
  ): VersionRecord {
    const record: VersionRecord = { version, status, description, category, createdAt: new Date().toISOString() };
    if (this.author) record.author = this.author;
    return record;
  }
}

/** The draft to promote, or a UsageError saying why it cannot be promoted. */
export function requireDraft(index: NameIndex, name: string, version: string): VersionRecord {
  const record = findRecord(index, version);
  if (!record) throw new UsageError(`${name} has no version ${version}; see atx custom def list`);
  if (record.status === 'published')
    throw new UsageError(`${name} version ${version} is already published; published versions are immutable`);
  return record;
}
