// One commit per completed step, on the result branch in the worktree.
import { gitAt, gitStep, statusEntries } from '../util/git.js';
import { headOf } from './repository.js';

export const stepTrailer = 'Atx-Step';

const excludeNodeModules = ':(exclude,glob)**/node_modules/**';

/**
 * Stages everything under `scope` (but node_modules) and commits it, authored as `env` says
 * (ATX_GIT_COMMITTER_NAME / _EMAIL: the run's environment, not necessarily atx's own).
 * Returns the commit and the files it changed (relative to the scope), or null when nothing changed.
 */
export async function commitStep(
  worktree: string,
  scope: string,
  message: { stepId: string; title: string; text?: string; runId: string; transformation: string },
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ commit: string; files: string[] } | null> {
  const git = gitAt(worktree, env);
  await gitStep('add', () => git.raw(['add', '-A', '--', scope || '.', excludeNodeModules]));
  const staged = await gitStep('diff --cached', () =>
    git.raw(['diff', '--cached', '--name-only', '-z', '--no-renames']),
  );
  const files = staged.split('\0').filter(Boolean);
  if (files.length === 0) return null;
  // A title cut short for the plan ends in "…"; the subject ends at its last word, and the step's
  // first paragraph follows in full.
  const cut = message.title.endsWith('…');
  const whole = cut && message.text ? message.text.split(/\n\s*\n/)[0]!.trim() : undefined;
  const body = [
    `atx: ${message.stepId} ${cut ? message.title.slice(0, -1).trimEnd() : message.title}`,
    '',
    ...(whole ? [whole, ''] : []),
    `Applied by atx, transformation ${message.transformation}.`,
    '',
    `Atx-Run: ${message.runId}`,
    `${stepTrailer}: ${message.stepId}`,
  ].join('\n');
  // atx's own commits are not the person's to sign; a signing set-up must not stop the run.
  // Not --quiet: git's one-line report (not read) spares the 50 ms simple-git waits after a command that
  // printed nothing.
  await gitStep('commit', () => git.raw(['commit', '--no-verify', '--no-gpg-sign', '-m', body]));
  const commit = await headOf(worktree);
  const prefix = scope ? `${scope}/` : '';
  return { commit, files: files.map((f) => (f.startsWith(prefix) ? f.slice(prefix.length) : f)).sort() };
}

/** The step id recorded in a commit's trailer, if atx made it. */
export async function stepOfCommit(worktree: string, commit: string): Promise<string | undefined> {
  const message = await gitStep('log', () => gitAt(worktree).raw(['log', '-1', '--format=%B', commit]));
  return new RegExp(`^${stepTrailer}: (.+)$`, 'm').exec(message)?.[1]?.trim();
}

/** Puts the worktree back exactly at `commit`, dropping a half-applied step. */
export async function resetTo(worktree: string, commit: string): Promise<void> {
  const git = gitAt(worktree);
  await gitStep('reset', () => git.raw(['reset', '--quiet', '--hard', commit]));
  await gitStep('clean', () => git.raw(['clean', '-fdq', '-e', 'node_modules']));
}

/** Whether `path` (relative to the scope) differs from the last commit in the worktree. */
export async function isModified(worktree: string, scope: string, path: string): Promise<boolean> {
  return (await statusEntries(worktree, scope, scope ? `${scope}/${path}` : path)).length > 0;
}
