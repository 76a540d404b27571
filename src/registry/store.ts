// One registry folder on disk: `<root>/<name>/index.json` plus `<root>/<name>/<version>/`.
// The local registry and the clone of the team registry share this layout and this code;
// callers hold the lock (or own the git clone) while they change it.
import { randomBytes } from 'node:crypto';
import { readFile, readdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { DefinitionError, UsageError } from '../errors.js';
import { exists, removeTree, writeJson } from '../util/fs.js';
import { copyDefinitionFiles } from './copy.js';
import { isVersionNumber } from './names.js';
import { NameIndexSchema, emptyIndex, withRecord, withoutVersions, type NameIndex, type VersionRecord } from './versions.js';

const indexFile = 'index.json';

export function nameDir(root: string, name: string): string {
  return join(root, ...name.split('/'));
}

export function versionDir(root: string, name: string, version: string): string {
  return join(nameDir(root, name), version);
}

export async function readIndex(root: string, name: string): Promise<NameIndex | undefined> {
  const path = join(nameDir(root, name), indexFile);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new DefinitionError(path, undefined, `registry index is not valid JSON: ${(error as Error).message}`);
  }
  const result = NameIndexSchema.safeParse(parsed);
  if (!result.success) throw new DefinitionError(path, undefined, `registry index is malformed: ${result.error.message}`);
  return result.data;
}

export async function writeIndex(root: string, index: NameIndex): Promise<void> {
  await writeJson(join(nameDir(root, index.name), indexFile), index);
}

/** Every name with at least one version, sorted. */
export async function listNames(root: string): Promise<string[]> {
  const names: string[] = [];
  for (const top of await subfolders(root)) {
    if (await exists(join(root, top, indexFile))) {
      names.push(top);
      continue;
    }
    for (const child of await subfolders(join(root, top))) {
      if (await exists(join(root, top, child, indexFile))) names.push(`${top}/${child}`);
    }
  }
  const withVersions: string[] = [];
  for (const name of names) if ((await readIndex(root, name))?.versions.length) withVersions.push(name);
  return withVersions.sort();
}

/** Version folders present on disk, including any a crash left out of the index. */
export async function versionFolders(root: string, name: string): Promise<string[]> {
  return (await subfolders(nameDir(root, name))).filter(isVersionNumber);
}

/**
 * `Org` cannot be both a definition and an organisation prefix: their folders would mix
 * (version `1` of `Org` versus the definition `Org/1`).
 */
export async function assertNameFits(root: string, name: string): Promise<void> {
  const [org, rest] = name.split('/');
  if (rest !== undefined && (await exists(join(root, org, indexFile)))) {
    throw new UsageError(`"${org}" is already a definition name, so it cannot also be used as an organisation prefix in "${name}"`);
  }
  if (rest === undefined && (await exists(join(root, org))) && !(await exists(join(root, org, indexFile)))) {
    throw new UsageError(`"${name}" is already used as an organisation prefix (e.g. ${name}/…); choose another name`);
  }
}

/**
 * Stores the files of `sourceDir` as `record.version` and records it in the index. The files
 * are copied into a staging folder first and renamed into place, so a reader never sees half
 * a version; an existing folder (a draft being replaced) is swapped out the same way.
 */
export async function storeVersion(root: string, name: string, record: VersionRecord, sourceDir: string): Promise<void> {
  const index = (await readIndex(root, name)) ?? emptyIndex(name);
  const staging = join(nameDir(root, name), `.staging-${randomBytes(6).toString('hex')}`);
  try {
    await copyDefinitionFiles(sourceDir, staging);
    await swapInto(staging, versionDir(root, name, record.version));
  } finally {
    await removeTree(staging);
  }
  await writeIndex(root, withRecord(index, record));
}

/** Updates a version's record without touching its files (promoting a draft in place). */
export async function updateRecord(root: string, name: string, record: VersionRecord): Promise<void> {
  const index = (await readIndex(root, name)) ?? emptyIndex(name);
  await writeIndex(root, withRecord(index, record));
}

/** Drops versions from the index, then their folders. The index keeps `lastVersion`, so the numbers are not reused. */
export async function deleteVersions(root: string, name: string, versions: string[]): Promise<void> {
  const index = await readIndex(root, name);
  if (!index) return;
  await writeIndex(root, withoutVersions(index, versions));
  for (const version of versions) await removeTree(versionDir(root, name, version));
}

async function swapInto(staging: string, target: string): Promise<void> {
  if (!(await exists(target))) {
    await rename(staging, target);
    return;
  }
  const old = `${target}.old-${randomBytes(6).toString('hex')}`;
  await rename(target, old);
  await rename(staging, target);
  await removeTree(old);
}

async function subfolders(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries.filter((e) => e.isDirectory()).map((e) => e.name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}
