// loadDefinitionDir: read a definition folder (definition file, summaries.md,
// document_references/) and enforce the folder rules: one definition file, references
// that are text only, 10 MB in all, and no symlink that leads out of the folder.
import { lstat, open, readdir, readFile, realpath, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { DefinitionError } from '../errors.js';
import { shippedDefinition } from './shipped.js';
import type { Definition, DefinitionBundle } from './types.js';

export const definitionFileNames = ['transformation_definition.md', 'SKILL.md'] as const;
export const referencesLimitBytes = 10 * 1024 * 1024;
const sniffBytes = 8 * 1024;

export async function loadDefinitionDir(dir: string): Promise<DefinitionBundle> {
  await requireDirectory(dir);
  const present = [];
  for (const name of definitionFileNames) if (await isFile(join(dir, name))) present.push(name);
  if (present.length === 0) {
    throw new DefinitionError(
      dir,
      undefined,
      `no definition file in this folder; expected ${definitionFileNames.join(' or ')}`,
    );
  }
  if (present.length > 1) {
    throw new DefinitionError(
      dir,
      undefined,
      `both ${present.join(' and ')} are present; keep only one definition file`,
    );
  }
  const definitionPath = join(dir, present[0]);
  const definition = await parse(await readText(definitionPath), definitionPath);
  const summariesPath = join(dir, 'summaries.md');
  const summaries = (await isFile(summariesPath)) ? await readText(summariesPath) : undefined;
  const references = await readReferences(join(dir, 'document_references'));
  return { definition, ...(summaries !== undefined ? { summaries } : {}), references };
}

/** A shipped definition as atx's build parsed it; any other by the parser (loaded only then). */
async function parse(text: string, file: string): Promise<Definition> {
  return shippedDefinition(text, file) ?? (await import('./parse.js')).parseDefinition(text, file);
}

async function requireDirectory(dir: string): Promise<void> {
  const info = await stat(dir).catch(() => undefined);
  if (!info) throw new DefinitionError(dir, undefined, 'definition folder not found');
  if (!info.isDirectory()) {
    throw new DefinitionError(
      dir,
      undefined,
      `not a folder; a definition is a folder holding ${definitionFileNames.join(' or ')}`,
    );
  }
}

async function isFile(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isFile() ?? false;
}

async function readText(path: string): Promise<string> {
  const bytes = await readFile(path);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new DefinitionError(path, undefined, 'not valid UTF-8 text; save it as UTF-8');
  }
}

type Reference = DefinitionBundle['references'][number];

/** Every file under document_references/, sorted by path, checked as it is found. */
async function readReferences(root: string): Promise<Reference[]> {
  const info = await lstat(root).catch(() => undefined);
  if (!info) return [];
  if (info.isSymbolicLink()) {
    throw new DefinitionError(
      root,
      undefined,
      'document_references is a symbolic link; make it a real folder inside the definition',
    );
  }
  if (!info.isDirectory()) throw new DefinitionError(root, undefined, 'document_references must be a folder');
  const realRoot = await realpath(root);
  const found: Reference[] = [];
  const visited = new Set<string>([realRoot]);
  let total = 0;
  const walk = async (dir: string): Promise<void> => {
    const entries = (await readdir(dir)).sort();
    for (const name of entries) {
      const path = join(dir, name);
      const target = await resolveEntry(path, realRoot);
      const targetInfo = await stat(target);
      if (targetInfo.isDirectory()) {
        if (visited.has(target)) continue; // a link back up would loop forever
        visited.add(target);
        await walk(path);
      } else if (targetInfo.isFile()) {
        total += targetInfo.size;
        if (total > referencesLimitBytes) {
          throw new DefinitionError(
            root,
            undefined,
            `document references exceed 10 MB in all (at ${path}); remove or shorten some`,
          );
        }
        await requireText(target, path);
        found.push({ path: relative(root, path).split(sep).join('/'), size: targetInfo.size });
      } else {
        throw new DefinitionError(path, undefined, 'not a regular file; document references are text files');
      }
    }
  };
  await walk(root);
  return found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The real path of an entry; a symlink must resolve to somewhere inside the references. */
async function resolveEntry(path: string, realRoot: string): Promise<string> {
  const info = await lstat(path);
  if (!info.isSymbolicLink()) return realpath(path);
  const target = await realpath(path).catch(() => undefined);
  if (!target)
    throw new DefinitionError(
      path,
      undefined,
      'broken symbolic link; remove it or point it at a file in document_references',
    );
  if (target !== realRoot && !target.startsWith(realRoot + sep)) {
    throw new DefinitionError(
      path,
      undefined,
      `symbolic link points outside document_references (to ${target}); copy the file in instead`,
    );
  }
  return target;
}

/** Text means: no NUL byte and valid UTF-8 in the first 8 KB. */
async function requireText(realPath: string, shownPath: string): Promise<void> {
  const handle = await open(realPath, 'r');
  try {
    const buffer = Buffer.alloc(sniffBytes);
    const { bytesRead } = await handle.read(buffer, 0, sniffBytes, 0);
    const head = buffer.subarray(0, bytesRead);
    // stream: true lets a multi-byte character cut at the 8 KB boundary pass.
    const valid = !head.includes(0) && decodes(head, bytesRead === sniffBytes);
    if (!valid)
      throw new DefinitionError(
        shownPath,
        undefined,
        'binary file; document references must be text (no NUL bytes, UTF-8)',
      );
  } finally {
    await handle.close();
  }
}

function decodes(bytes: Uint8Array, truncated: boolean): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: truncated });
    return true;
  } catch {
    return false;
  }
}
