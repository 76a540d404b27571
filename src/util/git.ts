// git behind one module (simple-git). Failures become GitError with git's own message.
import { simpleGit, type SimpleGit } from 'simple-git';
import { GitError } from '../errors.js';

export const defaultAuthor = { name: 'atx', email: 'atx@localhost' };

/** Author for commits atx makes, from ATX_GIT_COMMITTER_NAME / _EMAIL. */
export function commitAuthor(env: NodeJS.ProcessEnv = process.env): { name: string; email: string } {
  return {
    name: env.ATX_GIT_COMMITTER_NAME || defaultAuthor.name,
    email: env.ATX_GIT_COMMITTER_EMAIL || defaultAuthor.email,
  };
}

/** A simple-git client for a folder, with atx's author set for commits it makes. */
export function gitAt(dir: string, env: NodeJS.ProcessEnv = process.env): SimpleGit {
  const author = commitAuthor(env);
  const gitEnv: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined) gitEnv[key] = value;
  Object.assign(gitEnv, {
    GIT_AUTHOR_NAME: author.name,
    GIT_AUTHOR_EMAIL: author.email,
    GIT_COMMITTER_NAME: author.name,
    GIT_COMMITTER_EMAIL: author.email,
    GIT_TERMINAL_PROMPT: '0',
  });
  return simpleGit({
    baseDir: dir,
    trimmed: false,
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
    },
  }).env(gitEnv);
}

/** Runs a git operation and turns any failure into a GitError naming what was attempted. */
export async function gitStep<T>(what: string, operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new GitError(`git: ${what} failed`, message, { cause: error });
  }
}

export interface StatusEntry {
  /** git's two-letter status code, e.g. ` M`, `??`. */
  code: string;
  /** Path from the repository root. */
  full: string;
  /** Path relative to the scope folder. */
  path: string;
}

/** Changed, staged and untracked files under `scope` (renames as a deletion and an addition). */
export async function statusEntries(root: string, scope: string, pathspec = scope || '.'): Promise<StatusEntry[]> {
  const out = await gitStep('status', () =>
    gitAt(root).raw(['status', '--porcelain', '-z', '--no-renames', '--untracked-files=all', '--', pathspec]),
  );
  const prefix = scope ? `${scope}/` : '';
  return out
    .split('\0')
    .filter((entry) => entry.length > 3)
    .map((entry) => {
      const full = entry.slice(3);
      return { code: entry.slice(0, 2), full, path: full.startsWith(prefix) ? full.slice(prefix.length) : full };
    });
}
