// The one confinement check for paths atx builds from data (registry names and versions, index
// files, run, campaign and knowledge records, --tv, model tool arguments, tracked file names):
// a relative path may not be empty or absolute, may not climb with `..`, may not name `.git`,
// and may not pass through a symbolic link that leads out of the root it belongs to.
import { lstat, realpath, rm, unlink } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { UsageError } from '../errors.js';
/** A path built from data that would leave its root, or reach into `.git`. Exit 2 where it is the user's input. */
export class UnsafePathError extends UsageError {
    path;
    reason;
    constructor(path, reason, what = 'path') {
        super(`refusing ${what} ${JSON.stringify(path)}: ${reason}`);
        this.path = path;
        this.reason = reason;
        this.name = 'UnsafePathError';
    }
}
/** Why `relative` may not be used under a root, or undefined when it may. Pure string checks. */
export function relativePathProblem(relative) {
    if (typeof relative !== 'string' || relative.length === 0)
        return 'it is empty';
    if (relative.includes('\0'))
        return 'it contains a NUL character';
    if (isAbsolute(relative) || /^[A-Za-z]:/.test(relative))
        return 'it is an absolute path';
    if (relative.includes('\\'))
        return 'it contains a backslash';
    for (const segment of relative.split('/')) {
        if (segment === '..')
            return 'it climbs out with ".."';
        if (isGitSegment(segment))
            return 'it names a .git folder';
    }
    return undefined;
}
/**
 * `.git` in any case: git's own folder (or a worktree's link file) on case-insensitive disks too;
 * also the names that disks take for `.git` (NTFS drops trailing dots and spaces, reads
 * `.git::$INDEX_ALLOCATION` as the folder and knows the short name GIT~1; HFS+ ignores some
 * invisible code points), as git itself refuses them.
 */
export function isGitSegment(segment) {
    const name = segment.replace(hfsIgnorable, '').replace(/:.*$/, '').toLowerCase();
    return name.replace(/[. ]+$/, '') === '.git' || name === 'git~1';
}
// Code points HFS+ leaves out when it compares names (git's is_hfs_dotgit list).
const hfsIgnorable = /[\u200c-\u200f\u202a-\u202e\u206a-\u206f\ufeff]/g;
/** Whether absolute `path` is `root` or lies below it (both already resolved). */
export function isInside(root, path) {
    return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}
/**
 * `root` joined with `relative`, after the string checks: the result can only be `root` itself
 * (for ".") or a path below it. Throws UnsafePathError.
 */
export function joinInside(root, relative, what = 'path') {
    const problem = relativePathProblem(relative);
    if (problem)
        throw new UnsafePathError(String(relative), problem, what);
    const full = resolve(root, relative);
    if (!isInside(resolve(root), full))
        throw new UnsafePathError(relative, 'it leads outside its folder', what);
    return full;
}
/** One path segment (a version, a run id, a record id): no separators, no dots-only names, no `.git`. */
export function safeSegment(segment, what = 'name') {
    if (typeof segment !== 'string' || segment.length === 0)
        throw new UnsafePathError(String(segment ?? ''), 'it is empty', what);
    if (/[/\\\0]/.test(segment))
        throw new UnsafePathError(segment, 'it contains a path separator', what);
    if (segment === '.' || segment === '..')
        throw new UnsafePathError(segment, 'it is not a name', what);
    if (isGitSegment(segment))
        throw new UnsafePathError(segment, 'it names a .git folder', what);
    return segment;
}
/**
 * Like joinInside, and also resolves symbolic links on the longest part of the path that exists:
 * a link that leads out of `root` is refused. Returns the joined path (not the resolved one).
 */
export async function resolveInside(root, relative, what = 'path') {
    const full = joinInside(root, relative, what);
    const realRoot = await realpath(root);
    let existing = full;
    for (;;) {
        try {
            const real = await realpath(existing);
            if (!isInside(realRoot, real))
                throw new UnsafePathError(relative, 'it leads outside its folder through a symbolic link', what);
            // A link that stays inside may still lead into .git (a committed `cfg -> .git`).
            if (real.slice(realRoot.length).split(sep).some(isGitSegment))
                throw new UnsafePathError(relative, 'it leads into a .git folder through a symbolic link', what);
            return full;
        }
        catch (error) {
            if (error instanceof UnsafePathError)
                throw error;
            const code = error.code;
            // A dangling link: lstat finds it even though realpath cannot follow it.
            if (code === 'ENOENT' && (await isLink(existing)))
                throw new UnsafePathError(relative, 'it is a symbolic link to something that does not exist', what);
            if (code !== 'ENOENT' && code !== 'ENOTDIR')
                throw error;
            const parent = dirname(existing);
            if (parent === existing || !isInside(resolve(root), parent))
                return full;
            existing = parent;
        }
    }
}
/**
 * Whether the file at `root/relative` may be written in place: inside `root`, through no link
 * out of it, and not itself a symbolic link (an atomic write would replace the link's target).
 */
export async function writablePathProblem(root, relative) {
    try {
        const full = await resolveInside(root, relative);
        if (await isLink(full))
            return 'it is a symbolic link; atx does not write through links';
        return undefined;
    }
    catch (error) {
        if (error instanceof UnsafePathError)
            return error.reason;
        throw error;
    }
}
/** Removes `root/relative` (a folder and what it holds, or a file); a link is removed, never followed. */
export async function removeInside(root, relative, what = 'path') {
    const full = await resolveInside(root, relative, what);
    if (full === resolve(root))
        throw new UnsafePathError(relative, 'it is the whole folder, not something inside it', what);
    if (await isLink(full)) {
        await unlink(full);
        return;
    }
    await rm(full, { recursive: true, force: true });
}
/** A path below `root` given as segments, each checked (for callers that build paths from several values). */
export function joinSegmentsInside(root, segments, what = 'path') {
    for (const segment of segments)
        safeSegment(segment, what);
    return joinInside(root, join(...segments)
        .split(sep)
        .join('/'), what);
}
async function isLink(path) {
    try {
        return (await lstat(path)).isSymbolicLink();
    }
    catch {
        return false;
    }
}
