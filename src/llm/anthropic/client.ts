// The Anthropic Messages API through @anthropic-ai/sdk: streaming text, forced tool calls,
// token counts. The SDK retries rate limits (429) and overloads with backoff.
import Anthropic from '@anthropic-ai/sdk';
import type { TextSink, TokenUsage } from '../types.js';

export interface ModelSettings {
  apiKey: string;
  model: string;
  baseURL?: string;
  /** Retries on 429/5xx, with the SDK's exponential backoff (honours retry-after). */
  maxRetries?: number;
  maxTokens?: number;
}

export type MessageParam = Anthropic.MessageParam;
export type Tool = Anthropic.Tool;
export type ContentBlock = Anthropic.ContentBlock;

export class ModelClient {
  private readonly sdk: Anthropic;
  private readonly counted: TokenUsage = { inputTokens: 0, outputTokens: 0, requests: 0 };

  constructor(readonly settings: ModelSettings) {
    this.sdk = new Anthropic({ apiKey: settings.apiKey, baseURL: settings.baseURL, maxRetries: settings.maxRetries ?? 4, timeout: 10 * 60 * 1000 });
  }

  get model(): string {
    return this.settings.model;
  }

  usage(): TokenUsage {
    return { ...this.counted };
  }

  /** Streams a text answer to `onText`, returns the whole text. */
  async streamText(system: string, messages: MessageParam[], onText?: TextSink): Promise<string> {
    const stream = this.sdk.messages.stream({ model: this.model, max_tokens: this.settings.maxTokens ?? 8192, system, messages });
    if (onText) stream.on('text', (delta) => onText(delta));
    const message = await stream.finalMessage();
    this.count(message.usage);
    return message.content.map((block) => (block.type === 'text' ? block.text : '')).join('');
  }

  /** Makes the model answer through one tool, and returns that tool's input. */
  async callTool<T>(system: string, messages: MessageParam[], tool: Tool): Promise<T> {
    const message = await this.sdk.messages.create({
      model: this.model,
      max_tokens: 2048,
      system,
      messages,
      tools: [tool],
      tool_choice: { type: 'tool', name: tool.name },
    });
    this.count(message.usage);
    const use = message.content.find((block) => block.type === 'tool_use' && block.name === tool.name);
    if (!use || use.type !== 'tool_use') throw new Error(`the model did not call ${tool.name}`);
    return use.input as T;
  }

  /** One turn of a tool-using conversation (the agent loop drives the turns). */
  async turn(system: string, messages: MessageParam[], tools: Tool[], onText?: TextSink): Promise<Anthropic.Message> {
    const stream = this.sdk.messages.stream({ model: this.model, max_tokens: this.settings.maxTokens ?? 8192, system, messages, tools });
    if (onText) stream.on('text', (delta) => onText(delta));
    const message = await stream.finalMessage();
    this.count(message.usage);
    return message;
  }

  private count(usage: { input_tokens: number; output_tokens: number } | undefined): void {
    this.counted.requests += 1;
    this.counted.inputTokens += usage?.input_tokens ?? 0;
    this.counted.outputTokens += usage?.output_tokens ?? 0;
  }
}
