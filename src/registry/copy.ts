// Copies only the files that make up a definition, so a stray node_modules, .git or secret
// next to the definition never ends up in a registry.
import { copyFile, lstat, mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { exists } from '../util/fs.js';

/** Top-level files a definition folder may hold (see docs/definitions.md). */
export const definitionFiles = ['transformation_definition.md', 'SKILL.md', 'summaries.md'] as const;
export const referencesFolder = 'document_references';

/** Copies the definition files of `sourceDir` into `destDir` (created); returns relative paths copied. */
export async function copyDefinitionFiles(sourceDir: string, destDir: string): Promise<string[]> {
  await mkdir(destDir, { recursive: true });
  const copied: string[] = [];
  for (const file of definitionFiles) {
    const from = join(sourceDir, file);
    if (await isRegularFile(from)) {
      await copyFile(from, join(destDir, file));
      copied.push(file);
    }
  }
  const references = join(sourceDir, referencesFolder);
  if (await exists(references)) {
    await copyTree(references, join(destDir, referencesFolder), referencesFolder, copied);
  }
  return copied;
}

// Symbolic links are skipped on purpose: following them could copy files from anywhere.
async function copyTree(from: string, to: string, relative: string, copied: string[]): Promise<void> {
  await mkdir(to, { recursive: true });
  for (const entry of await readdir(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isDirectory()) {
      await copyTree(source, target, `${relative}/${entry.name}`, copied);
    } else if (entry.isFile()) {
      await copyFile(source, target);
      copied.push(`${relative}/${entry.name}`);
    }
  }
}

async function isRegularFile(path: string): Promise<boolean> {
  try {
    return (await lstat(path)).isFile();
  } catch {
    return false;
  }
}
