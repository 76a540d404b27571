// The dialogue's window on the world: the registry, the person's documents, folders.
import { mkdtemp, readdir, readFile, stat } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import type { SourceDocument } from '../llm/types.js';
import type { Registry } from '../registry/types.js';
import { dependencyFolders } from '../util/excluded-folders.js';
import { listFiles, removeTree, writeFileSafe } from '../util/fs.js';
import { UsageError } from '../errors.js';
import { locateRepository } from '../executor/repository.js';
import { closest, pathCandidates } from './paths.js';
import type { RepositoryAnswer, SessionServices } from './types.js';

const maxDocumentBytes = 1024 * 1024;
const maxFolderFiles = 50;

export function createServices(registry: Registry, cwd: string): SessionServices {
  return {
    list: () => registry.list(),
    readDocuments: (answer) => readDocuments(answer, cwd),
    folder: async (path) => {
      const full = resolvePath(path, cwd);
      return (await stat(full).catch(() => undefined))?.isDirectory() ? full : undefined;
    },
    repository: (said) => findRepository(said, cwd),
    nearestPath: async (said) => {
      const wanted = pathCandidates(said).find((c) => /[/\\~]|\.\w{1,5}$/.test(c));
      return wanted ? nearest(wanted, cwd, true).then((fixed) => (fixed ? { wanted, fixed } : undefined)) : undefined;
    },
    store: async (kind, name, description, markdown, documents) => {
      const dir = await mkdtemp(join(tmpdir(), 'atx-draft-'));
      try {
        await writeFileSafe(join(dir, 'transformation_definition.md'), markdown);
        for (const [i, doc] of documents.entries()) {
          const file = doc.name.startsWith('pasted text')
            ? `pasted-text-${i + 1}.md`
            : basename(doc.name).replace(/[^A-Za-z0-9._-]/g, '_');
          await writeFileSafe(join(dir, 'document_references', file), doc.text);
        }
        if (kind === 'publish') {
          const published = await registry.publish(name, description, dir);
          return { name: published.name, version: published.version };
        }
        return await registry.saveDraft(name, description, dir);
      } finally {
        await removeTree(dir);
      }
    },
  };
}

/**
 * The repository an answer names, checked now: the first candidate path (see paths.ts) that is
 * a folder in a git repository with a commit; else why not, with the closest folder that exists.
 */
async function findRepository(said: string, cwd: string): Promise<RepositoryAnswer> {
  const candidates = pathCandidates(said);
  for (const candidate of candidates) {
    const full = resolvePath(candidate, cwd);
    if (!(await stat(full).catch(() => undefined))?.isDirectory()) continue;
    try {
      const location = await locateRepository(full, cwd);
      return { path: location.path };
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      return { problem: error.message, path: full };
    }
  }
  // Nothing there: the most path-like candidate, and the nearest name that does exist.
  const wanted = candidates.find((c) => /[/\\~]/.test(c)) ?? candidates[0] ?? said.trim();
  return { problem: `There is no folder at ${wanted}`, suggestion: await nearest(wanted, cwd) };
}

/** "repos/lambda-sv" → "repos/lambda-svc" when that exists: the path with its first missing part corrected. */
async function nearest(wanted: string, cwd: string, files = false): Promise<string | undefined> {
  const parts = wanted.replace(/[/\\]+$/, '').split(/[/\\]+/);
  for (let i = 0; i < parts.length; i++) {
    const head = parts.slice(0, i + 1).join('/') || '/';
    if ((await stat(resolvePath(head, cwd)).catch(() => undefined))?.isDirectory()) continue;
    const parent = resolvePath(parts.slice(0, i).join('/') || (wanted.startsWith('/') ? '/' : '.'), cwd);
    const last = i === parts.length - 1;
    const names = (await readdir(parent, { withFileTypes: true }).catch(() => []))
      .filter((e) => (e.isDirectory() || (files && last && e.isFile())) && !e.name.startsWith('.'))
      .map((e) => e.name);
    const match = closest(parts[i]!, names);
    if (!match) return undefined;
    const fixed = [...parts.slice(0, i), match, ...parts.slice(i + 1)].join('/');
    const found = await stat(resolvePath(fixed, cwd)).catch(() => undefined);
    return found && (found.isDirectory() || files) ? fixed : undefined;
  }
  return undefined;
}

function resolvePath(path: string, cwd: string): string {
  return resolve(cwd, path.replace(/^~(?=\/|$)/, homedir()));
}

/** Files and folders named in the answer (separated by spaces, commas or "and"); text only. */
async function readDocuments(answer: string, cwd: string): Promise<SourceDocument[] | undefined> {
  const candidates = answer
    .split(/[\s,;]+|\band\b/)
    .map((t) => t.replace(/^["'`]|["'`.]$/g, ''))
    .filter((t) => t.length > 0);
  const documents: SourceDocument[] = [];
  for (const candidate of candidates) {
    const full = resolvePath(candidate, cwd);
    const info = await stat(full).catch(() => undefined);
    if (!info) continue;
    const files = info.isDirectory() ? await folderFiles(full) : [full];
    for (const file of files) {
      const text = await readText(file);
      if (text !== undefined)
        documents.push({ name: file === full ? candidate : join(candidate, file.slice(full.length + 1)), text });
    }
  }
  return documents.length ? documents : undefined;
}

/** The first files of a folder; none of git's own (its config may hold a token) or installed packages. */
async function folderFiles(dir: string): Promise<string[]> {
  if (/(^|\/)(\.git|node_modules)(\/|$)/.test(dir)) return [];
  const files = await listFiles(dir, { skip: (name) => name === '.git' || dependencyFolders.includes(name) });
  return files.slice(0, maxFolderFiles).map((file) => join(dir, file));
}

async function readText(file: string): Promise<string | undefined> {
  const info = await stat(file);
  if (info.size > maxDocumentBytes) return undefined;
  const buffer = await readFile(file);
  // A NUL byte means binary: not a document a person or a model reads.
  return buffer.includes(0) ? undefined : buffer.toString('utf8');
}
