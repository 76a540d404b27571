// What can go wrong between atx and the model, as the rest of atx sees it. The client
// (anthropic/client.ts) turns the SDK's errors into these; the executor and the session decide
// what each means for a run or a conversation. Messages are one line a person can act on.
import { UsageError } from '../errors.js';

/**
 * The model cannot be reached, or kept failing until the run's retry budget was spent (429, 5xx,
 * refused connection, timeout). An agent step that meets it is not failed: it is skipped as
 * `model-unavailable`, the run goes on without the model and can be resumed to try again.
 */
export class ModelUnavailableError extends Error {
  constructor(
    message: string,
    readonly detail: ModelFailureDetail = {},
  ) {
    super(message);
    this.name = 'ModelUnavailableError';
  }
}

/** What a model failure was, for a screen that words it its own way. */
export interface ModelFailureDetail {
  host?: string;
  status?: number;
  type?: string;
  requestId?: string;
  /** The failure without the host: `answered 529 overloaded_error "Overloaded" (request req_1)`. */
  reason?: string;
}

/**
 * The run's `--limit` (tokens or minutes of model work) is reached. Agent work stops after the
 * current tool call; the run is checkpointed, and whoever knows the run's id says how to continue
 * it with `next` (a --limit that lets the work go on).
 */
export class ModelLimitError extends Error {
  constructor(
    readonly reached: string,
    readonly next: string,
  ) {
    super(`${reached}; continue with a higher --limit (e.g. --limit ${next})`);
    this.name = 'ModelLimitError';
  }
}

/** The model configuration is wrong (an unknown model, a key the API refuses): exit 2. */
export class ModelConfigError extends UsageError {
  constructor(message: string) {
    super(message);
    this.name = 'ModelConfigError';
  }
}

/**
 * The model refused this request (400, 413, 422…) or answered in a form atx cannot use (text where
 * a tool call was required). Retrying the same request would not help: the step or the answer fails
 * with this one line.
 */
export class ModelRequestError extends Error {
  constructor(
    message: string,
    readonly detail: ModelFailureDetail = {},
  ) {
    super(message);
    this.name = 'ModelRequestError';
  }
}
