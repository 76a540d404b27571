// The process that runs one handler once (started by index.ts invokeHandler): argv is the job
// file and the result file, both in a temporary folder outside the checkout. It fixes the clock
// and the random sources, refuses the network, installs the AWS interception, loads the handler
// as the runtime of the job's major does and invokes it under that runtime's contract; the first
// answer is written to the result file and the process ends.
import { readFileSync, writeFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { AwsCall, AwsInterception } from './aws-types.js';
import { invoke22, invoke24, type Invocation } from './contract.js';
import { installDeterminism } from './determinism.js';
import { loadHandler } from './load.js';
import { refuseNetwork } from './network.js';
import type { ChildJob, ChildResult, Outcome } from './types.js';

/** The Lambda init phase's limit: a module still loading after it fails to initialise. */
const initLimitMs = 10_000;
const partB = '../aws/index.js';
const streamingMark = Symbol.for('aws.lambda.runtime.handler.streaming');

// Taken before any handler code runs: the handler may replace globals, not these.
const clock = performance.now.bind(performance);
const realSetTimeout = setTimeout;
const exit = process.exit.bind(process);
const write = writeFileSync;

const [jobPath, resultPath] = process.argv.slice(2) as [string, string];
const job = JSON.parse(readFileSync(jobPath, 'utf8')) as ChildJob;
const calls: AwsCall[] = [];
const network: string[] = [];
let awsIntercepted = false;
let invokeStarted: number | undefined;
let invocation: Invocation | undefined;
let answered = false;

function finish(outcome: Outcome): void {
  if (answered) return;
  answered = true;
  const durationMs = invokeStarted === undefined ? 0 : Math.round(clock() - invokeStarted);
  const result: ChildResult = { outcome, calls, network, durationMs, awsIntercepted };
  write(resultPath, JSON.stringify(result));
  exit(0);
}

function internalFailure(error: unknown): void {
  answered = true;
  write(resultPath, JSON.stringify({ internalError: String((error as Error)?.stack ?? error) }));
  exit(70);
}

const describe = (error: unknown) =>
  error instanceof Error ? `${error.name}: ${error.message}` : `uncaught ${typeof error}: ${String(error)}`;

process.on('uncaughtException', (error) =>
  invocation ? invocation.onUncaught('exception', error) : finish({ kind: 'not-loaded', reason: describe(error) }),
);
process.on('unhandledRejection', (reason) =>
  invocation
    ? invocation.onUncaught('rejection', reason)
    : finish({ kind: 'not-loaded', reason: `Runtime.UnhandledPromiseRejection: ${describe(reason)}` }),
);
process.on('beforeExit', () =>
  invocation
    ? invocation.onEmptyLoop()
    : finish({
        kind: 'not-loaded',
        reason: 'the module never finished loading (a top-level await that never settles)',
      }),
);

async function installAws(): Promise<void> {
  const specifier = job.awsModule ? pathToFileURL(job.awsModule).href : partB;
  let module: Partial<AwsInterception>;
  try {
    module = (await import(specifier)) as Partial<AwsInterception>;
  } catch (error) {
    // Part B's module not built yet: run without it, and say so in the result.
    if (!job.awsModule && (error as { code?: string }).code === 'ERR_MODULE_NOT_FOUND') return;
    throw error;
  }
  if (typeof module.installAwsInterception !== 'function')
    throw new Error(`${specifier} does not export installAwsInterception`);
  module.installAwsInterception({ answers: job.answers, onCall: (call) => calls.push(call) });
  awsIntercepted = true;
}

/** globalThis.awslambda, as both runtimes define it, so a module using streamifyResponse loads. */
function defineAwsLambdaGlobal(): void {
  (globalThis as Record<string, unknown>).awslambda = {
    streamifyResponse: (handler: Record<symbol, unknown>) => {
      handler[streamingMark] = 'response';
      return handler;
    },
    HttpResponseStream: { from: (stream: unknown) => stream },
  };
}

async function main(): Promise<void> {
  installDeterminism({ epochMs: job.epochMs, seed: job.seed });
  refuseNetwork((attempt) => network.push(attempt));
  syncBuiltinESMExports(); // `import { request } from 'node:http'` sees the replaced functions
  await installAws();
  defineAwsLambdaGlobal();

  realSetTimeout(
    () => finish({ kind: 'not-loaded', reason: `the module was still loading after ${initLimitMs / 1000} s` }),
    initLimitMs,
  ).unref();
  const loaded = await loadHandler(job.root, job.file, job.exportName, job.major);
  if ('failure' in loaded) return finish({ kind: 'not-loaded', reason: loaded.failure });
  if ((loaded.handler as unknown as Record<symbol, unknown>)[streamingMark])
    return finish({ kind: 'not-loaded', reason: 'a response streaming handler (streamifyResponse) is not invoked' });

  invokeStarted = clock();
  const started = invokeStarted;
  realSetTimeout(() => finish({ kind: 'timeout' }), job.timeoutMs).unref();
  const data = {
    awsRequestId: 'c0ffee00-0000-4000-8000-000000000001',
    functionName: job.functionName,
    timeoutMs: job.timeoutMs,
    elapsedMs: () => clock() - started,
  };
  // The event is the job file's own parse: a fresh value, as the runtime's JSON.parse of the body.
  invocation = (job.major >= 24 ? invoke24 : invoke22)(loaded.handler, job.event, data, finish);
}

main().catch(internalFailure);
