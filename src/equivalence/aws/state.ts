// The interception's state, kept on globalThis so the CommonJS hook, the ESM bridge modules and
// every copy of this folder loaded into the process share one table and one call log.
import type { AnswerTable, AwsCall, Answer } from './index.js';
import { normaliseParams } from './normalise.js';

export interface State {
  answers: AnswerTable;
  onCall(call: AwsCall): void;
  seq: number;
  /** module specifier -> the stub or patched module given for it */
  modules: Map<string, unknown>;
  /** v3 modules loaded so far by service, so an error answer can use the service's own classes */
  v3Exports: Map<string, Record<string, unknown>>;
  esm?: (spec: string, parentUrl: string) => unknown;
  cjsHooked?: boolean;
  esmHooked?: boolean;
}

export const stateKey = Symbol.for('atx.equivalence.aws');

export function state(): State {
  const s = (globalThis as Record<symbol, State | undefined>)[stateKey];
  if (!s) throw new Error('AWS interception is not installed (installAwsInterception)');
  return s;
}

export function setState(s: State): void {
  (globalThis as Record<symbol, State>)[stateKey] = s;
}

function answerFor(table: AnswerTable, service: string, operation: string): Answer {
  for (const rule of table.rules) {
    if (
      (rule.service === undefined || rule.service === service) &&
      (rule.operation === undefined || rule.operation === operation)
    )
      return rule.answer;
  }
  // A copy each time (JSON, as Node.js 16 has no structuredClone): a handler may change what it gets.
  return { value: JSON.parse(JSON.stringify(alwaysSent[`${service}.${operation}`] ?? {})) };
}

/**
 * What AWS always answers, for calls no rule answers: an S3 object has a body, an invoked
 * function answers with a status and a payload. Without them converted code that reads the
 * body (v3's stream) fails where the original (v2's Buffer) did not, for want of a field the
 * service never leaves out.
 */
const alwaysSent: Record<string, Record<string, unknown>> = {
  'S3.GetObject': { Body: '' },
  'Lambda.Invoke': { StatusCode: 200, Payload: '{}' },
};

/** Record a call now (in the order the handler made it) and return the answer the table gives it. */
export function takeCall(service: string, operation: string, params: unknown): { answer: Answer; id: string } {
  const s = state();
  s.seq += 1;
  s.onCall({ service, operation, params: normaliseParams(service, params ?? {}) });
  return { answer: answerFor(s.answers, service, operation), id: `atx-request-${String(s.seq).padStart(4, '0')}` };
}

/** Settle as a network answer would: never in the same tick as the call. */
export function later<T>(make: () => T): Promise<T> {
  return new Promise<T>((resolve, reject) => setImmediate(() => Promise.resolve().then(make).then(resolve, reject)));
}

const statuses: [RegExp, number][] = [
  [/^(NoSuchKey|NoSuchBucket|NoSuchUpload|NotFound)$/, 404],
  [/^GoneException$/, 410],
  [/^(AccessDenied|AccessDeniedException|Forbidden|ForbiddenException)$/, 403],
  [/^(PayloadTooLargeException|RequestEntityTooLargeException)$/, 413],
  [/^(TooManyRequestsException|LimitExceededException)$/, 429],
  [/^(InternalError|InternalFailure|InternalServerError|InternalServerErrorException|ServiceException)$/, 500],
  [/^(ServiceUnavailable|ServiceUnavailableException)$/, 503],
];

/** The HTTP status AWS answers an error of this name with (400, the usual client error, otherwise). */
export function statusOf(name: string): number {
  return statuses.find(([pattern]) => pattern.test(name))?.[1] ?? 400;
}
