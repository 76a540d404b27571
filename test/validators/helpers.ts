// Temporary git repositories for the validator tests: a commit to start from (the base) and a
// worktree on a new branch where the "transformation" changes files, as the executor does.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ExitCriterion, ValidatorSpec } from '../../src/definitions/types.js';
import type { ValidatorContext } from '../../src/validators/index.js';

export interface TempRepo {
  root: string;
  worktree: string;
  baseCommit: string;
  /** Writes a file in the worktree (creating folders). */
  write(path: string, text: string): void;
  /** Commits everything in the worktree. */
  commit(message: string): void;
  ctx(extra?: Partial<ValidatorContext>): ValidatorContext;
  cleanup(): void;
}

const gitEnv = {
  ...process.env,
  GIT_AUTHOR_NAME: 'test',
  GIT_AUTHOR_EMAIL: 'test@localhost',
  GIT_COMMITTER_NAME: 'test',
  GIT_COMMITTER_EMAIL: 'test@localhost',
};

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env: gitEnv, encoding: 'utf8' }).trim();
}

function writeIn(dir: string, path: string, text: string): void {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
}

/** A repository with `files` committed, and a worktree of it on branch atx/test. */
export function makeRepo(files: Record<string, string>): TempRepo {
  const base = mkdtempSync(join(tmpdir(), 'atx-validators-'));
  const root = join(base, 'repo');
  mkdirSync(root);
  git(root, 'init', '-q', '-b', 'main');
  for (const [path, text] of Object.entries(files)) writeIn(root, path, text);
  git(root, 'add', '-A', '-f');
  git(root, 'commit', '-q', '-m', 'initial');
  const baseCommit = git(root, 'rev-parse', 'HEAD');
  const worktree = join(base, 'worktree');
  git(root, 'worktree', 'add', '-q', '-b', 'atx/test', worktree);
  return {
    root,
    worktree,
    baseCommit,
    write: (path, text) => writeIn(worktree, path, text),
    commit: (message) => {
      git(worktree, 'add', '-A', '-f');
      git(worktree, 'commit', '-q', '-m', message);
    },
    ctx: (extra = {}) => ({
      worktree,
      scope: '',
      baseCommit,
      validationCommands: [],
      atxHome: join(base, 'atx-home'),
      timeoutMs: 60_000,
      // These tests check what the validators report when their commands run; the refusal
      // (no -t) has its own tests.
      permit: async () => ({ granted: true }),
      ...extra,
    }),
    cleanup: () => rmSync(base, { recursive: true, force: true }),
  };
}

/** A criterion with a validator block, as the definition parser produces it. */
export function criterion(validator: ValidatorSpec, text = 'criterion'): ExitCriterion {
  return { id: 'exit-1', text, validator };
}
