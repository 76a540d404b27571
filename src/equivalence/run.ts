// Runs each changed handler on its events on both sides — the base checkout under the source
// Node.js major, the result checkout under the target — with the same scripted AWS answers, in
// parallel child processes, and gives a verdict per handler (issue 18, points 2, 5 and 7).
import { availableParallelism } from 'node:os';
import { difference, type Difference } from './compare.js';
import type { EventCase } from './events/index.js';
import type { ChangedHandler } from './handlers.js';
import { invokeHandler, type AnswerTable, type InvocationRecord, type Outcome } from './invoke/index.js';

export interface EventVerdict {
  name: string;
  source: EventCase['source'];
  file?: string;
  before: Outcome;
  after: Outcome;
  calls: { before: number; after: number };
  /** Undefined when both sides behaved the same. */
  difference?: Difference;
}

export type HandlerStatus = 'equal' | 'different' | 'not-checked';

export interface HandlerVerdict {
  handler: ChangedHandler;
  status: HandlerStatus;
  /** For not-checked: why (the base side did not load). */
  reason?: string;
  events: EventVerdict[];
  durationMs: number;
}

export interface CompareJob {
  handlers: ChangedHandler[];
  baseRoot: string;
  resultRoot: string;
  /** The node executable for a major (installed beforehand). */
  nodeFor(major: number): string;
  eventsFor(handler: ChangedHandler): EventCase[];
  answers: AnswerTable;
  timeoutMs: number;
  /** Child processes at once; default the machine's parallelism. */
  concurrency?: number;
  signal?: AbortSignal;
}

/** A limiter: at most `size` tasks at once, started in the order asked. */
function pool(size: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (active >= size) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await task();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

export async function compareHandlers(job: CompareJob): Promise<HandlerVerdict[]> {
  const limit = pool(Math.max(1, job.concurrency ?? availableParallelism()));
  const side = (handler: ChangedHandler, root: string, major: number, event: unknown) =>
    limit(() => {
      job.signal?.throwIfAborted();
      return invokeHandler({
        nodeBinary: job.nodeFor(major),
        major,
        root,
        file: handler.file,
        exportName: handler.exportName,
        event,
        answers: job.answers,
        timeoutMs: job.timeoutMs,
        functionName: handler.fn?.name,
      });
    });
  return Promise.all(
    job.handlers.map(async (handler): Promise<HandlerVerdict> => {
      const started = Date.now();
      const cases = job.eventsFor(handler);
      const runs = await Promise.all(
        cases.map((event) =>
          Promise.all([
            side(handler, job.baseRoot, handler.sourceMajor, event.event),
            side(handler, job.resultRoot, handler.targetMajor, event.event),
          ]),
        ),
      );
      const events = cases.map((event, i) => verdict(event, runs[i]![0], runs[i]![1]));
      const durationMs = Date.now() - started;
      const unloaded = runs.find(([before]) => before.outcome.kind === 'not-loaded')?.[0].outcome;
      if (unloaded?.kind === 'not-loaded')
        return {
          handler,
          status: 'not-checked',
          reason: `it does not load before the change either: ${unloaded.reason}`,
          events,
          durationMs,
        };
      const unintercepted = runs.find(([before, after]) => !before.awsIntercepted || !after.awsIntercepted);
      if (unintercepted)
        return {
          handler,
          status: 'not-checked',
          reason: "atx's AWS answers were not installed in the handler's process, so its AWS calls were not compared",
          events,
          durationMs,
        };
      const status = events.some((e) => e.difference) ? 'different' : 'equal';
      return { handler, status, events, durationMs };
    }),
  );
}

function verdict(event: EventCase, before: InvocationRecord, after: InvocationRecord): EventVerdict {
  return {
    name: event.name,
    source: event.source,
    ...(event.file ? { file: event.file } : {}),
    before: before.outcome,
    after: after.outcome,
    calls: { before: before.calls.length, after: after.calls.length },
    difference: difference(before, after),
  };
}
