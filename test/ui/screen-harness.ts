// A conversation whose output goes to a screen hub, on a temporary ATX_HOME.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Brain } from '../../src/llm/types.js';
import { openRegistry } from '../../src/registry/index.js';
import { Conversation } from '../../src/session/driver.js';
import { createRunService } from '../../src/session/run.js';
import { createServices } from '../../src/session/services.js';
import { openStore } from '../../src/session/store.js';
import type { SessionHub } from '../../src/ui/hub.js';

export async function harnessWith(brain: Brain, hub: SessionHub) {
  const atxHome = await mkdtemp(join(tmpdir(), 'atx-screen-'));
  const env = { ...process.env, ATX_HOME: atxHome, ATX_REGISTRY_URL: '' };
  const conversation = Conversation.create({
    ctx: { brain, services: createServices(openRegistry({ atxHome, env }), process.cwd()) },
    store: openStore(atxHome),
    runs: createRunService(env, process.cwd()),
    trustAllTools: false,
    onMessage: hub.onMessage,
    onProgress: hub.onProgress,
    onExit: hub.onExit,
  });
  return { conversation, atxHome };
}
