// The entry point: the only place that touches process, argv and exit codes.
import { createInterface } from 'node:readline/promises';
import { CommanderError } from 'commander';
import { exitCodeOf, InterruptedError, UsageError } from '../errors.js';
import type { CliIO } from './io.js';
import { createProgram } from './program.js';

async function main(argv: string[]): Promise<number> {
  const controller = new AbortController();
  let interrupts = 0;
  const onSignal = () => {
    interrupts += 1;
    if (interrupts > 1) process.exit(130);
    process.stderr.write('\natx: stopping after the current step; the run can be resumed with `atx --resume`\n');
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const interactive = Boolean(process.stdin.isTTY && process.stderr.isTTY);
  const io: CliIO = {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
    interactive,
    ask: interactive ? ask : undefined,
    signal: controller.signal,
  };
  const result = { exitCode: 0 };
  const program = createProgram(io, result);
  try {
    await program.parseAsync(argv, { from: 'node' });
    return result.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version end with exit code 0; unknown options and missing values are usage errors.
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof InterruptedError || controller.signal.aborted) {
      process.stderr.write('atx: interrupted; continue with `atx --resume`\n');
      return 130;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`atx: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(`atx: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return exitCodeOf(error);
  }
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
