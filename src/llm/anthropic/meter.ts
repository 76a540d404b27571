// What the model client counts: the tokens and time of every request (per kind of call, for
// `/usage` and `--limit`), and the waiting it has done between retries (the retry budget).
import { ModelLimitError } from '../errors.js';
import type { CallKind, TokenUsage } from '../types.js';

/** `--limit`: tokens (input and output together) or minutes of waiting for the model's answers. */
export type ModelLimit = { tokens: number } | { minutes: number };

export function describeLimit(limit: ModelLimit): string {
  return 'tokens' in limit
    ? `${limit.tokens} tokens`
    : `${limit.minutes} minute${limit.minutes === 1 ? '' : 's'} of model work`;
}

/**
 * Seconds of waiting between retries, in all, for every model call of the process: a run that
 * meets a rate limit in its first agent step does not wait again from zero in the next one.
 */
export class RetryBudget {
  private spentMs = 0;

  constructor(readonly seconds: number) {}

  get leftMs(): number {
    return Math.max(0, this.seconds * 1000 - this.spentMs);
  }

  /** Takes `ms` from the budget if there is that much left. */
  take(ms: number): boolean {
    if (ms > this.leftMs) return false;
    this.spentMs += ms;
    return true;
  }
}

export class UsageMeter {
  private readonly total = empty();
  private readonly byKind: Partial<Record<CallKind, TokenUsage>> = {};

  constructor(readonly limit?: ModelLimit) {}

  /** Called before every request: once the limit is reached no request starts. */
  checkLimit(): void {
    if (!this.limit) return;
    const used = this.total.inputTokens + this.total.outputTokens;
    if ('tokens' in this.limit && used >= this.limit.tokens) {
      throw new ModelLimitError(
        `the --limit of ${this.limit.tokens} tokens is reached (${used} used)`,
        String(this.limit.tokens * 2),
      );
    }
    const ms = this.total.durationMs ?? 0;
    if ('minutes' in this.limit && ms >= this.limit.minutes * 60_000) {
      const spent = ms < 60_000 ? `${(ms / 1000).toFixed(1)} s` : `${(ms / 60_000).toFixed(1)} minutes`;
      throw new ModelLimitError(
        `the --limit of ${describeLimit(this.limit)} is reached (${spent} used)`,
        `${this.limit.minutes * 2}m`,
      );
    }
  }

  /** One request's counts: its time in any case, the request and its tokens when it was answered. */
  record(
    kind: CallKind,
    durationMs: number,
    usage?: { input_tokens?: number | null; output_tokens?: number | null },
  ): void {
    for (const counts of [this.total, (this.byKind[kind] ??= empty())]) {
      if (usage) counts.requests += 1;
      counts.inputTokens += usage?.input_tokens ?? 0;
      counts.outputTokens += usage?.output_tokens ?? 0;
      counts.durationMs = (counts.durationMs ?? 0) + Math.round(durationMs);
    }
  }

  usage(): TokenUsage {
    const byKind = Object.fromEntries(Object.entries(this.byKind).map(([kind, counts]) => [kind, { ...counts }]));
    return { ...this.total, byKind };
  }
}

function empty(): TokenUsage {
  return { inputTokens: 0, outputTokens: 0, requests: 0, durationMs: 0 };
}
