// The repositories of a campaign: read from a list file or flags, named, and cloned when remote.
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { joinSegmentsInside } from '../util/confine.js';
import { exists } from '../util/fs.js';
import { gitAt, gitStep } from '../util/git.js';
import type { RepoEntry } from './types.js';

/** scp-like (git@host:org/repo.git) or a URL git can clone (https, ssh, git, file). */
const urlPattern = /^(?:[a-z][a-z0-9+.-]*:\/\/|[\w.-]+@[\w.-]+:)/i;

export function isGitUrl(source: string): boolean {
  return urlPattern.test(source);
}

/** One repository a line; blank lines and `#` comments are ignored. Relative paths are relative to the file. */
export async function readRepoList(file: string, cwd: string): Promise<string[]> {
  const path = resolve(cwd, file);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read the repository list ${path}: ${(error as Error).message}`);
  }
  const base = resolve(path, '..');
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/(^|\s)#.*$/, '').trim())
    .filter(Boolean)
    .map((source) => (isGitUrl(source) || isAbsolute(source) ? source : join(base, source)));
}

/** Ids come from the last part of each path or URL; a repeated name gets -2, -3 … in list order. */
export function toEntries(sources: string[], cwd: string): RepoEntry[] {
  const seen = new Map<string, number>();
  const entries: RepoEntry[] = [];
  const sourcesSeen = new Set<string>();
  for (const raw of sources) {
    const kind = isGitUrl(raw) ? 'url' : 'path';
    const source = kind === 'url' ? raw : resolve(cwd, raw);
    if (sourcesSeen.has(source)) continue;
    sourcesSeen.add(source);
    const stem =
      basename(source.replace(/[/\\]+$/, '').replace(/^.*:/, ''))
        .replace(/\.git$/, '')
        .replace(/[^A-Za-z0-9._-]/g, '-') || 'repo';
    const count = (seen.get(stem) ?? 0) + 1;
    seen.set(stem, count);
    entries.push({ id: count === 1 ? stem : `${stem}-${count}`, source, kind });
  }
  if (entries.length === 0)
    throw new UsageError('a campaign needs at least one repository: --repos FILE or --repo PATH');
  return entries;
}

/** The clone of a remote repository: campaignDir/clones/<id>, never outside it. */
export function clonePath(campaignDir: string, repoId: string): string {
  return joinSegmentsInside(campaignDir, ['clones', repoId], 'repository id');
}

/**
 * The folder exec runs on: the path itself, or a clone under the campaign folder. A clone is
 * made once and reused by later runs (a retry continues from the same clone).
 */
export async function checkoutOf(entry: RepoEntry, campaignDir: string, env: NodeJS.ProcessEnv): Promise<string> {
  if (entry.kind === 'path') return entry.source;
  const target = clonePath(campaignDir, entry.id);
  if (await exists(join(target, '.git'))) return target;
  // Clone beside the target and rename, so a killed clone never looks like a finished one.
  const partial = `${target}.partial-${process.pid}`;
  await rm(partial, { recursive: true, force: true });
  await mkdir(dirname(target), { recursive: true });
  await gitStep(`clone ${entry.source}`, () => gitAt(campaignDir, env, { remote: true }).clone(entry.source, partial));
  await rename(partial, target);
  return target;
}
