// The Anthropic Messages API through @anthropic-ai/sdk: streaming text, forced tool calls,
// token counts. Retries are ours, not the SDK's: 429, 5xx and lost connections are retried
// honouring `retry-after`, within one retry budget for every call of the process; then the
// failure is one line (ModelUnavailableError, ModelConfigError, ModelRequestError).
import Anthropic from '@anthropic-ai/sdk';
import { InterruptedError } from '../../errors.js';
import { ModelConfigError, ModelRequestError, ModelUnavailableError } from '../errors.js';
import type { CallKind, TextSink, TokenUsage } from '../types.js';
import { readFailure, type Failure } from './failures.js';
import { RetryBudget, UsageMeter, type ModelLimit } from './meter.js';

export const defaultRetrySeconds = 120;
export const defaultTimeoutSeconds = 600;

export interface ModelSettings {
  apiKey: string;
  model: string;
  baseURL?: string;
  maxTokens?: number;
  /** Seconds of waiting between retries, in all (default 120); ignored when `budget` is given. */
  retrySeconds?: number;
  /** A retry budget shared with other clients of the same run. */
  budget?: RetryBudget;
  /** `--limit`: no request starts once it is reached. */
  limit?: ModelLimit;
  /** How long one request may take before it counts as timed out (default 600 s). */
  timeoutSeconds?: number;
  /** Stops a request, or the wait before a retry (Ctrl-C). */
  signal?: AbortSignal;
  /** Told about each retry, so a person knows why nothing happens for a while. */
  onRetry?: (line: string) => void;
}

export type MessageParam = Anthropic.MessageParam;
export type Tool = Anthropic.Tool;
export type ContentBlock = Anthropic.ContentBlock;

export class ModelClient {
  private readonly sdk: Anthropic;
  private readonly meter: UsageMeter;
  private readonly budget: RetryBudget;
  readonly host: string;

  constructor(readonly settings: ModelSettings) {
    // The SDK's own retries (each call starting over with its own backoff) are off: see `send`.
    this.sdk = new Anthropic({
      apiKey: settings.apiKey,
      baseURL: settings.baseURL,
      maxRetries: 0,
      timeout: this.timeoutMs,
    });
    this.meter = new UsageMeter(settings.limit);
    this.budget = settings.budget ?? new RetryBudget(settings.retrySeconds ?? defaultRetrySeconds);
    this.host = hostOf(this.sdk.baseURL);
  }

  get model(): string {
    return this.settings.model;
  }

  private get timeoutMs(): number {
    return (this.settings.timeoutSeconds ?? defaultTimeoutSeconds) * 1000;
  }

  usage(): TokenUsage {
    return this.meter.usage();
  }

  /** Streams a text answer to `onText`, returns the whole text. */
  async streamText(
    system: string,
    messages: MessageParam[],
    onText?: TextSink,
    kind: CallKind = 'agent',
  ): Promise<string> {
    const message = await this.send(kind, () =>
      this.stream({ model: this.model, max_tokens: this.settings.maxTokens ?? 8192, system, messages }, onText),
    );
    return textOf(message);
  }

  /**
   * Makes the model answer through one tool, and returns that tool's input. A text answer instead
   * (an endpoint that ignores `tool_choice`) is sent back once with a reminder.
   */
  async callTool<T>(system: string, messages: MessageParam[], tool: Tool, kind: CallKind = 'agent'): Promise<T> {
    let conversation = messages;
    for (let attempt = 1; ; attempt++) {
      const body = {
        model: this.model,
        max_tokens: 2048,
        system,
        messages: conversation,
        tools: [tool],
        tool_choice: { type: 'tool' as const, name: tool.name },
      };
      const { message, requestId } = await this.send(kind, async () => {
        const { data, request_id } = await this.sdk.messages.create(body, this.requestOptions()).withResponse();
        return Object.assign(data, { requestId: request_id ?? undefined });
      }).then((data) => ({ message: data, requestId: data.requestId }));
      const use = message.content.find((block) => block.type === 'tool_use' && block.name === tool.name);
      if (use?.type === 'tool_use') return use.input as T;
      const said = textOf(message).replace(/\s+/g, ' ').trim();
      if (attempt === 2) {
        const reason = `answered with text where a call to ${tool.name} was required, twice${requestId ? ` (request ${requestId})` : ''}: "${said.slice(0, 120)}${said.length > 120 ? '…' : ''}"`;
        throw new ModelRequestError(`the model at ${this.host} ${reason}`, { host: this.host, requestId, reason });
      }
      conversation = [
        ...messages,
        { role: 'assistant', content: said || '(no answer)' },
        { role: 'user', content: `Answer only by calling the ${tool.name} tool, with no text.` },
      ];
    }
  }

  /** One turn of a tool-using conversation (the agent loop drives the turns). */
  async turn(
    system: string,
    messages: MessageParam[],
    tools: Tool[],
    onText?: TextSink,
    kind: CallKind = 'agent',
  ): Promise<Anthropic.Message> {
    return this.send(kind, () =>
      this.stream({ model: this.model, max_tokens: this.settings.maxTokens ?? 8192, system, messages, tools }, onText),
    );
  }

  private stream(body: Anthropic.MessageStreamParams, onText?: TextSink): Promise<Anthropic.Message> {
    const stream = this.sdk.messages.stream(body, this.requestOptions());
    if (onText) stream.on('text', (delta) => onText(delta));
    return stream.finalMessage();
  }

  private requestOptions() {
    return this.settings.signal ? { signal: this.settings.signal } : {};
  }

  /**
   * One request, retried while the endpoint is unavailable and the budget lasts. The limit is
   * checked before every attempt: once it is reached, no request starts.
   */
  private async send<M extends Anthropic.Message>(kind: CallKind, request: () => Promise<M>): Promise<M> {
    let retries = 0;
    for (;;) {
      this.meter.checkLimit();
      const started = performance.now();
      let failure: Failure | undefined;
      try {
        const message = await request();
        this.meter.record(kind, performance.now() - started, message.usage);
        return message;
      } catch (error) {
        this.meter.record(kind, performance.now() - started);
        if (this.settings.signal?.aborted) throw new InterruptedError();
        failure = readFailure(error, {
          host: this.host,
          model: this.model,
          baseURL: this.sdk.baseURL,
          timeoutMs: this.timeoutMs,
        });
        if (!failure) throw error;
      }
      const detail = {
        host: failure.host,
        status: failure.status,
        type: failure.type,
        requestId: failure.requestId,
        reason: failure.reason,
      };
      if (failure.kind === 'aborted') throw new InterruptedError();
      if (failure.kind === 'config') throw new ModelConfigError(failure.line);
      if (failure.kind === 'request') throw new ModelRequestError(failure.line, detail);
      const wait = failure.retryAfterMs ?? backoffMs(retries);
      if (!this.budget.take(wait))
        throw new ModelUnavailableError(`${failure.line}; ${this.givingUp(retries, wait)}`, detail);
      retries += 1;
      this.settings.onRetry?.(`${failure.line}; trying again in ${seconds(wait)}`);
      await sleep(wait, this.settings.signal);
    }
  }

  private givingUp(retries: number, wait: number): string {
    const left = this.budget.leftMs;
    const tried = retries ? `gave up after ${retries} ${retries === 1 ? 'retry' : 'retries'}` : 'not retried';
    const budget = `the retry budget of ${this.budget.seconds} s (ATX_MODEL_RETRY_SECONDS)`;
    return `${tried}: ${budget} ${left === 0 ? 'is spent' : `has ${seconds(left)} left, less than the ${seconds(wait)} to wait`}`;
  }
}

/** 0.5 s, 1 s, 2 s … up to 30 s, less a little jitter so parallel runs do not retry together. */
function backoffMs(retries: number): number {
  return Math.round(Math.min(30_000, 500 * 2 ** retries) * (1 - Math.random() * 0.2));
}

function seconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1).replace(/\.0$/, '')} s` : `${Math.round(ms / 1000)} s`;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new InterruptedError());
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', stop);
      resolve();
    }, ms);
    const stop = () => {
      clearTimeout(timer);
      reject(new InterruptedError());
    };
    signal?.addEventListener('abort', stop, { once: true });
  });
}

function textOf(message: Anthropic.Message): string {
  return message.content.map((block) => (block.type === 'text' ? block.text : '')).join('');
}

/** `api.anthropic.com`, or `127.0.0.1:8080` for a local endpoint. */
export function hostOf(baseURL: string): string {
  try {
    return new URL(baseURL).host || baseURL;
  } catch {
    return baseURL;
  }
}
