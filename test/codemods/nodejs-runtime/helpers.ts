// Fixture repositories on disk as a RepoView, and the codemod's result as a file tree.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Codemod, CodemodResult, RepoView } from '../../../src/codemods/types.js';

export const fixturesRoot = join(dirname(fileURLToPath(import.meta.url)), '../../../fixtures/nodejs-runtime');

/** Every file under `dir`, as sorted repository-relative POSIX paths with their text. */
export function readTree(dir: string): Map<string, string> {
  const tree = new Map<string, string>();
  const walk = (sub: string): void => {
    for (const entry of readdirSync(join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(rel);
      else tree.set(rel, readFileSync(join(dir, rel), 'utf8'));
    }
  };
  walk('');
  return new Map([...tree].sort(([a], [b]) => a.localeCompare(b)));
}

export function repoOf(tree: Map<string, string>): RepoView {
  return {
    files: [...tree.keys()].sort(),
    read(path) {
      const text = tree.get(path);
      if (text === undefined) throw new Error(`no such file: ${path}`);
      return text;
    },
  };
}

export function inlineRepo(files: Record<string, string>): RepoView {
  return repoOf(new Map(Object.entries(files)));
}

/** The tree after applying a result's changes. */
export function applied(tree: Map<string, string>, result: CodemodResult): Map<string, string> {
  const next = new Map(tree);
  for (const [path, text] of result.changes) next.set(path, text);
  return next;
}

export async function runOn(codemod: Codemod, tree: Map<string, string>, options: Record<string, unknown> = {}) {
  const result = await codemod.run(repoOf(tree), options);
  return { result, tree: applied(tree, result) };
}

/** Writes an expected-output tree (used only when regenerating fixtures on purpose). */
export function writeTree(dir: string, tree: Map<string, string>): void {
  for (const [path, text] of tree) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}
