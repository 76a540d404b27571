// The invoker's data: what it is asked to run and what it answers (the issue 18 contract), and
// the job file the parent hands the child process.
import type { AnswerTable, AwsCall } from './aws-types.js';

export type Outcome =
  | { kind: 'resolved'; value: unknown } // JSON-normalised value the runtime would answer
  | { kind: 'error'; name: string; message: string } // what the runtime would report as errorType/errorMessage
  | { kind: 'timeout' } // never settled within timeoutMs
  | { kind: 'not-loaded'; reason: string }; // module could not be loaded (native module, network at import, syntax)

export interface InvocationRecord {
  outcome: Outcome;
  calls: AwsCall[];
  /** Outbound network attempts, refused: `GET http://host/path`, `fetch POST url`, `tcp host:port`, `dns host`. */
  network: string[];
  durationMs: number;
  /** false: Part B's module was not found, so AWS SDK calls were not intercepted (they went to the refused network). */
  awsIntercepted: boolean;
  /** What the handler printed (stdout and stderr, interleaved; the tail when long). Not part of any comparison. */
  log: string;
}

export interface InvokeJob {
  nodeBinary: string; // the node executable to run under (process.execPath in tests)
  major: number; // whose runtime contract to follow: <=22 callback era, >=24 promise only
  root: string; // the checkout; the handler is loaded from here, nothing outside it is written
  file: string; // handler file, relative to root
  exportName: string; // 'handler'
  event: unknown;
  answers: AnswerTable;
  timeoutMs: number;
  /** The module providing installAwsInterception (absolute path); default Part B's ../aws/index.js. For tests. */
  awsModule?: string;
  /** The function's own environment variables (its template's); variables with a secret's name are left out. */
  environment?: Record<string, string>;
  /** Function name the context and environment report; default 'equivalence-check'. */
  functionName?: string;
}

/** What the child reads from its job file. */
export interface ChildJob {
  major: number;
  root: string;
  file: string;
  exportName: string;
  event: unknown;
  answers: AnswerTable;
  timeoutMs: number;
  awsModule?: string;
  functionName: string;
  epochMs: number;
  seed: number;
}

/** What the child writes to its result file. */
export interface ChildResult {
  outcome: Outcome;
  calls: AwsCall[];
  network: string[];
  durationMs: number;
  awsIntercepted: boolean;
}
