// `atx custom def list | get | save-draft | publish | delete`.
import { lstat, readFile, stat } from 'node:fs/promises';
import { basename, join, resolve, sep } from 'node:path';
import { isCategory, loadDefinitionDir, type Category, CATEGORIES } from '../../definitions/index.js';
import { DefinitionError, UsageError } from '../../errors.js';
import { isGitSegment, UnsafePathError, writablePathProblem } from '../../util/confine.js';
import { listFiles, writeFileSafe } from '../../util/fs.js';
import {
  isDefinitionPath,
  openRegistry,
  registryOptionsFromEnv,
  validateName,
  type RegistryEntry,
} from '../../registry/index.js';
import type { CliIO } from '../io.js';

/** The registries the environment names; a team registry that cannot be reached is a warning on stderr. */
export function registryFor(io: CliIO) {
  return openRegistry(registryOptionsFromEnv(io.env, (message) => io.stderr(`atx: warning: ${message}\n`)));
}

export async function listCommand(options: { json?: boolean }, io: CliIO): Promise<RegistryEntry[]> {
  const entries = await registryFor(io).list();
  if (options.json) {
    io.stdout(
      `${JSON.stringify(
        entries.map(({ name, version, description, category, origin, versions }) => ({
          name,
          version,
          description,
          category,
          origin,
          versions,
        })),
        null,
        2,
      )}\n`,
    );
    return entries;
  }
  const rows = entries.map((e) => [
    e.name,
    e.version + (e.status === 'draft' ? ' (draft)' : ''),
    e.origin,
    e.category,
    e.description,
  ]);
  const header = ['NAME', 'VERSION', 'ORIGIN', 'CATEGORY', 'DESCRIPTION'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
  io.stdout(`${[line(header), ...rows.map(line)].join('\n')}\n`);
  return entries;
}

export async function getCommand(
  options: { transformationName: string; transformationVersion?: string; td?: string; json?: boolean },
  io: CliIO,
): Promise<{ dir: string }> {
  validateName(options.transformationName);
  const resolved = await registryFor(io).resolve(options.transformationName, options.transformationVersion);
  const dir = targetFolder(io.cwd, options.td, resolved.name);
  await writeDefinitionFolder(resolved.dir, dir);
  if (options.json) {
    const bundle = await loadDefinitionDir(resolved.dir);
    const out = {
      name: resolved.name,
      version: resolved.version,
      origin: resolved.origin,
      description: resolved.description,
      dir,
      ...bundle,
    };
    io.stdout(`${JSON.stringify(out, null, 2)}\n`);
  } else {
    io.stdout(`${resolved.name} v${resolved.version} (${resolved.origin}) written to ${dir}\n`);
  }
  return { dir };
}

/** Where `get` writes: --td or ./<last part of the name>; never the current folder itself, never inside a .git folder. */
function targetFolder(cwd: string, td: string | undefined, name: string): string {
  if (td !== undefined && td.split(/[\\/]/).some(isGitSegment)) {
    throw new UnsafePathError(td, 'it names a .git folder; git keeps its own files there', '--td');
  }
  const dir = resolve(cwd, td ?? basename(name));
  if (dir === resolve(cwd))
    throw new UsageError('refusing to write the definition into the current folder itself; name a folder with --td');
  // Run from inside a repository's .git (a hook, say), the default folder would land in there too.
  if (dir.split(sep).some(isGitSegment))
    throw new UnsafePathError(dir, 'it is inside a .git folder; name another folder with --td', 'folder');
  return dir;
}

/**
 * Copies a definition's files into `dir`. A file already there with other content is somebody's
 * edit: nothing is written, and the person is told, rather than losing it. Nothing is written
 * through a symbolic link already in `dir` (it could point anywhere), and every check is done
 * before the first file is written. It reads the registry's copy, which holds no links, so it
 * does not share copyDefinitionFiles (registry/copy.ts): that one reads a person's folder,
 * following the links loadDefinitionDir allowed inside document_references.
 */
async function writeDefinitionFolder(source: string, dir: string): Promise<void> {
  // The registry stores no links: one found there is refused, not followed.
  const files = (await listFiles(source, { other: refuseNonFile(source) })).filter(isDefinitionPath);
  const dirInfo = await stat(dir).catch(() => undefined);
  if (dirInfo && !dirInfo.isDirectory())
    throw new UsageError(`${dir} exists and is not a folder; name another with --td`);
  const edited: string[] = [];
  if (dirInfo) {
    for (const path of files) {
      const problem = await writablePathProblem(dir, path);
      if (problem)
        throw new UsageError(
          `${join(dir, path)}: ${problem}; nothing was written (remove it or name another folder with --td)`,
        );
      const existing = await lstat(join(dir, path)).catch(() => undefined);
      if (!existing) continue;
      if (!existing.isFile() || !(await readFile(join(dir, path))).equals(await readFile(join(source, path))))
        edited.push(path);
    }
  }
  if (edited.length > 0) {
    throw new UsageError(
      `${dir} already holds a different ${edited.join(', ')}; nothing was written (move it away or name another folder with --td)`,
    );
  }
  for (const path of files) await writeFileSafe(join(dir, path), await readFile(join(source, path)));
}

export async function saveDraftCommand(
  options: { transformationName: string; description: string; sd: string; category?: string },
  io: CliIO,
): Promise<{ name: string; version: string }> {
  const category = categoryOption(options.category);
  const saved = await registryFor(io).saveDraft(
    options.transformationName,
    options.description,
    resolve(io.cwd, options.sd),
    category,
  );
  io.stdout(`saved draft ${saved.name} v${saved.version} (${saved.category})\n`);
  return saved;
}

export async function publishCommand(
  options: {
    transformationName: string;
    description?: string;
    sd?: string;
    transformationVersion?: string;
    category?: string;
  },
  io: CliIO,
): Promise<{ name: string; version: string }> {
  const category = categoryOption(options.category);
  const registry = registryFor(io);
  let published;
  if (options.transformationVersion && !options.sd) {
    if (category !== undefined) {
      throw new UsageError(
        '--category goes with --sd: a draft is promoted with the category it was saved with (save it again with --category to change it)',
      );
    }
    published = await registry.promote(options.transformationName, options.transformationVersion);
  } else {
    if (!options.sd || !options.description) {
      throw new UsageError(
        'publish needs --description and --sd DIR (a new version), or --tv VERSION (promote a draft)',
      );
    }
    published = await registry.publish(
      options.transformationName,
      options.description,
      resolve(io.cwd, options.sd),
      category,
    );
  }
  io.stdout(`published ${published.name} v${published.version} (${published.origin})\n`);
  return published;
}

export async function deleteCommand(
  options: { transformationName: string; transformationVersion?: string },
  io: CliIO,
): Promise<{ removed: string[] }> {
  const result = await registryFor(io).remove(options.transformationName, options.transformationVersion);
  io.stdout(`deleted ${options.transformationName} ${result.removed.map((v) => `v${v}`).join(', ')}\n`);
  return result;
}

function refuseNonFile(root: string) {
  return (path: string): never => {
    throw new DefinitionError(
      join(root, path),
      undefined,
      'not a regular file; a stored definition holds only files and folders',
    );
  };
}

/** The --category value, checked: a misspelt category would file the definition under the wrong kind. */
function categoryOption(value: string | undefined): Category | undefined {
  if (value === undefined || isCategory(value)) return value;
  throw new UsageError(`--category must be ${CATEGORIES.join(' or ')}, not "${value}"`);
}
