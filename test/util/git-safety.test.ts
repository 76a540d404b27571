// atx's own git calls run nothing a repository's config or hooks folder names: no hook, no
// fsmonitor command, and no look-alike bare repository inside the checkout is taken for the repo.
import { existsSync } from 'node:fs';
import { chmod, mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { gitAt, gitOutput, statusEntries } from '../../src/util/git.js';
import { gitIdentity, tempDir, writeFiles } from '../helpers/cli.js';

const hookNames = [
  'post-checkout',
  'prepare-commit-msg',
  'post-commit',
  'reference-transaction',
  'post-index-change',
  'pre-auto-gc',
  'post-rewrite',
];

/** A repository whose own config names a hooks folder and an fsmonitor command; each leaves a marker. */
async function hostileRepo(): Promise<{ repo: string; markers: string }> {
  const base = await tempDir('atx-git-safety-');
  const repo = join(base, 'repo');
  const markers = join(base, 'markers');
  const hooks = join(base, 'hooks');
  await writeFiles(
    hooks,
    Object.fromEntries(hookNames.map((name) => [name, `#!/bin/sh\nmkdir -p ${markers}\ntouch ${markers}/${name}\n`])),
  );
  for (const name of hookNames) await chmod(join(hooks, name), 0o755);
  await mkdir(repo);
  const plain = (args: string[]) =>
    execa('git', ['-c', 'core.hooksPath=/dev/null', ...args], { cwd: repo, env: gitIdentity });
  await plain(['init', '-q', '-b', 'main']);
  await writeFile(join(repo, 'a.txt'), 'a\n');
  await plain(['add', 'a.txt']);
  await plain(['commit', '-q', '-m', 'initial']);
  await plain(['config', 'core.hooksPath', hooks]);
  await plain(['config', 'core.fsmonitor', `mkdir -p ${markers}; touch ${markers}/fsmonitor; false`]);
  // Also make gc run on every commit, so its hook gets its chance.
  await plain(['config', 'gc.auto', '1']);
  return { repo, markers };
}

async function ran(markers: string): Promise<string[]> {
  return existsSync(markers) ? (await readdir(markers)).sort() : [];
}

describe('git calls atx makes', () => {
  it('run none of the hooks or the fsmonitor command a repository configures', async () => {
    const { repo, markers } = await hostileRepo();
    const git = gitAt(repo);
    const worktree = join(repo, '..', 'worktree');
    await git.raw(['worktree', 'add', '--quiet', '-b', 'atx/x', worktree, 'HEAD']);
    const inWorktree = gitAt(worktree);
    await writeFile(join(worktree, 'a.txt'), 'b\n');
    await inWorktree.raw(['status', '--porcelain']);
    // The reads every run makes, started without simple-git.
    expect(await statusEntries(worktree, '')).toEqual([{ code: ' M', full: 'a.txt', path: 'a.txt' }]);
    await gitOutput(worktree, ['ls-files', '-s', '-z', '--', '.']);
    await gitOutput(repo, ['for-each-ref', '--format=%(refname:short)', 'refs/heads/atx/']);
    await inWorktree.raw(['add', '-A', '--', '.']);
    await inWorktree.raw(['diff', '--cached', '--name-only']);
    await inWorktree.raw(['commit', '--quiet', '--no-verify', '--no-gpg-sign', '-m', 'step']);
    await inWorktree.raw(['commit', '--quiet', '--amend', '--no-verify', '--no-gpg-sign', '-m', 'step again']);
    await inWorktree.raw(['checkout', 'HEAD~1', '--', 'a.txt']);
    await inWorktree.raw(['reset', '--quiet', '--hard', 'HEAD']);
    await inWorktree.raw(['ls-files']);
    await git.raw(['worktree', 'remove', '--force', worktree]);
    await git.raw(['branch', '-D', 'atx/x']);
    expect(await ran(markers)).toEqual([]);

    // The same calls without atx's settings do run them: the set-up is live.
    await execa('git', ['status', '--porcelain'], { cwd: repo });
    await execa('git', ['commit', '-q', '--allow-empty', '--no-verify', '-m', 'x'], { cwd: repo, env: gitIdentity });
    expect(await ran(markers)).toEqual(
      expect.arrayContaining(['fsmonitor', 'post-commit', 'prepare-commit-msg', 'reference-transaction']),
    );
  });

  it('never take a folder of the checkout that looks like a bare repository for the repository', async () => {
    const base = await tempDir('atx-git-safety-');
    const sub = join(base, 'sub');
    const marker = join(base, 'marker');
    // Not in a repository at all, but shaped like a bare one, with an fsmonitor and a hooks folder.
    await writeFiles(sub, {
      HEAD: 'ref: refs/heads/main\n',
      config: `[core]\n\trepositoryformatversion = 0\n\tbare = true\n\tfsmonitor = touch ${marker}; false\n`,
      'objects/info/packs': '',
      'refs/tags/placeholder': '',
    });
    await expect(execa('git', ['rev-parse', '--git-dir'], { cwd: sub })).resolves.toMatchObject({ stdout: '.' });
    await expect(gitAt(sub).raw(['rev-parse', '--git-dir'])).rejects.toThrow(/bare repository/);
    await expect(gitOutput(sub, ['rev-parse', '--show-toplevel'])).rejects.toThrow(/bare repository/);
    await expect(gitOutput(sub, ['status', '--porcelain'])).rejects.toThrow(/bare repository/);
    expect(existsSync(marker)).toBe(false);
  });
});
