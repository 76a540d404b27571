// The invoker: runs one Lambda handler of a checkout once, on one event, in a child process that
// follows the Node.js runtime contract of a given major (child.ts, contract.ts), and reports what
// the runtime would have answered, the AWS calls it made (answered from a table) and the network
// it tried to reach (refused). The job and the result travel through a temporary folder outside
// the checkout, never through the handler's stdout; nothing is written inside the checkout.
import { existsSync, realpathSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runProgram, tail } from '../../util/proc.js';
import { redactText } from '../../util/secrets.js';
import type { ChildJob, ChildResult, InvocationRecord, InvokeJob, Outcome } from './types.js';

export type { AnswerTable, AwsCall } from './aws-types.js';
export type { InvocationRecord, InvokeJob, Outcome } from './types.js';

/** The compiled child, from src/ (tests) and from dist/ alike. */
const childScript = fileURLToPath(new URL('../../../dist/equivalence/invoke/child.js', import.meta.url));

/** Beyond the invocation's own limit: the init phase (10 s in Lambda, enforced by the child) and process start. */
const hardKillMarginMs = 15_000;
/** The instant the handler's clock reads: 2025-01-15T12:00:00.000Z. */
const fixedEpochMs = Date.UTC(2025, 0, 15, 12, 0, 0);
const fixedSeed = 0x2545f491;
const logLimit = 200;

export class InvokerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvokerError';
  }
}

/**
 * The environment a Lambda function finds: none of the person's variables (runProgram starts
 * from atx's own environment, so each is cleared), PATH, the function's own variables, then what
 * the runtime sets, with AWS credentials that open nothing. runProgram still removes any variable
 * with a secret's name (secrets.ts childEnv), the function's own included.
 */
function lambdaEnvironment(job: InvokeJob, functionName: string): Record<string, string | undefined> {
  const cleared = Object.fromEntries(Object.keys(process.env).map((name) => [name, undefined]));
  return {
    ...cleared,
    PATH: process.env.PATH,
    LANG: 'en_US.UTF-8',
    ...job.environment,
    AWS_LAMBDA_FUNCTION_NAME: functionName,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '128',
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${functionName}`,
    AWS_LAMBDA_LOG_STREAM_NAME: '2025/01/15/[$LATEST]0123456789abcdef0123456789abcdef',
    AWS_EXECUTION_ENV: `AWS_Lambda_nodejs${job.major}.x`,
    AWS_REGION: 'us-east-1',
    AWS_DEFAULT_REGION: 'us-east-1',
    LAMBDA_TASK_ROOT: job.root,
    TZ: 'UTC',
    // Fixed dummies: an SDK finds credentials without looking for the person's (~/.aws, a profile).
    AWS_ACCESS_KEY_ID: 'AKIAEQUIVALENCECHECK',
    AWS_SECRET_ACCESS_KEY: 'equivalence-check-not-a-secret',
  };
}

/**
 * Node.js turned on require() of ES modules and ES-or-CommonJS syntax detection by default (22.x,
 * 24.x); Lambda's runtimes turn both off ("Lambda disables these features by default", Node.js 24
 * announcement), so a CommonJS handler requiring an ES module, or ES syntax in a .js file
 * without "type": "module", fails to load there. The same flags here, where the binary knows them
 * (asked once per binary: an unknown flag would stop an older Node.js from starting).
 */
const lambdaDisabled = ['--experimental-require-module', '--experimental-detect-module'];
const flagsByBinary = new Map<string, Promise<string[]>>();

function lambdaFlags(nodeBinary: string, cwd: string): Promise<string[]> {
  let flags = flagsByBinary.get(nodeBinary);
  if (!flags) {
    const probe = `const f=process.allowedNodeEnvironmentFlags;console.log(JSON.stringify(${JSON.stringify(lambdaDisabled)}.filter(n=>f.has(n))))`;
    flags = runProgram(nodeBinary, ['-e', probe], { cwd, env: { NODE_OPTIONS: undefined }, timeoutMs: 30_000 }).then(
      (run) => {
        // A binary that cannot run a line of JavaScript is the invoker's problem, not a handler's answer.
        if (run.exitCode !== 0)
          throw new InvokerError(`${nodeBinary} does not run (exit ${run.exitCode}): ${tail(run.output, 5)}`);
        const known = JSON.parse(run.output.trim().split('\n').pop() ?? '[]') as string[];
        return known.map((flag) => flag.replace(/^--/, '--no-'));
      },
    );
    flags.catch(() => flagsByBinary.delete(nodeBinary));
    flagsByBinary.set(nodeBinary, flags);
  }
  return flags;
}

export async function invokeHandler(job: InvokeJob): Promise<InvocationRecord> {
  if (!existsSync(childScript)) throw new InvokerError(`${childScript} is missing: build atx first (npm run build)`);
  const functionName = job.functionName ?? 'equivalence-check';
  const dir = await mkdtemp(join(tmpdir(), 'atx-invoke-'));
  try {
    const jobPath = join(dir, 'job.json');
    const resultPath = join(dir, 'result.json');
    const childJob: ChildJob = {
      major: job.major,
      root: job.root,
      file: job.file,
      exportName: job.exportName,
      event: job.event ?? null,
      answers: job.answers,
      timeoutMs: job.timeoutMs,
      awsModule: job.awsModule,
      functionName,
      epochMs: fixedEpochMs,
      seed: fixedSeed,
    };
    await writeFile(jobPath, JSON.stringify(childJob));
    const flags = await lambdaFlags(job.nodeBinary, dir);
    const run = await runProgram(job.nodeBinary, [...flags, childScript, jobPath, resultPath], {
      cwd: job.root,
      env: lambdaEnvironment(job, functionName),
      timeoutMs: job.timeoutMs + hardKillMarginMs,
    });
    const log = redactText(tail(run.output, logLimit));
    const result = await readResult(resultPath);
    if (result && 'internalError' in result)
      throw new InvokerError(`The invoker's child process failed: ${result.internalError}`);
    if (result)
      return {
        ...result,
        outcome: withoutRequireStack(asDeployed(result.outcome, job.root)),
        calls: asDeployed(result.calls, job.root),
        log,
      };
    // No answer written: the child was stopped (timeout) or the handler ended the process itself
    // (process.exit), which Lambda reports as the runtime exiting.
    return {
      outcome: run.timedOut
        ? { kind: 'timeout' }
        : {
            kind: 'error',
            name: 'Runtime.ExitError',
            message:
              run.exitCode === 0
                ? 'Runtime exited without providing a reason'
                : `Runtime exited with error: exit status ${run.exitCode}`,
          },
      calls: [],
      network: [],
      durationMs: run.durationMs,
      awsIntercepted: false,
      log,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Where Lambda puts a function's code: what a path into the checkout reads as once deployed. */
export const taskRoot = '/var/task';

/**
 * `value` with the checkout's path (as given, and as the system resolves it: Node.js reports
 * real paths) written as Lambda's task root in every string: the base and result checkouts live
 * in different folders.
 */
export function asDeployed<T>(value: T, root: string): T {
  const given = resolve(root);
  let real = given;
  try {
    real = realpathSync(given);
  } catch {
    // No such folder: nothing ran there, nothing names it.
  }
  const walk = (item: unknown): unknown => {
    if (typeof item === 'string') return item.split(real).join(taskRoot).split(given).join(taskRoot);
    if (Array.isArray(item)) return item.map(walk);
    if (item && typeof item === 'object')
      return Object.fromEntries(Object.entries(item).map(([key, inner]) => [key, walk(inner)]));
    return item;
  };
  return walk(value) as T;
}

/** A module-not-found's "Require stack" names the loader's files, not the function's: cut from what the runtime reports. */
function withoutRequireStack(outcome: Outcome): Outcome {
  const cut = (text: string) => text.replace(/\nRequire stack:\n[\s\S]*$/, '');
  if (outcome.kind === 'not-loaded') return { ...outcome, reason: cut(outcome.reason) };
  if (outcome.kind === 'error') return { ...outcome, message: cut(outcome.message) };
  return outcome;
}

async function readResult(path: string): Promise<ChildResult | { internalError: string } | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
  return JSON.parse(text) as ChildResult | { internalError: string };
}
