// One registry folder on disk: `<root>/<name>/index.json` plus `<root>/<name>/<version>/`.
// The local registry and the clone of the team registry share this layout and this code;
// callers hold the lock (or own the git clone) while they change it. Names and versions come
// from the user and from index files others may have written, so every path is built through
// util/confine: a hostile index can make atx refuse, never reach outside `root`.
import { randomBytes } from 'node:crypto';
import { lstat, readdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { DefinitionError, UsageError } from '../errors.js';
import { joinInside, removeInside, resolveInside, UnsafePathError, writablePathProblem } from '../util/confine.js';
import { exists, readTextIfPresent, removeTree, writeJson } from '../util/fs.js';
import { copyDefinitionFiles } from './copy.js';
import { isVersionNumber, validateName } from './names.js';
import { NameIndexSchema, emptyIndex, withRecord, withoutVersions, } from './versions.js';
const indexFile = 'index.json';
/** `<root>/<name>`: the name is checked first (no `..`, `.git` or dot-folders, at most one `/`). */
export function nameDir(root, name) {
    return joinInside(root, validateName(name), 'definition name');
}
/**
 * `root/relative` as a path that may be read or written: besides the string checks of
 * joinInside, no symbolic link on the way may lead out of `root` (a team registry is a git
 * repository, and git stores links). A root that does not exist yet holds no links.
 */
export async function pathInside(root, relative, what = 'registry path') {
    if (!(await exists(root)))
        return joinInside(root, relative, what);
    return resolveInside(root, relative, what);
}
/**
 * `root/relative` as a file atx is about to write: pathInside, and not itself a symbolic link.
 * write-file-atomic replaces a link's target, so even a link that stays inside `root` (a
 * committed `X/knowledge.json -> ../Y/index.json`) would have atx overwrite another file.
 */
export async function writablePathInside(root, relative, what = 'registry path') {
    if (!(await exists(root)))
        return joinInside(root, relative, what);
    const problem = await writablePathProblem(root, relative);
    if (problem)
        throw new UnsafePathError(relative, problem, what);
    return joinInside(root, relative, what);
}
/**
 * The folder a stored version is loaded from, checked as pathInside does. atx stores versions
 * without links (copy.ts copies what they point to), so a link in there is someone else's
 * doing and could point anywhere: refused rather than followed.
 */
export async function storedVersionDir(root, name, version) {
    const dir = await pathInside(root, versionPath(name, version), 'definition version');
    const link = await firstLink(dir);
    if (link)
        throw new DefinitionError(link, undefined, 'a stored definition holds a symbolic link; atx stores definitions without links and will not follow it');
    return dir;
}
async function firstLink(dir) {
    let entries;
    try {
        entries = await readdir(dir, { withFileTypes: true });
    }
    catch (error) {
        if (error.code === 'ENOENT')
            return undefined;
        throw error;
    }
    for (const entry of entries) {
        const path = join(dir, entry.name);
        if (entry.isSymbolicLink())
            return path;
        const inner = entry.isDirectory() ? await firstLink(path) : undefined;
        if (inner)
            return inner;
    }
    return undefined;
}
export async function readIndex(root, name) {
    const path = await pathInside(root, `${validateName(name)}/${indexFile}`);
    const text = await readTextIfPresent(path);
    if (text === undefined)
        return undefined;
    let parsed;
    try {
        parsed = JSON.parse(text);
    }
    catch (error) {
        throw new DefinitionError(path, undefined, `registry index is not valid JSON: ${error.message}`);
    }
    const result = NameIndexSchema.safeParse(parsed);
    if (!result.success)
        throw new DefinitionError(path, undefined, `registry index is malformed: ${result.error.message}`);
    const problem = indexProblem(result.data, name);
    if (problem)
        throw new DefinitionError(path, undefined, `registry index is malformed: ${problem}; nothing was changed`);
    return result.data;
}
/**
 * What makes an index unusable, or undefined. Its versions become folder names and its name
 * says which folder it describes, so both must be exactly what atx itself writes.
 */
function indexProblem(index, name) {
    // Case may differ on a case-insensitive disk; atx always writes under the name asked for.
    if (index.name.toLowerCase() !== name.toLowerCase()) {
        return `it names ${JSON.stringify(index.name)}, but it is the index of ${JSON.stringify(name)} (the folder it is in)`;
    }
    const seen = new Set();
    for (const record of index.versions) {
        if (!isVersionNumber(record.version))
            return `version ${JSON.stringify(record.version)} is not a whole number (1, 2, …)`;
        if (seen.has(record.version))
            return `version ${record.version} is listed twice`;
        seen.add(record.version);
    }
    return undefined;
}
/** Writes the index of `name` (never where the index's own `name` field points). */
export async function writeIndex(root, name, index) {
    await writeJson(await writableIndexPath(root, name), { ...index, name });
}
function writableIndexPath(root, name) {
    return writablePathInside(root, `${validateName(name)}/${indexFile}`);
}
/** Every name with at least one version, sorted. */
export async function listNames(root) {
    const names = [];
    for (const top of await subfolders(root)) {
        if (await exists(join(root, top, indexFile))) {
            names.push(requireNameFolder(root, top));
            continue;
        }
        for (const child of await subfolders(join(root, top))) {
            if (await exists(join(root, top, child, indexFile)))
                names.push(requireNameFolder(root, `${top}/${child}`));
        }
    }
    const withVersions = [];
    for (const name of names)
        if ((await readIndex(root, name))?.versions.length)
            withVersions.push(name);
    return withVersions.sort();
}
/** A folder holding an index must be named like a definition; anything else is not atx's doing. */
function requireNameFolder(root, name) {
    try {
        return validateName(name);
    }
    catch (error) {
        throw new DefinitionError(join(root, name, indexFile), undefined, `registry index in a folder that is not a definition name (${error.message})`);
    }
}
/** Version folders present on disk, including any a crash left out of the index. */
export async function versionFolders(root, name) {
    return (await subfolders(await pathInside(root, validateName(name)))).filter(isVersionNumber);
}
/**
 * `Org` cannot be both a definition and an organisation prefix: their folders would mix
 * (version `1` of `Org` versus the definition `Org/1`).
 */
export async function assertNameFits(root, name) {
    const [org, rest] = validateName(name).split('/');
    if (rest !== undefined && (await exists(joinInside(root, `${org}/${indexFile}`)))) {
        throw new UsageError(`"${org}" is already a definition name, so it cannot also be used as an organisation prefix in "${name}"`);
    }
    if (rest === undefined &&
        (await exists(joinInside(root, org))) &&
        !(await exists(joinInside(root, `${org}/${indexFile}`)))) {
        throw new UsageError(`"${name}" is already used as an organisation prefix (e.g. ${name}/…); choose another name`);
    }
}
/**
 * Stores the files of `sourceDir` as `record.version` and records it in the index. The files
 * are copied into a staging folder first and renamed into place, so a reader never sees half
 * a version; an existing folder (a draft being replaced) is swapped out the same way.
 */
export async function storeVersion(root, name, record, sourceDir) {
    const index = (await readIndex(root, name)) ?? emptyIndex(name);
    // An index that may not be written is refused before any version folder is stored.
    await writableIndexPath(root, name);
    const target = await pathInside(root, versionPath(name, record.version), 'definition version');
    const staging = join(await pathInside(root, name), `.staging-${randomBytes(6).toString('hex')}`);
    try {
        await copyDefinitionFiles(sourceDir, staging);
        await swapInto(staging, target);
    }
    finally {
        await removeTree(staging);
    }
    await writeIndex(root, name, withRecord(index, record));
}
/** Updates a version's record without touching its files (promoting a draft in place). */
export async function updateRecord(root, name, record) {
    const index = (await readIndex(root, name)) ?? emptyIndex(name);
    await writeIndex(root, name, withRecord(index, record));
}
/**
 * Drops versions from the index, then their folders. The index keeps `lastVersion`, so the
 * numbers are not reused. Only a version folder inside `root` is ever removed (removeInside).
 */
export async function deleteVersions(root, name, versions) {
    const relatives = versions.map((version) => versionPath(name, version));
    const index = await readIndex(root, name);
    if (!index)
        return;
    await writeIndex(root, name, withoutVersions(index, versions));
    for (const relative of relatives)
        await removeInside(root, relative, 'definition version');
}
/** `<name>/<version>` relative to the registry root, refusing a version that is not a number. */
function versionPath(name, version) {
    if (!isVersionNumber(version))
        throw new UnsafePathError(String(version), 'it is not a version number', 'definition version');
    return `${validateName(name)}/${version}`;
}
async function swapInto(staging, target) {
    if (!(await lstat(target).catch(() => undefined))) {
        await rename(staging, target);
        return;
    }
    const old = `${target}.old-${randomBytes(6).toString('hex')}`;
    await rename(target, old);
    await rename(staging, target);
    await removeTree(old);
}
async function subfolders(dir) {
    try {
        const entries = await readdir(dir, { withFileTypes: true });
        return entries.filter((e) => e.isDirectory()).map((e) => e.name);
    }
    catch (error) {
        if (error.code === 'ENOENT')
            return [];
        throw error;
    }
}
