// Helpers for end-to-end tests: temporary git repositories and the real `atx` binary.
import { createHash } from 'node:crypto';
import { mkdtemp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa, type Options } from 'execa';

export const atxBin = fileURLToPath(new URL('../../bin/atx.js', import.meta.url));
export const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

export const gitIdentity = {
  GIT_AUTHOR_NAME: 'Test Person',
  GIT_AUTHOR_EMAIL: 'person@example.com',
  GIT_COMMITTER_NAME: 'Test Person',
  GIT_COMMITTER_EMAIL: 'person@example.com',
};

export async function tempDir(prefix = 'atx-test-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

export async function writeFiles(dir: string, files: Record<string, string>): Promise<void> {
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
}

export async function git(dir: string, args: string[]): Promise<string> {
  const result = await execa('git', args, { cwd: dir, env: gitIdentity });
  return result.stdout;
}

/** A new git repository holding `files` in one commit on branch main. */
export async function makeRepo(files: Record<string, string>): Promise<string> {
  const dir = await tempDir('atx-repo-');
  await git(dir, ['init', '-q', '-b', 'main']);
  await writeFiles(dir, files);
  await git(dir, ['add', '-A']);
  await git(dir, ['commit', '-q', '-m', 'initial']);
  return dir;
}

export interface AtxResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export async function atx(
  args: string[],
  options: { cwd?: string; env?: Record<string, string>; timeout?: number } = {},
): Promise<AtxResult> {
  const execaOptions: Options = {
    cwd: options.cwd ?? projectRoot,
    env: { NO_COLOR: '1', ...options.env },
    reject: false,
    stdin: 'ignore',
    timeout: options.timeout ?? 120_000,
  };
  const result = await execa('node', [atxBin, ...args], execaOptions);
  return { exitCode: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr) };
}

/** Every byte of the working tree (but .git), the index, HEAD and the branch: what a user would notice. */
export async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  async function walk(folder: string, prefix: string): Promise<void> {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      if (entry.name === '.git') continue;
      const path = join(folder, entry.name);
      if (entry.isDirectory()) await walk(path, `${prefix}${entry.name}/`);
      else
        out[`${prefix}${entry.name}`] = createHash('sha256')
          .update(await readFile(path))
          .digest('hex');
    }
  }
  await walk(dir, '');
  out['<index>'] = await git(dir, ['ls-files', '-s']);
  out['<status>'] = await git(dir, ['status', '--porcelain', '--untracked-files=all']);
  out['<HEAD>'] = await git(dir, ['rev-parse', 'HEAD']);
  out['<branch>'] = await git(dir, ['symbolic-ref', '-q', 'HEAD']);
  return out;
}
