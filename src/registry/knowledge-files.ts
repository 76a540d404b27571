// Where a definition's knowledge items live: `knowledge.json` beside its versions, in the team
// registry when one is configured (so the whole team shares them), else in the local registry.
// AWS/ definitions are read-only, but their knowledge items are the user's own: they are kept
// under the same name in the user's registry, never in transformations/AWS.
// Names are checked and paths confined exactly as for definitions (store.ts pathInside).
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DefinitionError } from '../errors.js';
import { writeOwnFile } from '../util/fs.js';
import { redactValue } from '../util/secrets.js';
import { withLock } from './lock.js';
import { validateName } from './names.js';
import { pathInside, writablePathInside } from './store.js';
import { TeamRegistry } from './team.js';
import { normalizeRemoteUrl } from '../util/shared-clone.js';
import { TeamUnreachableError } from './team-git.js';
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
  update<T>(
    name: string,
    change: (current: unknown) => Promise<{ next: unknown; message: string; result: T }>,
  ): Promise<T>;
}

export function openKnowledgeFiles(options: RegistryOptions): KnowledgeFiles {
  const atxHome = resolve(options.atxHome);
  if (options.teamUrl) {
    const team = new TeamRegistry({
      url: normalizeRemoteUrl(options.teamUrl),
      atxHome,
      env: options.env ?? process.env,
      author: options.author,
    });
    return new TeamKnowledgeFiles(team, options.warn);
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
    const path = await this.path(name);
    return parse(path, await readText(path));
  }

  update<T>(
    name: string,
    change: (current: unknown) => Promise<{ next: unknown; message: string; result: T }>,
  ): Promise<T> {
    return withLock(this.locks, `knowledge:${name}`, async () => {
      const path = await this.path(name);
      const { next, result } = await change(parse(path, await readText(path)));
      await writeOwnFile(
        await writablePathInside(this.root, `${validateName(name)}/${fileName}`, 'knowledge file'),
        serialise(next),
      );
      return result;
    });
  }

  private path(name: string): Promise<string> {
    return pathInside(this.root, `${validateName(name)}/${fileName}`, 'knowledge file');
  }
}

class TeamKnowledgeFiles implements KnowledgeFiles {
  readonly origin = 'team' as const;
  constructor(
    private readonly team: TeamRegistry,
    private readonly warn?: (message: string) => void,
  ) {}

  /** Without the team registry a run goes on without its knowledge items (and says so); changing them needs it. */
  async read(name: string): Promise<unknown> {
    let text: string | undefined;
    try {
      text = await this.team.readCompanion(validateName(name), fileName);
    } catch (error) {
      if (!(error instanceof TeamUnreachableError)) throw error;
      this.warn?.(
        `the team registry ${error.url} could not be reached (${error.reason}); the knowledge items of ${name} kept there are not used`,
      );
      return undefined;
    }
    return parse(`${this.team.url}: ${name}/${fileName}`, text);
  }

  update<T>(
    name: string,
    change: (current: unknown) => Promise<{ next: unknown; message: string; result: T }>,
  ): Promise<T> {
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

/** Knowledge items are learned from command output and pushed to a team's remote: never with a secret value in them. */
function serialise(value: unknown): string {
  return `${JSON.stringify(redactValue(value), null, 2)}\n`;
}
