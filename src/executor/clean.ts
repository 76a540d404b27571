// Between steps the worktree holds exactly the last commit, plus what the repository ignores and
// node_modules. A build or a check that writes anything else would have it committed under the
// next step (commitStep stages the whole scope): it is reported and removed instead.
import type { Finding } from '../codemods/types.js';
import { statusEntries } from '../util/git.js';
import { resetTo } from './commit.js';
import type { RunState } from './state.js';
import { repairWorktreeLink, worktreeGitdir } from './worktree-guard.js';

// An exclude-only pathspec means "everything but": the whole worktree, never node_modules.
const allButNodeModules = ':(exclude,glob)**/node_modules/**';
const listed = 20;

export const outputNotIgnoredRule = 'atx/build-output-not-ignored';

/**
 * After `what` ran in the worktree (a build, a check): if it changed the worktree's `.git` link,
 * put the link back and record it. Call it before atx runs git there again: git would otherwise
 * act on whatever repository the link names (a reset could move the person's own branch).
 */
export async function relinkAfter(state: RunState, what: string): Promise<void> {
  const gitdir = state.gitdir ?? (await worktreeGitdir(state.repoRoot, state.worktree));
  const changed = await repairWorktreeLink(state.worktree, gitdir);
  if (changed)
    state.findings.push({
      file: '.',
      line: 1,
      rule: 'atx/worktree-link-changed',
      message: `${what} ${changed}; atx restored it`,
      severity: 'warning',
    });
}

/**
 * After `what` ran (a build, a check): if it left files the repository does not ignore, or
 * changed tracked ones, put the worktree back at the last commit and return a finding naming them.
 */
export async function restoreAfter(state: RunState, what: string): Promise<Finding | undefined> {
  const entries = await statusEntries(state.worktree, state.scope, allButNodeModules);
  if (entries.length === 0) return undefined;
  await resetTo(state.worktree, state.headCommit);
  // Paths inside the scope are relative to it, as in every finding; others keep the repository path.
  const files = [...new Set(entries.map((entry) => entry.path))].sort();
  const names = files.slice(0, listed).join(', ') + (files.length > listed ? `, … ${files.length - listed} more` : '');
  return {
    file: files[0]!,
    line: 1,
    rule: outputNotIgnoredRule,
    message:
      `${what} wrote ${files.length} file${files.length === 1 ? '' : 's'} the repository does not ignore: ${names}. ` +
      'Removed from the worktree and not committed; if it is build output, add it to .gitignore',
    severity: 'warning',
  };
}
