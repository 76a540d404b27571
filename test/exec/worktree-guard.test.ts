// The worktree's `.git` link: found from the repository's side, checked, and put back.
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  assertWorktreeLink,
  readWorktreeLink,
  repairWorktreeLink,
  restoreWorktreeLink,
  withWorktreeLink,
  worktreeGitdir,
  WorktreeLinkError,
} from '../../src/executor/worktree-guard.js';
import { GitError } from '../../src/errors.js';
import { git, makeRepo, tempDir } from '../helpers/cli.js';

async function repoWithWorktree(): Promise<{ repo: string; worktree: string; original: string }> {
  const repo = await makeRepo({ 'a.txt': 'a\n' });
  const worktree = join(await tempDir('atx-guard-'), 'worktree');
  await git(repo, ['worktree', 'add', '--quiet', '-b', 'atx/guard', worktree, 'HEAD']);
  return { repo, worktree, original: await readFile(join(worktree, '.git'), 'utf8') };
}

describe('the worktree .git guard', () => {
  it("finds the gitdir git made from the repository's side, and accepts the untouched link", async () => {
    const { repo, worktree, original } = await repoWithWorktree();
    const gitdir = await worktreeGitdir(repo, worktree);
    expect(original).toBe(`gitdir: ${gitdir}\n`);
    expect(await readWorktreeLink(worktree)).toBe(gitdir);
    await expect(assertWorktreeLink(worktree, gitdir)).resolves.toBeUndefined();
    await expect(worktreeGitdir(repo, join(worktree, '..'))).rejects.toBeInstanceOf(GitError);
  });

  it('refuses a link pointed elsewhere, replaced by a folder or a symbolic link, or removed, and restores it byte for byte', async () => {
    const { repo, worktree, original } = await repoWithWorktree();
    const gitdir = await worktreeGitdir(repo, worktree);
    const file = join(worktree, '.git');
    const evil = join(worktree, 'evil');
    await mkdir(join(evil, 'objects'), { recursive: true });
    const tamperings: Array<[string, () => Promise<void>, RegExp]> = [
      ['pointed elsewhere', () => writeFile(file, `gitdir: ${evil}\n`), /names .*evil instead of/],
      ['relative', () => writeFile(file, 'gitdir: evil\n'), /names .*evil instead of/],
      ['two lines', () => writeFile(file, `gitdir: ${gitdir}\ngitdir: ${evil}\n`), /not a gitdir file/],
      [
        'a folder',
        async () => {
          await rm(file);
          await mkdir(join(file, 'hooks'), { recursive: true });
        },
        /not a file/,
      ],
      ['a symbolic link', async () => (await rm(file), await symlink(evil, file)), /symbolic link/],
      ['removed', () => rm(file), /missing/],
    ];
    for (const [what, tamper, message] of tamperings) {
      await tamper();
      await expect(assertWorktreeLink(worktree, gitdir), what).rejects.toThrow(WorktreeLinkError);
      await expect(assertWorktreeLink(worktree, gitdir), what).rejects.toThrow(message);
      await restoreWorktreeLink(worktree, gitdir);
      expect(await readFile(file, 'utf8'), what).toBe(original);
      await expect(assertWorktreeLink(worktree, gitdir)).resolves.toBeUndefined();
    }
    // In one call, as the executor uses it: nothing to say when untouched, the reason when repaired.
    expect(await repairWorktreeLink(worktree, gitdir)).toBeUndefined();
    await writeFile(file, `gitdir: ${evil}\n`);
    expect(await repairWorktreeLink(worktree, gitdir)).toMatch(/\.git link .* was changed: it names .*evil/);
    expect(await readFile(file, 'utf8')).toBe(original);
    // Around a step: its result when the link is untouched; when the step changed it, the link
    // is put back and the step fails with why, also when the step itself threw.
    await expect(withWorktreeLink(worktree, gitdir, async () => 'done')).resolves.toBe('done');
    await expect(withWorktreeLink(worktree, gitdir, async () => writeFile(file, 'gitdir: evil\n'))).rejects.toThrow(
      WorktreeLinkError,
    );
    expect(await readFile(file, 'utf8')).toBe(original);
    const failing = async () => {
      await rm(file);
      throw new Error('the step failed');
    };
    await expect(withWorktreeLink(worktree, gitdir, failing)).rejects.toThrow(
      /\.git link .* was changed: it is missing/,
    );
    expect(await readFile(file, 'utf8')).toBe(original);
    await expect(
      withWorktreeLink(worktree, gitdir, async () => Promise.reject(new Error('only this'))),
    ).rejects.toThrow(/^only this$/);
    // Restored, git works in the worktree again, on its own branch.
    expect(await git(worktree, ['symbolic-ref', 'HEAD'])).toBe('refs/heads/atx/guard');
    // The symbolic link was removed, not followed: what it led to is still there.
    expect(existsSync(join(evil, 'objects'))).toBe(true);
  });
});
