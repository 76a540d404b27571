// The team registry: a git repository everyone pushes to. Publishing is fetch, reset,
// allocate, write, commit, push; a push refused because someone else got there first
// starts over from the new remote state (util/shared-clone.ts), so concurrent publishers all
// land, each with its own version number.
import { lstat, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DefinitionError, UsageError } from '../errors.js';
import { safeSegment } from '../util/confine.js';
import { writeOwnFile } from '../util/fs.js';
import { withLock } from './lock.js';
import { validateName } from './names.js';
import { deleteVersions, listNames, nameDir, pathInside, readIndex, storeVersion, storedVersionDir, versionFolders, assertNameFits, writablePathInside, } from './store.js';
import { displayUrl } from '../util/shared-clone.js';
import { teamClone } from './team-git.js';
import { emptyIndex, findRecord, nextVersion } from './versions.js';
const freshForMs = 30_000;
export class TeamRegistry {
    options;
    url;
    root;
    clone;
    locks;
    lockKey;
    fresh;
    freshAt = Date.now();
    constructor(options) {
        this.options = options;
        this.url = options.url;
        this.clone = teamClone(options.url, options.atxHome, options.env);
        this.root = join(this.clone.dir, 'registry');
        this.locks = join(options.atxHome, 'locks');
        this.lockKey = `team:${this.clone.dir}`;
    }
    /**
     * Syncs the clone before reads; one command's reads share a sync, and a long session
     * (the interactive UI) syncs again once the last one is `freshForMs` old.
     */
    refresh() {
        if (this.fresh && Date.now() - this.freshAt > freshForMs)
            this.fresh = undefined;
        this.fresh ??= withLock(this.locks, this.lockKey, () => this.sync()).then(() => {
            this.freshAt = Date.now();
        }, (error) => {
            this.fresh = undefined;
            throw error;
        });
        return this.fresh;
    }
    async names() {
        await this.refresh();
        return listNames(this.root);
    }
    async index(name) {
        await this.refresh();
        return readIndex(this.root, name);
    }
    /** The folder of a version in the clone, for reading only. */
    dirOf(name, version) {
        return storedVersionDir(this.root, name, version);
    }
    /** Publishes `sourceDir` as the next free version; returns the number it landed as. */
    publish(name, { description, category }, sourceDir, meta = {}) {
        return this.transaction(async () => {
            await assertNameFits(this.root, name);
            const index = (await readIndex(this.root, name)) ?? emptyIndex(name);
            const version = nextVersion(index, await versionFolders(this.root, name));
            const record = {
                version,
                status: 'published',
                description,
                category,
                createdAt: new Date().toISOString(),
            };
            const author = meta.author ?? this.options.author;
            if (author)
                record.author = author;
            await storeVersion(this.root, name, record, sourceDir);
            return { message: `atx: publish ${name} version ${version}`, paths: [nameDir(this.root, name)], result: version };
        });
    }
    /** Removes versions (all when omitted) in one pushed commit; returns the versions removed. */
    remove(name, versions) {
        return this.transaction(async () => {
            const index = await readIndex(this.root, name);
            const present = index?.versions.map((r) => r.version) ?? [];
            const removed = versions ? versions.filter((v) => index && findRecord(index, v)) : present;
            if (!removed.length)
                throw new UsageError(`${name}${versions ? ` version ${versions.join(', ')}` : ''} is not in the team registry`);
            await deleteVersions(this.root, name, removed);
            const what = versions ? `version ${removed.join(', ')}` : 'all versions';
            return { message: `atx: delete ${name} ${what}`, paths: [nameDir(this.root, name)], result: removed };
        });
    }
    /** A file kept beside a definition's versions (its knowledge items), as the remote has it; undefined when absent. */
    async readCompanion(name, file) {
        await this.refresh();
        return readTextIfPresent(await this.companionPath(name, file));
    }
    /** Rewrites such a file in one pushed commit, starting over on a concurrent push like a publication. */
    updateCompanion(name, file, change) {
        return this.transaction(async () => {
            const { text, message, result } = await change(await readTextIfPresent(await this.companionPath(name, file)));
            const path = await this.companionPath(name, file, 'write');
            // A companion file (knowledge.json) is atx's own and is pushed to the team: redacted.
            await writeOwnFile(path, text);
            return { message, paths: [path], result };
        });
    }
    /** A link committed in the clone may be read through while it stays inside; written through, never. */
    companionPath(name, file, use = 'read') {
        const relative = `${validateName(name)}/${safeSegment(file, 'file name')}`;
        return use === 'write' ? writablePathInside(this.root, relative) : pathInside(this.root, relative);
    }
    /** Brings the clone to the remote's state. */
    async sync() {
        await this.clone.sync();
        await this.checkRoot();
    }
    /**
     * Everything atx reads lives under `registry/`, and every path is checked against that folder,
     * so it must be a real folder: a committed link named `registry` would move the whole registry
     * anywhere on this machine.
     */
    async checkRoot() {
        const info = await lstat(this.root).catch(() => undefined);
        if (info && !info.isDirectory()) {
            throw new DefinitionError(this.root, undefined, `the team registry ${displayUrl(this.url)} holds "registry" as something other than a folder (a symbolic link?); atx will not read through it`);
        }
    }
    /**
     * Applies `change` to a fresh copy of the remote state and pushes it, starting over when
     * the push is refused. `change` must derive everything from the files it reads, since it
     * may run several times.
     */
    transaction(change) {
        return withLock(this.locks, this.lockKey, async () => {
            const result = await this.clone.transact(async () => {
                await this.checkRoot();
                return change();
            });
            this.fresh = Promise.resolve();
            this.freshAt = Date.now();
            return result;
        });
    }
}
async function readTextIfPresent(path) {
    try {
        return await readFile(path, 'utf8');
    }
    catch (error) {
        if (error.code === 'ENOENT')
            return undefined;
        throw error;
    }
}
