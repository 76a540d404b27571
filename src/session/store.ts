// Conversations on disk: ATX_HOME/conversations/<id>.json, written atomically after every turn.
// Secrets (the API key, every secret variable, see util/secrets.ts) are cut out of everything
// written, whatever the person typed: writeJson passes the conversation through the one redactor.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { exists, readJson, writeJson } from '../util/fs.js';
import type { SessionState } from './types.js';

export interface ConversationStore {
  save(state: SessionState): Promise<void>;
  load(id: string): Promise<SessionState>;
  has(id: string): Promise<boolean>;
  /** The most recently updated conversation that has not ended, if any. */
  latest(): Promise<SessionState | undefined>;
}

export function conversationsDir(atxHome: string): string {
  return join(atxHome, 'conversations');
}

export function openStore(atxHome: string, secrets: Array<string | undefined> = []): ConversationStore {
  const dir = conversationsDir(atxHome);
  const file = (id: string) => {
    if (!/^[A-Za-z0-9._-]+$/.test(id)) throw new UsageError(`invalid conversation id "${id}"`);
    return join(dir, `${id}.json`);
  };
  return {
    save: async (state) => {
      // `secrets`: the key the session was given, which need not be in atx's own environment.
      await writeJson(file(state.id), { ...state, updatedAt: new Date().toISOString() }, secrets);
    },
    load: async (id) => {
      if (!(await exists(file(id)))) throw new UsageError(`there is no conversation ${id} in ${dir}`);
      return readJson<SessionState>(file(id));
    },
    has: (id) => exists(file(id)),
    latest: async () => {
      const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.json'));
      const states = await Promise.all(names.map((n) => readJson<SessionState>(join(dir, n)).catch(() => undefined)));
      return states
        .filter((s): s is SessionState => s !== undefined && s.phase !== 'done')
        .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0];
    },
  };
}
