// The entry point: the only place that touches process, argv and exit codes.
//
// Every failure ends here as one line on stderr and an exit code (2 bad input, 130 interrupted,
// 1 anything else); the stack trace only with ATX_DEBUG=1. With --json, stdout always carries
// exactly one JSON document: the command's own, or an error document saying what went wrong.
// Nothing printed holds a secret value: stdout and stderr pass the redactor (util/secrets.ts).
import { createInterface } from 'node:readline/promises';
import { CommanderError } from 'commander';
import { exitCodeOf, InterruptedError, UsageError } from '../errors.js';
import { checkSecretSettings, redactDocument, secretValues } from '../util/secrets.js';
import type { CliIO } from './io.js';
import { createProgram } from './program.js';

interface Outcome {
  /** Whether anything was printed on stdout (then no error document follows: it would be a second one). */
  wroteStdout: boolean;
  runId?: string;
  /** The last `atx: …` line on stderr, for a command that returned a failing code without throwing. */
  lastError?: string;
}

async function main(argv: string[]): Promise<number> {
  const secrets = secretValues(process.env);
  redactStream(process.stdout, secrets);
  redactStream(process.stderr, secrets);
  const json = wantsJson(argv.slice(2));
  const outcome: Outcome = { wroteStdout: false };
  const controller = new AbortController();
  let interrupts = 0;
  const onSignal = () => {
    interrupts += 1;
    if (interrupts > 1) {
      finish(json, outcome, 130, 'interrupted twice; stopped at once (the run can be resumed)');
      process.exit(130);
    }
    // At once, not after the running step (a build may take many minutes): that step is stopped,
    // its changes dropped, and it runs again on resume. A second signal skips the checkpoint.
    process.stderr.write('\natx: stopping now; the running step is stopped and runs again on `atx --resume`\n');
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const interactive = Boolean(process.stdin.isTTY && process.stderr.isTTY);
  const io: CliIO = {
    stdout: (text) => {
      outcome.wroteStdout ||= text.length > 0;
      process.stdout.write(text);
    },
    stderr: (text) => {
      const last = text
        .split('\n')
        .filter((line) => line.startsWith('atx: '))
        .pop();
      if (last) outcome.lastError = last.slice('atx: '.length);
      process.stderr.write(text);
    },
    env: process.env,
    cwd: process.cwd(),
    interactive,
    ask: interactive ? ask : undefined,
    signal: controller.signal,
    onRunId: (runId) => {
      outcome.runId = runId;
    },
  };
  const result = { exitCode: 0 };
  const program = createProgram(io, result);
  try {
    checkSecretSettings(process.env);
    await program.parseAsync(argv, { from: 'node' });
    if (result.exitCode !== 0)
      finish(json, outcome, result.exitCode, outcome.lastError ?? `exited with ${result.exitCode}`);
    return result.exitCode;
  } catch (error) {
    const { code, message } = failure(error, controller.signal.aborted);
    // commander has already printed its own message (and usage) for a bad command line.
    if (!(error instanceof CommanderError)) process.stderr.write(`atx: ${message}\n`);
    if (process.env.ATX_DEBUG === '1' && error instanceof Error && error.stack)
      process.stderr.write(`${error.stack}\n`);
    if (code !== 0) finish(json, outcome, code, message);
    return code;
  }
}

function failure(error: unknown, aborted: boolean): { code: number; message: string } {
  if (error instanceof CommanderError) {
    // Help and version end with exit code 0; unknown options and missing values are usage errors.
    return { code: error.exitCode === 0 ? 0 : 2, message: oneLine(error.message.replace(/^error: /, '')) };
  }
  if (error instanceof InterruptedError || aborted) {
    // A stop atx decided on (the model's limit reached) says why and how to go on.
    const own = error instanceof InterruptedError && error.message !== 'interrupted' ? error.message : undefined;
    return { code: 130, message: own ?? 'interrupted; continue with `atx --resume`' };
  }
  const message = oneLine(error instanceof Error ? error.message : String(error));
  if (error instanceof UsageError) return { code: 2, message };
  return {
    code: exitCodeOf(error),
    message: process.env.ATX_DEBUG === '1' ? message : `${message} (ATX_DEBUG=1 shows where)`,
  };
}

/** One line, whatever the error carried (git's stderr, a list of issues). */
function oneLine(text: string): string {
  return (
    text
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .join(' — ') || 'unknown error'
  );
}

/** The error document of --json, once, unless the command already printed its own. */
function finish(json: boolean, outcome: Outcome, code: number, message: string): void {
  if (!json || outcome.wroteStdout) return;
  outcome.wroteStdout = true;
  const document = { status: 'error', ...(outcome.runId ? { runId: outcome.runId } : {}), error: { code, message } };
  process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
}

/** `--json` anywhere before a `--` (commander takes it on the root and on every command that has it). */
function wantsJson(args: string[]): boolean {
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).includes('--json');
}

/**
 * Puts the redactor in front of a stream, so that everything printed passes it: io.stdout and
 * io.stderr, commander's messages, the session's ink frames, the error lines of this file. A
 * secret reaches atx's output only through a command's output (a file it read) or the person's
 * own typing; a `--json` document stays one valid document.
 */
function redactStream(stream: NodeJS.WriteStream, secrets: string[]): void {
  if (secrets.length === 0) return;
  const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
  stream.write = ((chunk: unknown, ...rest: unknown[]) => {
    if (typeof chunk === 'string') return write(redactDocument(chunk, secrets), ...rest);
    if (chunk instanceof Uint8Array) {
      const buffer = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      if (secrets.some((secret) => buffer.includes(secret)))
        return write(redactDocument(buffer.toString('utf8'), secrets), ...rest);
    }
    return write(chunk, ...rest);
  }) as typeof stream.write;
}

async function ask(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await rl.question(question);
  } finally {
    rl.close();
  }
}

process.exitCode = await main(process.argv);
