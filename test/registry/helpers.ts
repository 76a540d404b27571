// Shared set-up for the registry tests: temporary ATX_HOMEs, definition folders and bare
// git repositories standing in for a team registry.
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll } from 'vitest';
import { openRegistry, type Registry } from '../../src/registry/index.js';

const created: string[] = [];
afterAll(async () => {
  await Promise.all(created.map((dir) => rm(dir, { recursive: true, force: true })));
});

export async function tempDir(prefix = 'atx-registry-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/** Writes a small valid definition folder; `marker` ends up in the objective so versions can be told apart. */
export async function writeDefinition(
  dir: string,
  marker = 'first',
  extra: Record<string, string> = {},
): Promise<string> {
  const files: Record<string, string> = {
    'transformation_definition.md': [
      '# Upgrade widgets',
      '',
      '## Objective',
      `Move every widget to the new widget API (${marker}).`,
      '',
      '## Summary',
      'Replaces calls to the old widget API with the new one.',
      '',
      '## Implementation Steps',
      '',
      '### Phase 1: Update code',
      '1. Replace each old widget call with the new call.',
      '',
      '## Validation / Exit Criteria',
      '- The project still builds.',
      '',
    ].join('\n'),
    ...extra,
  };
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

export async function definitionFolder(marker = 'first', extra: Record<string, string> = {}): Promise<string> {
  return writeDefinition(await tempDir('atx-def-'), marker, extra);
}

/** An empty bare repository, as a team would create on their git server. */
export async function bareRemote(): Promise<string> {
  const dir = join(await tempDir('atx-remote-'), 'team-registry.git');
  execFileSync('git', ['init', '--quiet', '--bare', dir]);
  return dir;
}

export function gitEnv(name: string): NodeJS.ProcessEnv {
  return { ...process.env, ATX_GIT_COMMITTER_NAME: name, ATX_GIT_COMMITTER_EMAIL: `${name}@example.com` };
}

/** A person: their own ATX_HOME, optionally sharing a team registry. */
export async function person(name: string, teamUrl?: string, awsDir?: string): Promise<Registry> {
  const atxHome = await tempDir(`atx-home-${name}-`);
  return openRegistry({ atxHome, teamUrl, awsDir: awsDir ?? join(atxHome, 'no-aws'), author: name, env: gitEnv(name) });
}

/** Runs git in a repository (bare or not) and returns its output. */
export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8' });
}

/** Reads a file from the tip of the remote's HEAD branch. */
export function remoteFile(remote: string, path: string): string {
  return git(remote, 'show', `HEAD:${path}`);
}

export function remoteIndex(
  remote: string,
  name: string,
): { versions: Array<{ version: string; status: string; description: string }> } {
  return JSON.parse(remoteFile(remote, `registry/${name}/index.json`));
}
