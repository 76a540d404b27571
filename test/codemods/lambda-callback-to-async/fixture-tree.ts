// Reads a fixture folder as a RepoView and writes/compares trees.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { RepoView } from '../../../src/codemods/types.js';
import { memoryRepo } from './helpers.js';

export const FIXTURES = join(import.meta.dirname, '../../../fixtures/lambda-callback-to-async');

export function readTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else out[relative(dir, path).split(sep).join('/')] = readFileSync(path, 'utf8');
    }
  };
  walk(dir);
  return out;
}

export function fixtureRepo(name: string, side: 'input' | 'output'): { files: Record<string, string>; repo: RepoView } {
  const files = readTree(join(FIXTURES, name, side));
  return { files, repo: memoryRepo(files) };
}

export function fixtureNames(): string[] {
  return readdirSync(FIXTURES, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}
