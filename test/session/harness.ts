// A conversation wired to real services on a temporary ATX_HOME, recording what atx says.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Brain } from '../../src/llm/types.js';
import { openRegistry } from '../../src/registry/index.js';
import { Conversation } from '../../src/session/driver.js';
import { createRunService } from '../../src/session/run.js';
import { createServices } from '../../src/session/services.js';
import { openStore } from '../../src/session/store.js';
import type { Message } from '../../src/session/types.js';

export interface Harness {
  conversation: Conversation;
  messages: Message[];
  atxHome: string;
  env: NodeJS.ProcessEnv;
  /** Says `text` and returns everything atx answered. */
  say(text: string): Promise<string>;
}

export async function harness(
  brain: Brain,
  options: { trustAllTools?: boolean; atxHome?: string; cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<Harness> {
  const atxHome = options.atxHome ?? (await mkdtemp(join(tmpdir(), 'atx-session-')));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...options.env,
    ATX_HOME: atxHome,
    ATX_REGISTRY_URL: '',
    ATX_GIT_COMMITTER_NAME: 'atx',
    ATX_GIT_COMMITTER_EMAIL: 'atx@localhost',
  };
  const cwd = options.cwd ?? process.cwd();
  const messages: Message[] = [];
  const conversation = Conversation.create({
    ctx: { brain, services: createServices(openRegistry({ atxHome, env }), cwd) },
    store: openStore(atxHome, [env.ANTHROPIC_API_KEY]),
    runs: createRunService(env, cwd),
    trustAllTools: options.trustAllTools ?? false,
    onMessage: (m) => messages.push(m),
  });
  return {
    conversation,
    messages,
    atxHome,
    env,
    say: async (text) => {
      const before = messages.length;
      await conversation.say(text);
      return messages
        .slice(before)
        .filter((m) => m.from === 'atx')
        .map((m) => m.text)
        .join('\n');
    },
  };
}

export function lastDefinition(messages: Message[]): string {
  const shown = messages.filter((m) => m.style === 'definition').at(-1)!.text;
  return shown.slice(shown.indexOf('# '));
}
