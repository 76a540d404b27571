// Child side: how the Lambda Node.js runtime of a major calls a handler and turns what happens
// into its answer. Written from the behaviour of the runtime interface clients (aws-lambda-ric
// 3.x for Node.js 22 and earlier, 4.x for Node.js 24) and the AWS Node.js 24 runtime
// announcement (/work/shared/reference/lambda-nodejs24-runtime.txt); no code of theirs is used.
import { types } from 'node:util';
import type { Outcome } from './types.js';

export type Handler = (...args: unknown[]) => unknown;

/** How the runtime answers; the child ends the process at the first answer. */
export type Answer = (outcome: Outcome) => void;

export interface Invocation {
  /** The event loop has emptied ('beforeExit'). */
  onEmptyLoop(): void;
  /** An exception nobody caught, or a rejection nobody handled, while the invocation runs. */
  onUncaught(kind: 'exception' | 'rejection', error: unknown): void;
}

export interface ContextData {
  awsRequestId: string;
  functionName: string;
  timeoutMs: number;
  /** Real milliseconds since the invocation started (the child's Date is frozen). */
  elapsedMs(): number;
}

const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  !!value && typeof (value as { then?: unknown }).then === 'function';

/** The fields both runtimes put on the context (InvokeContext / ContextBuilder), from their environment and headers. */
function contextFields(data: ContextData): Record<string, unknown> {
  return {
    functionName: data.functionName,
    functionVersion: '$LATEST',
    memoryLimitInMB: '128', // the runtimes copy AWS_LAMBDA_FUNCTION_MEMORY_SIZE, a string
    logGroupName: `/aws/lambda/${data.functionName}`,
    logStreamName: '2025/01/15/[$LATEST]0123456789abcdef0123456789abcdef',
    clientContext: undefined,
    identity: undefined,
    invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${data.functionName}`,
    awsRequestId: data.awsRequestId,
    // deadline - now in the runtimes; measured on the real clock here so a handler that polls it still ends.
    getRemainingTimeInMillis: () => Math.max(0, Math.round(data.timeoutMs - data.elapsedMs())),
  };
}

/**
 * errorType/errorMessage as aws-lambda-ric 3.x (Errors.toRapidResponse) reports them: a native
 * error, or anything with string name, message and stack, by its name and message; any other
 * value by `typeof` and its toString(); a value whose toString() throws as 'handled'.
 */
export function errorOf22(error: unknown): Outcome {
  try {
    const e = error as { name?: unknown; message?: unknown; stack?: unknown };
    const errorLike =
      !!e && !!e.name && !!e.message && !!e.stack && [e.name, e.message, e.stack].every((v) => typeof v === 'string');
    if (types.isNativeError(error) || errorLike)
      return { kind: 'error', name: String(e.name), message: String(e.message) };
    return { kind: 'error', name: typeof error, message: (error as { toString(): string }).toString() };
  } catch {
    return {
      kind: 'error',
      name: 'handled',
      message:
        'callback called with Error argument, but there was a problem while retrieving one or more of its message, name, and stack',
    };
  }
}

/** aws-lambda-ric 4.x (utils/error.js formatError): an Error instance by name and message, anything else by typeof and String(). */
export function errorOf24(error: unknown): Outcome {
  try {
    if (error instanceof Error) return { kind: 'error', name: String(error.name), message: String(error.message) };
    return { kind: 'error', name: typeof error, message: String(error) };
  } catch {
    return errorOf22(error);
  }
}

/**
 * The answer as the runtime serialises it: JSON.stringify of the value, undefined sent as null
 * (both RICs: `JSON.stringify(body === undefined ? null : body)`); a value JSON cannot write
 * fails the invocation with "Unable to stringify response body" (an Error in 3.x,
 * Runtime.JSONStringifyError in 4.x).
 */
export function answerOf(value: unknown, major: number): Outcome {
  let text: string | undefined;
  try {
    text = JSON.stringify(value === undefined ? null : value);
  } catch {
    return {
      kind: 'error',
      name: major >= 24 ? 'Runtime.JSONStringifyError' : 'Error',
      message: 'Unable to stringify response body',
    };
  }
  // A function or a symbol serialises to nothing; the runtime would send an empty body: null here.
  return { kind: 'resolved', value: text === undefined ? null : JSON.parse(text) };
}

/**
 * Node.js 22 and earlier (aws-lambda-ric 3.x, Runtime.handleOnceNonStreaming and CallbackContext):
 * - the handler gets (event, context, callback); context also has succeed/fail/done and
 *   callbackWaitsForEmptyEventLoop (default true);
 * - callback, succeed, fail and done share one "first call wins" guard; a returned thenable is
 *   wired as then(succeed, fail), so it races the callback under the same guard;
 * - callback(err) with err neither null nor undefined answers the error at once; callback(null, v)
 *   answers v at once when callbackWaitsForEmptyEventLoop is false, else once the event loop
 *   has emptied (never empties: the invocation times out);
 * - done/succeed answer at once; fail(null or undefined) answers the string error "handled";
 * - a synchronous throw is passed to callback (so it loses to a callback already called);
 * - a handler that settles nothing answers null once the event loop empties (the default
 *   beforeExit listener) — also one whose returned promise never settles;
 * - an uncaught exception or unhandled rejection during the invocation answers an error (the
 *   rejection as Runtime.UnhandledPromiseRejection with the reason's text as message).
 */
export function invoke22(handler: Handler, event: unknown, data: ContextData, answer: Answer): Invocation {
  let finished = false;
  let waitForEmptyLoop = true;
  // What the event loop emptying answers: null until a callback or done replaces or clears it.
  let onEmpty: (() => void) | undefined = () => answer(answerOf(null, 22));
  const once =
    <A extends unknown[]>(fn: (...args: A) => void) =>
    (...args: A) => {
      if (finished) return;
      fn(...args);
      finished = true;
    };
  const done = (err?: unknown, result?: unknown) => {
    onEmpty = undefined;
    answer(err !== undefined && err !== null ? errorOf22(err) : answerOf(result, 22));
  };
  const callback = (err?: unknown, result?: unknown) => {
    onEmpty = undefined;
    if (err !== undefined && err !== null) answer(errorOf22(err));
    else if (!waitForEmptyLoop) answer(answerOf(result, 22));
    else onEmpty = () => answer(answerOf(result, 22));
  };
  const context = {
    get callbackWaitsForEmptyEventLoop() {
      return waitForEmptyLoop;
    },
    set callbackWaitsForEmptyEventLoop(value: boolean) {
      waitForEmptyLoop = value;
    },
    succeed: once((result?: unknown) => done(null, result)),
    fail: once((err?: unknown) => (err === undefined || err === null ? done('handled') : done(err, null))),
    done: once(done),
    ...contextFields(data),
  };
  const guardedCallback = once(callback);
  try {
    const result = handler(event, context, guardedCallback);
    if (isThenable(result)) result.then(context.succeed, context.fail);
  } catch (err) {
    guardedCallback(err);
  }
  return {
    onEmptyLoop: () => onEmpty?.(),
    onUncaught(kind, error) {
      if (kind === 'exception') return answer(errorOf22(error));
      let message: string;
      try {
        message = new Error(error as string).message;
      } catch {
        message = '';
      }
      answer({ kind: 'error', name: 'Runtime.UnhandledPromiseRejection', message });
    },
  };
}

/** The message aws-lambda-ric 4.x gives a handler declaring three parameters (callback-deprecation.js). */
export const callbackRemovedMessage =
  'ERROR: AWS Lambda has removed support for callback-based function handlers starting with Node.js 24. You need to modify this function to use a supported handler signature to use Node.js 24 or later. For more information see https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html.';

/**
 * Node.js 24 (aws-lambda-ric 4.x, BufferedInvokeProcessor; the announcement's "callback-based
 * function handlers are no longer supported", "context.callbackWaitsForEmptyEventLoop is
 * removed", "context.succeed, context.fail, and context.done methods have also been removed"):
 * - a handler declaring three or more parameters is refused at init:
 *   Runtime.CallbackHandlerDeprecated;
 * - otherwise it is called with (event, context) and its result awaited: the value (or the
 *   value a returned promise settles to) is the answer, a throw or rejection the error;
 * - nothing waits for the event loop: a promise that never settles while nothing else runs
 *   leaves the process to exit, which Lambda reports as Runtime.ExitError; 4.x installs no
 *   uncaughtException/unhandledRejection listener, so those end the process the same way.
 */
export function invoke24(handler: Handler, event: unknown, data: ContextData, answer: Answer): Invocation {
  if (handler.length >= 3) {
    answer({ kind: 'error', name: 'Runtime.CallbackHandlerDeprecated', message: callbackRemovedMessage });
    return { onEmptyLoop: () => undefined, onUncaught: () => undefined };
  }
  const context = contextFields(data);
  const afterImmediate = () => new Promise((resolve) => setImmediate(resolve));
  (async () => {
    let outcome: Outcome;
    try {
      outcome = answerOf(await handler(event, context), 24);
    } catch (err) {
      outcome = errorOf24(err);
    }
    await afterImmediate(); // the lifecycle answers after a setImmediate
    answer(outcome);
  })();
  return {
    onEmptyLoop: () =>
      answer({ kind: 'error', name: 'Runtime.ExitError', message: 'Runtime exited without providing a reason' }),
    onUncaught: () =>
      answer({ kind: 'error', name: 'Runtime.ExitError', message: 'Runtime exited with error: exit status 1' }),
  };
}
