// git behind one module (simple-git, gitOutput for the reads every run makes, and gitProgram
// for a search that needs the process guards of util/proc.ts). Failures become GitError with
// git's own message. Every git process atx starts gets its settings and environment here, and
// speaks English (LC_ALL=C): atx reads git's messages (a refused push, an unknown revision).
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { GitError } from '../errors.js';
import { childEnv } from './secrets.js';
export const defaultAuthor = { name: 'atx', email: 'atx@localhost' };
/** Author for commits atx makes, from ATX_GIT_COMMITTER_NAME / _EMAIL. */
export function commitAuthor(env = process.env) {
    return {
        name: env.ATX_GIT_COMMITTER_NAME || defaultAuthor.name,
        email: env.ATX_GIT_COMMITTER_EMAIL || defaultAuthor.email,
    };
}
/**
 * Settings for every git process atx starts, as `key=value` for `-c` (command-line scope, which
 * wins over every config file). A repository's config or hooks folder can name programs git runs
 * on its own; a model, a definition or a cloned template may have written them, so atx's git runs
 * none of them:
 * - core.hooksPath=/dev/null: no hook runs (post-checkout on worktree add, post-commit and
 *   prepare-commit-msg on commit, reference-transaction, post-index-change, pre-auto-gc; `--no-verify` only skips two).
 * - core.fsmonitor= (empty is false for every git version; `false` would be run as a hook before 2.36):
 *   no file-system monitor command on status, add, diff, reset or commit.
 * - safe.bareRepository=explicit: a folder in the checkout that looks like a bare repository
 *   (HEAD, objects/, refs/, config) is never taken for the repository when git runs in it.
 * Filters (LFS), credential helpers, ssh and proxy commands stay the person's own: they come from
 * config files atx's tools never write, and repositories need them.
 */
export const safeGitConfig = [
    'core.hooksPath=/dev/null',
    'core.fsmonitor=',
    'safe.bareRepository=explicit',
];
/** `safeGitConfig` as git arguments (gitOutput, gitProgram). */
export const safeGitArgs = safeGitConfig.flatMap((pair) => ['-c', pair]);
/**
 * A simple-git client for a folder, with atx's author set for commits it makes and `safeGitConfig`
 * on every call. Its environment has no secret variable (secrets.ts childEnv) unless `remote`.
 */
export function gitAt(dir, env = process.env, options = {}) {
    // Loaded by the first call: a dry run reads through gitOutput and never needs it.
    const { simpleGit } = createRequire(import.meta.url)('simple-git');
    return simpleGit({
        baseDir: dir,
        trimmed: false,
        config: [...safeGitConfig],
        // The environment is the person's own, not untrusted input: an EDITOR, PAGER, askpass or
        // ssh command they set must not make every git call fail.
        unsafe: {
            allowUnsafeEditor: true,
            allowUnsafePager: true,
            allowUnsafeAskPass: true,
            allowUnsafeSshCommand: true,
            allowUnsafeGitProxy: true,
            allowUnsafeConfigEnvCount: true,
            allowUnsafeConfigPaths: true,
            allowUnsafeTemplateDir: true,
            allowUnsafeDiffExternal: true,
            // Only so that safeGitConfig may switch these two off; no call of atx turns them on.
            allowUnsafeHooksPath: true,
            allowUnsafeFsMonitor: true,
        },
    }).env(gitEnvironment(env, options));
}
/**
 * The environment of atx's git processes: atx's author for commits, no prompt, no secret unless
 * `remote`, and git's messages untranslated: LC_ALL=C (which also makes gettext ignore LANGUAGE),
 * since atx tells a refused push or a missing revision by git's words.
 */
export function gitEnvironment(env, options = {}) {
    const author = commitAuthor(env);
    return Object.assign(childEnv(env, { keepCredentials: options.remote }), {
        GIT_AUTHOR_NAME: author.name,
        GIT_AUTHOR_EMAIL: author.email,
        GIT_COMMITTER_NAME: author.name,
        GIT_COMMITTER_EMAIL: author.email,
        GIT_TERMINAL_PROMPT: '0',
        LC_ALL: 'C',
    });
}
/**
 * git as a program for util/proc.ts (validators' runInScope: a timeout, the abort signal, its
 * own process group), for a command that may run long on a big tree (`git grep`): the settings
 * and environment of gitAt, `env` added last. Arguments go to git as they are; no shell reads them.
 */
export function gitProgram(args, env = {}) {
    return { file: 'git', args: [...safeGitArgs, ...args], env: { ...gitEnvironment(process.env), ...env } };
}
/**
 * The output of a git command that only reads (`rev-parse`, `status`, `ls-files`), run in `dir`
 * with the settings and environment of gitAt, but started directly: simple-git's start-up and
 * the 50 ms it waits after a command that printed nothing cost more than the command itself on
 * a dry run. A failure throws an Error holding git's message, as simple-git's do.
 */
export function gitOutput(dir, args, env = process.env) {
    return new Promise((resolve, reject) => {
        execFile('git', [...safeGitArgs, ...args], { cwd: dir, env: gitEnvironment(env, {}), encoding: 'utf8', maxBuffer: 1 << 30, windowsHide: true }, (error, stdout, stderr) => {
            if (!error)
                return resolve(stdout);
            const said = stderr.trim() || stdout.trim();
            reject(new Error(said || error.message, { cause: error }));
        });
    });
}
/**
 * A simple-git client for a repository given by its working tree or by its git folder itself
 * (`.git`, a bare repository). A git folder is named explicitly (GIT_DIR): with
 * safe.bareRepository=explicit git will not find it by looking from inside it.
 */
export function gitOfDir(dir, env = process.env) {
    return existsSync(join(dir, '.git')) ? gitAt(dir, env) : gitAt(dir, { ...env, GIT_DIR: dir });
}
/** Runs a git operation and turns any failure into a GitError naming what was attempted. */
export async function gitStep(what, operation) {
    try {
        return await operation();
    }
    catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        throw new GitError(`git: ${what} failed`, message, { cause: error });
    }
}
/** Changed, staged and untracked files under `scope` (renames as a deletion and an addition). */
export async function statusEntries(root, scope, pathspec = scope || '.') {
    // GIT_OPTIONAL_LOCKS=0: status only reads; it does not write the index it refreshed (nor take its lock).
    const out = await gitStep('status', () => gitOutput(root, ['status', '--porcelain', '-z', '--no-renames', '--untracked-files=all', '--', pathspec], {
        ...process.env,
        GIT_OPTIONAL_LOCKS: '0',
    }));
    const prefix = scope ? `${scope}/` : '';
    return out
        .split('\0')
        .filter((entry) => entry.length > 3)
        .map((entry) => {
        const full = entry.slice(3);
        return { code: entry.slice(0, 2), full, path: full.startsWith(prefix) ? full.slice(prefix.length) : full };
    });
}
