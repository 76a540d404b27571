// Which brain a session uses: the Anthropic model when ANTHROPIC_API_KEY is set, else offline rules.
import { UsageError } from '../errors.js';
import type { Brain } from './types.js';
import { createOfflineBrain } from './offline/index.js';
import type { ModelLimit } from './anthropic/meter.js';

export type {
  Brain,
  CallKind,
  Intent,
  Question,
  Revision,
  SourceDocument,
  TokenUsage,
  DraftRequest,
  TextSink,
  AgentContext,
} from './types.js';
export type { ModelLimit } from './anthropic/meter.js';
export { createOfflineBrain } from './offline/index.js';

export const defaultModel = 'claude-sonnet-5-5';

export interface BrainOptions {
  /** Where streamed model text goes (the screen); nothing for offline rules. */
  onText?: (chunk: string) => void;
  /** `--limit`: the model's tokens or minutes for this process. */
  limit?: ModelLimit;
  /** Told why a model request is being retried. */
  onRetry?: (line: string) => void;
  /** Ctrl-C: stops a request or a wait between retries. */
  signal?: AbortSignal;
}

export async function createBrain(env: NodeJS.ProcessEnv, options: BrainOptions = {}): Promise<Brain> {
  const apiKey = env.ANTHROPIC_API_KEY?.trim();
  if (!apiKey) return createOfflineBrain();
  const retrySeconds = secondsFrom(env, 'ATX_MODEL_RETRY_SECONDS', true);
  const timeoutSeconds = secondsFrom(env, 'ATX_MODEL_TIMEOUT_SECONDS', false);
  // Loaded only when a key is set, so offline sessions never pay for the SDK.
  const { createAnthropicBrain } = await import('./anthropic/brain.js');
  return createAnthropicBrain({
    apiKey,
    model: env.ATX_MODEL?.trim() || defaultModel,
    baseURL: env.ANTHROPIC_BASE_URL?.trim() || undefined,
    onText: options.onText,
    limit: options.limit,
    onRetry: options.onRetry,
    signal: options.signal,
    ...(retrySeconds === undefined ? {} : { retrySeconds }),
    ...(timeoutSeconds === undefined ? {} : { timeoutSeconds }),
  });
}

/** A number of seconds from the environment; a value that is not one is a configuration error. */
function secondsFrom(env: NodeJS.ProcessEnv, name: string, zeroAllowed: boolean): number | undefined {
  const text = env[name]?.trim();
  if (!text) return undefined;
  const value = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || !Number.isFinite(value) || (!zeroAllowed && value === 0)) {
    throw new UsageError(`${name} must be a number of seconds${zeroAllowed ? '' : ' above 0'}, not "${text}"`);
  }
  return value;
}
