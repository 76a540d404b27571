// A definition's knowledge items as commands see them: listed, added (deduplicated by id),
// approved, removed. Storage and its locking belong to the registry (knowledge-files.ts).
import { UsageError } from '../errors.js';
import { openKnowledgeFiles, registryOptionsFromEnv, type KnowledgeFiles } from '../registry/index.js';
import {
  KnowledgeFileSchema,
  itemId,
  statuses,
  type ItemStatus,
  type KnowledgeFile,
  type KnowledgeItem,
  type NewItem,
} from './types.js';

export class KnowledgeBase {
  constructor(private readonly files: KnowledgeFiles) {}

  /** `warn` hears that the team registry could not be reached (its items were not read). */
  static fromEnv(env: NodeJS.ProcessEnv, warn?: (message: string) => void): KnowledgeBase {
    return new KnowledgeBase(openKnowledgeFiles(registryOptionsFromEnv(env, warn)));
  }

  get origin(): 'local' | 'team' {
    return this.files.origin;
  }

  async load(name: string): Promise<KnowledgeFile> {
    return parse(name, await this.files.read(name));
  }

  async items(name: string): Promise<KnowledgeItem[]> {
    return (await this.load(name)).items;
  }

  async enabled(name: string): Promise<KnowledgeItem[]> {
    return (await this.items(name)).filter((item) => item.status === 'ENABLED');
  }

  async get(name: string, id: string): Promise<KnowledgeItem> {
    return findItem(await this.load(name), id);
  }

  /** Stores new lessons; one already known (same id) is left as it is, status included. */
  async add(name: string, drafts: NewItem[]): Promise<{ added: KnowledgeItem[]; known: KnowledgeItem[] }> {
    if (drafts.length === 0) return { added: [], known: [] };
    const current = await this.load(name);
    const fresh = drafts.filter((d) => !current.items.some((item) => item.id === itemId(d)));
    if (fresh.length === 0) return { added: [], known: drafts.map((d) => findItem(current, itemId(d))) };
    return this.change(name, `atx: learn ${fresh.length} knowledge item(s) for ${name}`, (file) => {
      const added: KnowledgeItem[] = [];
      const known: KnowledgeItem[] = [];
      for (const draft of drafts) {
        const id = itemId(draft);
        const existing = file.items.find((item) => item.id === id) ?? added.find((item) => item.id === id);
        if (existing) {
          known.push(existing);
          continue;
        }
        added.push({
          id,
          source: draft.source,
          title: draft.title,
          content: draft.content,
          status: file.autoEnabled ? 'ENABLED' : 'DISABLED',
          effect: draft.effect,
          createdAt: new Date().toISOString(),
          origin: draft.origin ?? {},
        });
      }
      return { next: { ...file, items: [...file.items, ...added] }, result: { added, known } };
    });
  }

  remove(name: string, id: string): Promise<KnowledgeItem> {
    return this.change(name, `atx: delete knowledge item ${id} of ${name}`, (file) => {
      const item = findItem(file, id);
      return { next: { ...file, items: file.items.filter((i) => i.id !== item.id) }, result: item };
    });
  }

  setStatus(name: string, id: string, status: string): Promise<KnowledgeItem> {
    const wanted = parseStatus(status);
    return this.change(name, `atx: knowledge item ${id} of ${name} ${wanted}`, (file) => {
      const item = { ...findItem(file, id), status: wanted };
      return { next: { ...file, items: file.items.map((i) => (i.id === item.id ? item : i)) }, result: item };
    });
  }

  setAutoEnabled(name: string, value: string): Promise<boolean> {
    const wanted = parseBoolean(value);
    return this.change(name, `atx: auto-enable knowledge items of ${name}: ${wanted}`, (file) => ({
      next: { ...file, autoEnabled: wanted },
      result: wanted,
    }));
  }

  private change<T>(
    name: string,
    message: string,
    edit: (file: KnowledgeFile) => { next: KnowledgeFile; result: T },
  ): Promise<T> {
    return this.files.update(name, async (raw) => ({ ...edit(parse(name, raw)), message }));
  }
}

function parse(name: string, raw: unknown): KnowledgeFile {
  if (raw === undefined) return { definition: name, autoEnabled: false, items: [] };
  const parsed = KnowledgeFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(
      `the knowledge items of ${name} are damaged (${issue?.path.join('.') || 'file'}: ${issue?.message}); fix or delete its knowledge.json`,
    );
  }
  return parsed.data;
}

function findItem(file: KnowledgeFile, id: string): KnowledgeItem {
  const item = file.items.find((i) => i.id === id.trim().toLowerCase());
  if (!item) {
    const known = file.items.map((i) => i.id).join(', ') || 'none';
    throw new UsageError(
      `${file.definition} has no knowledge item "${id}" (items: ${known}); see atx custom def list-ki -n ${file.definition}`,
    );
  }
  return item;
}

export function parseStatus(value: string): ItemStatus {
  const upper = String(value).trim().toUpperCase();
  if (!(statuses as readonly string[]).includes(upper))
    throw new UsageError(`--status must be ENABLED or DISABLED, not "${value}"`);
  return upper as ItemStatus;
}

export function parseBoolean(value: string): boolean {
  const lower = String(value).trim().toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  throw new UsageError(`--auto-enabled must be TRUE or FALSE, not "${value}"`);
}
