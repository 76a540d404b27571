// Runs each changed handler on its events on both sides — the base checkout under the source
// Node.js major, the result checkout under the target — with the same scripted AWS answers, in
// parallel child processes, and gives a verdict per handler (issue 18, points 2, 5 and 7).
import { availableParallelism } from 'node:os';
import { difference, type Difference } from './compare.js';
import type { EventCase } from './events/index.js';
import type { ChangedHandler } from './handlers.js';
import { pool } from '../util/pool.js';
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
  /**
   * When the sides ran different majors and differ: the changed code run under the source major
   * behaves as the base did, so Node.js itself makes the difference. 'explained' when
   * the handler still settles the same way (the same kind of answer, the same error name; only
   * a value or message Node.js words differently): not counted as a difference. 'caused' when it
   * settles another way: still a difference, which the upgrade brings whatever the conversion did.
   */
  runtime?: 'explained' | 'caused';
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
        environment: handler.fn?.environment,
      });
    });
  return Promise.all(
    job.handlers.map(async (handler): Promise<HandlerVerdict> => {
      const cases = job.eventsFor(handler);
      const runs = await Promise.all(
        cases.map((event) =>
          Promise.all([
            side(handler, job.baseRoot, handler.sourceMajor, event.event),
            side(handler, job.resultRoot, handler.targetMajor, event.event),
          ]),
        ),
      );
      const events = await Promise.all(
        cases.map(async (event, i): Promise<EventVerdict> => {
          const [before, after] = runs[i]!;
          const found = verdict(event, before, after);
          if (!found.difference || handler.sourceMajor === handler.targetMajor) return found;
          // The changed code under the old runtime: if it behaves as before there, the change
          // kept behaviour and Node.js itself makes the difference.
          const changedOnOld = await side(handler, job.resultRoot, handler.sourceMajor, event.event);
          if (difference(before, changedOnOld)) return found;
          return { ...found, runtime: settlesAlike(before.outcome, after.outcome) ? 'explained' : 'caused' };
        }),
      );
      // Time the handler's own processes took, not the time waiting for a free worker.
      const durationMs = runs.flat().reduce((sum, record) => sum + record.durationMs, 0);
      const unloaded = runs.find(([before]) => before.outcome.kind === 'not-loaded')?.[0].outcome;
      if (unloaded?.kind === 'not-loaded')
        return {
          handler,
          status: 'not-checked',
          reason: `it does not load before the change: ${unloaded.reason}`,
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
      const status = events.some((e) => e.difference && e.runtime !== 'explained') ? 'different' : 'equal';
      return { handler, status, events, durationMs };
    }),
  );
}

/** Both answered, or both failed with the same error name; only values or messages may differ. */
function settlesAlike(before: Outcome, after: Outcome): boolean {
  if (before.kind !== after.kind) return false;
  return before.kind !== 'error' || (after.kind === 'error' && before.name === after.name);
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
