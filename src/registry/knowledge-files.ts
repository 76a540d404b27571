// Where a definition's knowledge items live: `knowledge.json` beside its versions, in the team
// registry when one is configured (so the whole team shares them), else in the local registry.
// AWS/ definitions are read-only, but their knowledge items are the user's own: they are kept
// under the same name in the user's registry, never in transformations/AWS.
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DefinitionError } from '../errors.js';
import { writeFileSafe } from '../util/fs.js';
import { withLock } from './lock.js';
import { validateName } from './names.js';
import { nameDir } from './store.js';
import { TeamRegistry } from './team.js';
import { normalizeTeamUrl } from './team-git.js';
import type { RegistryOptions } from './types.js';

const fileName = 'knowledge.json';

export interface KnowledgeFiles {
  readonly origin: 'local' | 'team';
  /** The parsed JSON of the name's knowledge file, or undefined when it has none yet. */
  read(name: string): Promise<unknown>;
  /**
   * Reads, changes and writes the file under the name's lock (local) or as one pushed commit
   * retried on a concurrent push (team). `change` may run more than once; it must derive
   * everything from `current`.
   */
  update<T>(name: string, change: (current: unknown) => Promise<{ next: unknown; message: string; result: T }>): Promise<T>;
}

export function openKnowledgeFiles(options: RegistryOptions): KnowledgeFiles {
  const atxHome = resolve(options.atxHome);
  if (options.teamUrl) {
    const team = new TeamRegistry({ url: normalizeTeamUrl(options.teamUrl), atxHome, env: options.env ?? process.env, author: options.author });
    return new TeamKnowledgeFiles(team);
  }
  return new LocalKnowledgeFiles(atxHome);
}

class LocalKnowledgeFiles implements KnowledgeFiles {
  readonly origin = 'local' as const;
  private readonly root: string;
  private readonly locks: string;

  constructor(atxHome: string) {
    this.root = join(atxHome, 'registry');
    this.locks = join(atxHome, 'locks');
  }

  async read(name: string): Promise<unknown> {
    const path = this.path(name);
    return parse(path, await readText(path));
  }

  update<T>(name: string, change: (current: unknown) => Promise<{ next: unknown; message: string; result: T }>): Promise<T> {
    return withLock(this.locks, `knowledge:${name}`, async () => {
      const path = this.path(name);
      const { next, result } = await change(parse(path, await readText(path)));
      await writeFileSafe(path, serialise(next));
      return result;
    });
  }

  private path(name: string): string {
    return join(nameDir(this.root, validateName(name)), fileName);
  }
}

class TeamKnowledgeFiles implements KnowledgeFiles {
  readonly origin = 'team' as const;
  constructor(private readonly team: TeamRegistry) {}

  async read(name: string): Promise<unknown> {
    return parse(`${this.team.url}: ${name}/${fileName}`, await this.team.readCompanion(validateName(name), fileName));
  }

  update<T>(name: string, change: (current: unknown) => Promise<{ next: unknown; message: string; result: T }>): Promise<T> {
    return this.team.updateCompanion(validateName(name), fileName, async (text) => {
      const { next, message, result } = await change(parse(`${this.team.url}: ${name}/${fileName}`, text));
      return { text: serialise(next), message, result };
    });
  }
}

async function readText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function parse(where: string, text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new DefinitionError(where, undefined, `knowledge file is not valid JSON: ${(error as Error).message}`);
  }
}

function serialise(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
