// The packages the handlers load: each function folder's own package.json is installed in the
// result checkout (the run installs only the root), then lent to the base checkout, so both sides
// load the same packages; the AWS SDK itself is answered by atx on both sides.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { symlink } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { declaresDependencies, installDependencies } from '../executor/install.js';
import { lockfileIn } from '../planner/analyse.js';
import { pool } from '../util/pool.js';
import type { CommandRun } from '../util/proc.js';

/**
 * The folders whose package.json a handler's packages come from: the nearest one at or above the
 * handler's file, within the checkout ('' for its root).
 */
export function manifestFolders(root: string, files: Iterable<string>): string[] {
  const out = new Set<string>();
  for (const file of files) {
    const found = foldersUp(file).find((folder) => existsSync(join(root, folder, 'package.json')));
    if (found !== undefined) out.add(found);
  }
  return [...out].sort();
}

/** Installs wait mostly on the registry: a few at once, whatever the cores. */
const installsAtOnce = 4;

/**
 * Installs the dependencies of each folder that declares some and has no node_modules yet, as
 * its lockfile says (without one, npm, writing no lockfile): the commands that ran, in order.
 * A lockfile that does not match its package.json fails the install rather than being rewritten.
 */
export async function installMissing(
  root: string,
  folders: readonly string[],
  signal?: AbortSignal,
): Promise<CommandRun[]> {
  const limit = pool(installsAtOnce);
  const runs = await Promise.all(
    folders.map((folder) => {
      const dir = join(root, folder);
      if (existsSync(join(dir, 'node_modules'))) return undefined;
      let manifest = '';
      try {
        manifest = readFileSync(join(dir, 'package.json'), 'utf8');
      } catch {
        return undefined;
      }
      if (!declaresDependencies(manifest)) return undefined;
      const manager = lockfileIn(dir)?.[1] ?? 'npm';
      return limit(async () => {
        const run = await installDependencies(dir, manager, { packageJsonChanged: false, scripts: true }, signal);
        return { ...run, command: folder ? `(in ${folder}) ${run.command}` : run.command };
      });
    }),
  );
  return runs.filter((run): run is CommandRun => run !== undefined);
}

/**
 * Links each `node_modules` folder of the result checkout found at `folders` (relative paths;
 * '' for the root) into the base checkout, where the base has that folder and none of its own:
 * both sides then load the same packages (the AWS SDK itself is answered by atx on both sides).
 */
export async function lendDependencies(
  resultRoot: string,
  baseRoot: string,
  folders: Iterable<string>,
): Promise<string[]> {
  const lent: string[] = [];
  for (const folder of new Set(folders)) {
    const from = join(resultRoot, folder, 'node_modules');
    const to = join(baseRoot, folder, 'node_modules');
    if (!isFolder(from) || !isFolder(join(baseRoot, folder)) || existsSync(to)) continue;
    await symlink(from, to, 'dir');
    lent.push(folder ? `${folder}/node_modules` : 'node_modules');
  }
  return lent;
}

/** A folder, or a link to one. */
function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** A folder and each folder above it, up to the root (''), for `folder/a/b` → ['folder/a/b', 'folder/a', 'folder', '']. */
export function foldersUp(path: string): string[] {
  const out: string[] = [];
  for (let dir = posix.dirname(path); ; dir = posix.dirname(dir)) {
    out.push(dir === '.' ? '' : dir);
    if (dir === '.' || dir === '/' || dir === '') break;
  }
  return out;
}
