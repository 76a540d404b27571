// The AWS-managed definitions shipped inside the atx package (transformations/AWS/<name>/):
// read-only, always available offline, listed first.
import { existsSync, readFileSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { DefinitionError } from '../errors.js';
import { loadDefinitionDir } from '../definitions/load.js';
import { CategorySchema, type Category } from '../definitions/types.js';
import { exists } from '../util/fs.js';

export interface AwsDefinition {
  /** `AWS/<folder>`. */
  name: string;
  version: string;
  description: string;
  category: Category;
  dir: string;
}

const MetadataSchema = z.object({
  description: z.string().optional(),
  version: z.string().min(1).optional(),
  category: CategorySchema.optional(),
});

/** The folder holding package.json with name "atx", found by walking up from this module (src or dist). */
export function findPackageRoot(from: string = fileURLToPath(import.meta.url)): string | undefined {
  let dir = dirname(from);
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === 'atx') return dir;
      } catch {
        // An unreadable package.json on the way up is not ours; keep walking.
      }
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export function defaultAwsDir(): string | undefined {
  const root = findPackageRoot();
  return root ? join(root, 'transformations', 'AWS') : undefined;
}

/** Every shipped definition, sorted by name; folders without a definition file are skipped. */
export async function listAwsDefinitions(awsDir: string | undefined): Promise<AwsDefinition[]> {
  const found: AwsDefinition[] = [];
  for (const folder of await definitionFolders(awsDir))
    found.push(await readAwsDefinition(folder, join(awsDir!, folder)));
  return found;
}

/** The shipped definition in the folder named `folder`, found in the listing (a name is never made a path unchecked). */
export async function findAwsDefinition(
  awsDir: string | undefined,
  folder: string,
): Promise<AwsDefinition | undefined> {
  const [match] = await definitionFolders(awsDir, folder);
  return match === undefined ? undefined : readAwsDefinition(match, join(awsDir!, match));
}

/** The folders of `awsDir` (only the one named `only`, when given) that hold a definition file, sorted. */
async function definitionFolders(awsDir: string | undefined, only?: string): Promise<string[]> {
  if (!awsDir || !(await exists(awsDir))) return [];
  const entries = (await readdir(awsDir, { withFileTypes: true })).filter(
    (e) => e.isDirectory() && (only === undefined || e.name === only),
  );
  const folders: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const dir = join(awsDir, entry.name);
    if ((await exists(join(dir, 'transformation_definition.md'))) || (await exists(join(dir, 'SKILL.md'))))
      folders.push(entry.name);
  }
  return folders;
}

async function readAwsDefinition(folder: string, dir: string): Promise<AwsDefinition> {
  const metadataPath = join(dir, 'metadata.json');
  let metadata: z.infer<typeof MetadataSchema> = {};
  if (await exists(metadataPath)) {
    let raw: unknown;
    try {
      raw = JSON.parse(await readFile(metadataPath, 'utf8'));
    } catch (error) {
      throw new DefinitionError(metadataPath, undefined, `not valid JSON: ${(error as Error).message}`);
    }
    const parsed = MetadataSchema.safeParse(raw);
    if (!parsed.success)
      throw new DefinitionError(
        metadataPath,
        undefined,
        `expected { "description", "version", "category": "analysis" | "remediation" }: ${parsed.error.message}`,
      );
    metadata = parsed.data;
  }
  // What metadata.json leaves out, the definition itself says (its objective, its front matter).
  let { description, category } = metadata;
  if (!description || !category) {
    const { definition } = await loadDefinitionDir(dir);
    const describe = await import('../definitions/describe.js');
    description ??= describe.definitionDescription(definition);
    category ??= describe.definitionCategory(definition);
  }
  return { name: `AWS/${folder}`, version: metadata.version ?? '1', description, category, dir };
}
