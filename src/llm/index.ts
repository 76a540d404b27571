// Which brain a session uses: the Anthropic model when ANTHROPIC_API_KEY is set, else offline rules.
import type { Brain } from './types.js';
import { createOfflineBrain } from './offline/index.js';

export type { Brain, Intent, Question, Revision, SourceDocument, TokenUsage, DraftRequest, TextSink, AgentContext } from './types.js';
export { createOfflineBrain } from './offline/index.js';

export const defaultModel = 'claude-sonnet-5-5';

export interface BrainOptions {
  /** Where streamed model text goes (the screen); nothing for offline rules. */
  onText?: (chunk: string) => void;
}

export async function createBrain(env: NodeJS.ProcessEnv, options: BrainOptions = {}): Promise<Brain> {
  const apiKey = env.ANTHROPIC_API_KEY?.trim();
  if (!apiKey) return createOfflineBrain();
  // Loaded only when a key is set, so offline sessions never pay for the SDK.
  const { createAnthropicBrain } = await import('./anthropic/brain.js');
  return createAnthropicBrain({
    apiKey,
    model: env.ATX_MODEL?.trim() || defaultModel,
    baseURL: env.ANTHROPIC_BASE_URL?.trim() || undefined,
    onText: options.onText,
  });
}
