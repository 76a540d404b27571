// A git remote several machines share (the team registry, a campaign's results store): a
// private clone under ATX_HOME, brought to exactly the remote's default branch before every read
// and every change. A change is fetch, reset, write, commit, push; a push refused because someone
// else got there first starts over from the new remote state, so concurrent writers all land.
import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { GitError, UsageError } from '../errors.js';
import { exists } from './fs.js';
import { gitAt, gitStep } from './git.js';
const maxAttempts = 10;
/** The clone of `url` under `parent`; the hash keeps different remotes apart. */
export function cloneFolder(parent, url) {
    return join(parent, createHash('sha256').update(url).digest('hex').slice(0, 16));
}
/**
 * Git resolves a relative path against the folder it runs in, and atx runs git inside the
 * clone, so a local path is made absolute once; URLs and `host:path` forms pass unchanged.
 */
export function normalizeRemoteUrl(url, cwd = process.cwd()) {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url))
        return url;
    if (/^[^/\\]+:/.test(url) && !/^[a-z]:[\\/]/i.test(url))
        return url;
    return isAbsolute(url) ? url : resolve(cwd, url);
}
/** The URL as it may be printed: a token or password in it (https://user:TOKEN@host/…) is left out. */
export function displayUrl(url) {
    return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, '$1***@');
}
/** `text` (git's message) with the URL, and any other URL's user:password, as displayUrl prints them. */
function withoutCredentials(text, url) {
    return text
        .split(url)
        .join(displayUrl(url))
        .replace(/([a-z][a-z0-9+.-]*:\/\/)[^/@\s'"]*:[^/@\s'"]*@/gi, '$1***@');
}
/**
 * Fetching from (or asking) the remote failed: a wrong URL, no network, no access (exit 2: the
 * configured remote cannot be used, and nothing was changed). `url` and `reason` are printable.
 */
export class RemoteUnreachableError extends UsageError {
    url;
    reason;
    constructor(what, url, reason, options) {
        super(`${what} ${displayUrl(url)} could not be reached (${withoutCredentials(reason, url)}); nothing was changed`, options);
        this.name = 'RemoteUnreachableError';
        this.url = displayUrl(url);
        this.reason = withoutCredentials(reason, url);
    }
}
/** git's first complaint, without its "fatal:" and the advice lines after it. */
function firstComplaint(error) {
    const message = error instanceof Error ? error.message : String(error);
    const lines = message
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean);
    const line = lines.find((l) => /^(fatal|error):/i.test(l)) ?? lines[0] ?? 'git failed';
    return line.replace(/^(fatal|error):\s*/i, '');
}
export class SharedClone {
    url;
    dir;
    env;
    options;
    client;
    ready;
    headBranch;
    /** Whether the working tree may hold files no commit accounts for (another process may have crashed mid-write). */
    dirty = true;
    branch;
    constructor(url, dir, env, options) {
        this.url = url;
        this.dir = dir;
        this.env = env;
        this.options = options;
    }
    /** Runs a git command that talks to the remote; any failure means the remote could not be used. */
    async remoteStep(operation) {
        try {
            return await operation();
        }
        catch (error) {
            const reason = firstComplaint(error);
            throw (this.options.unreachable?.(this.url, reason, error) ??
                new RemoteUnreachableError(this.options.what, this.url, reason, { cause: error }));
        }
    }
    /**
     * simple-git refuses a folder that does not exist yet, so the client is made after ensureClone
     * created it. `remote`: fetch and push may need the person's credential variables (util/git.ts).
     */
    get git() {
        this.client ??= gitAt(this.dir, this.env, { remote: true });
        return this.client;
    }
    /** Fetches and resets the clone to the remote default branch (or to nothing if the remote is empty). */
    async sync() {
        this.ready ??= this.ensureClone().catch((error) => {
            this.ready = undefined;
            throw error;
        });
        await this.ready;
        await this.remoteStep(() => this.git.raw(['fetch', '--prune', '--quiet', this.url, '+refs/heads/*:refs/remotes/origin/*']));
        const branch = await this.defaultBranch();
        if (this.headBranch !== branch) {
            await gitStep('point the clone at the default branch', () => this.git.raw(['symbolic-ref', 'HEAD', `refs/heads/${branch}`]));
            this.headBranch = branch;
        }
        if (!(await this.resetTo(`refs/remotes/origin/${branch}`))) {
            // An empty remote: start from no commit at all, whatever an earlier failed attempt left.
            await gitStep('reset the clone to empty', async () => {
                await this.git.raw(['update-ref', '-d', `refs/heads/${branch}`]);
                await this.git.raw(['read-tree', '--empty']);
            });
        }
        // reset --hard already replaced tracked files; this drops leftovers of an interrupted write.
        if (this.dirty)
            await gitStep(`clean the clone of ${this.options.what}`, () => this.git.raw(['clean', '-fdxq']));
        this.dirty = false;
    }
    /** Called before writing into the clone: until a commit lands, the next sync must clean. */
    beginChange() {
        this.dirty = true;
    }
    /** Commits the given paths. */
    async commit(paths, message) {
        await gitStep(`stage changes to ${this.options.what}`, () => this.git.raw(['add', '--all', '--', ...paths]));
        // `git commit` with nothing staged exits 1 quietly, which simple-git reports as success.
        await gitStep(`commit to the clone of ${this.options.what}`, () => this.git.raw(['commit', '--quiet', '--no-verify', '-m', message]));
        this.dirty = false;
    }
    /** Pushes HEAD to the default branch; throws what git said, for the caller to classify. */
    async push() {
        const branch = this.headBranch ?? (await this.defaultBranch());
        await this.git.raw(['push', '--quiet', this.url, `HEAD:refs/heads/${branch}`]);
    }
    /**
     * Applies `change` to a fresh copy of the remote state and pushes it, starting over when the
     * push is refused. `change` must derive everything from the files it reads, since it may run
     * several times. The caller holds the clone's cross-process lock.
     */
    async transact(change) {
        let lastError;
        const where = `${this.options.what} ${displayUrl(this.url)}`;
        for (let attempt = 1; attempt <= maxAttempts; attempt++) {
            await this.sync();
            this.beginChange();
            const { message, paths, result } = await change();
            if (!paths?.length)
                return result;
            await this.commit(paths, message ?? 'atx: update');
            try {
                await this.push();
                return result;
            }
            catch (error) {
                const stderr = withoutCredentials(String(error.message ?? error), this.url);
                if (!isRejectedPush(error))
                    throw new GitError(`git: push to ${where} failed`, stderr, { cause: error });
                lastError = stderr;
                await sleep(backoffMs(attempt));
            }
        }
        throw new GitError(`git: ${where} refused the push ${maxAttempts} times because others kept writing at the same time; try again`, String(lastError));
    }
    // The URL is passed to every fetch, push and ls-remote instead of being stored as a remote:
    // the clone folder is named after the URL, so there is nothing to keep in step.
    async ensureClone() {
        await mkdir(this.dir, { recursive: true });
        if (!(await exists(join(this.dir, '.git')))) {
            await gitStep(`create the clone of ${this.options.what}`, () => this.git.raw(['init', '--quiet']));
        }
    }
    /**
     * The branch the remote's HEAD names; for a remote without commits git does not always say,
     * so a bare repository on disk is asked directly, and `main` is the last resort.
     */
    async defaultBranch() {
        if (this.branch)
            return this.branch;
        const symref = await this.remoteStep(() => this.git.raw(['ls-remote', '--symref', this.url, 'HEAD']));
        const named = /^ref: refs\/heads\/(\S+)\s+HEAD/m.exec(symref)?.[1];
        const remoteBranches = named
            ? []
            : (await this.git.raw(['for-each-ref', '--format=%(refname:strip=3)', 'refs/remotes/origin/']))
                .split('\n')
                .filter(Boolean);
        const branch = named ??
            ['main', 'master'].find((b) => remoteBranches.includes(b)) ??
            remoteBranches[0] ??
            (await this.bareHeadBranch()) ??
            'main';
        // Only remember it once the remote has branches: an empty remote may still get its first push from someone else.
        if (named || remoteBranches.length)
            this.branch = branch;
        return branch;
    }
    async bareHeadBranch() {
        if (/^[a-z][a-z0-9+.-]*:\/\//i.test(this.url) && !this.url.startsWith('file://'))
            return undefined;
        const path = this.url.startsWith('file://') ? new URL(this.url).pathname : this.url;
        try {
            return /^ref: refs\/heads\/(\S+)/.exec(await readFile(join(path, 'HEAD'), 'utf8'))?.[1];
        }
        catch {
            return undefined;
        }
    }
    /** Resets to `ref`; false when the ref does not exist (the remote has no commits yet). */
    async resetTo(ref) {
        try {
            await this.git.raw(['reset', '--hard', '--quiet', ref]);
            return true;
        }
        catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            if (/unknown revision|ambiguous argument|bad revision/i.test(message))
                return false;
            throw new GitError(`git: reset the clone of ${this.options.what} to the remote failed`, message, {
                cause: error,
            });
        }
    }
}
/** A push refused because the remote moved on (someone else published first). */
export function isRejectedPush(error) {
    const message = error instanceof Error ? error.message : String(error);
    // A hook or permission refusal is also "rejected", but retrying would not help; these would.
    return /non-fast-forward|fetch first|cannot lock ref|failed to update ref|stale info|incorrect old value/i.test(message);
}
/** Random, growing pauses so two writers that collided do not collide again in step. */
function backoffMs(attempt) {
    return Math.round((30 + Math.random() * 120) * Math.min(attempt, 5));
}
