// The local registry under ATX_HOME/registry: drafts always live here, and published
// versions too when no team registry is configured. Every change holds the name's lock.
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { assertNameFits, deleteVersions, listNames, readIndex, storeVersion, storedVersionDir, updateRecord, versionFolders, } from './store.js';
import { withLock } from './lock.js';
import { categoryOf, draftSlot, emptyIndex, findRecord, newestRecord, nextVersion, } from './versions.js';
export class LocalRegistry {
    author;
    root;
    locks;
    constructor(atxHome, author) {
        this.author = author;
        this.root = join(atxHome, 'registry');
        this.locks = join(atxHome, 'locks');
    }
    names() {
        return listNames(this.root);
    }
    index(name) {
        return readIndex(this.root, name);
    }
    /** The folder of a stored version, for reading only. */
    dirOf(name, version) {
        return storedVersionDir(this.root, name, version);
    }
    /** Stores a draft; `floor` is the highest version known elsewhere (the team registry). */
    saveDraft(name, described, sourceDir, floor = 0) {
        return this.transact(name, async (index) => {
            const newest = newestRecord(index);
            const replacing = newest?.status === 'draft' ? newest.version : undefined;
            // A draft whose number the team registry has meanwhile used moves above it.
            const version = replacing && Number(replacing) > floor
                ? replacing
                : nextVersion(index, await versionFolders(this.root, name), floor);
            await storeVersion(this.root, name, this.record(version, 'draft', described), sourceDir);
            if (replacing && replacing !== version)
                await deleteVersions(this.root, name, [replacing]);
            return { name, version };
        });
    }
    /** Publishes a new version here; a draft on top of the list gives up its number. */
    publish(name, described, sourceDir) {
        return this.transact(name, async (index) => {
            const version = draftSlot(index, await versionFolders(this.root, name));
            await storeVersion(this.root, name, this.record(version, 'published', described), sourceDir);
            return { name, version };
        });
    }
    /** Marks draft `version` published, files unchanged. */
    promote(name, version) {
        return this.transact(name, async (index) => {
            const record = requireDraft(index, name, version);
            await updateRecord(this.root, name, { ...record, status: 'published', createdAt: new Date().toISOString() });
            return { name, version, category: categoryOf(record) };
        });
    }
    /** Removes the given versions (all when omitted); returns the versions removed. */
    remove(name, versions) {
        return this.transact(name, async (index) => {
            const removed = versions ?? index.versions.map((r) => r.version);
            await deleteVersions(this.root, name, removed);
            return removed;
        });
    }
    /** Deletes versions without taking the lock: only for use inside `transact`. */
    dropVersions(name, versions) {
        return deleteVersions(this.root, name, versions);
    }
    /**
     * Runs `work` on the current index while holding the name's lock. The index is re-read
     * inside the lock so a version another process just added is seen.
     */
    transact(name, work) {
        return withLock(this.locks, `registry:${name}`, async () => {
            await assertNameFits(this.root, name);
            return work((await readIndex(this.root, name)) ?? emptyIndex(name));
        });
    }
    record(version, status, { description, category }) {
        const record = { version, status, description, category, createdAt: new Date().toISOString() };
        if (this.author)
            record.author = this.author;
        return record;
    }
}
/** The draft to promote, or a UsageError saying why it cannot be promoted. */
export function requireDraft(index, name, version) {
    const record = findRecord(index, version);
    if (!record)
        throw new UsageError(`${name} has no version ${version}; see atx custom def list`);
    if (record.status === 'published')
        throw new UsageError(`${name} version ${version} is already published; published versions are immutable`);
    return record;
}
