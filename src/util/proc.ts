// Every child process atx starts goes through here (execa): timeouts, output capture, and
// the process tree killed when atx is interrupted.
import { execa } from 'execa';

export interface CommandRun {
  command: string;
  exitCode: number;
  durationMs: number;
  /** stdout and stderr interleaved, as a person would have seen them. */
  output: string;
  timedOut: boolean;
}

export interface RunOptions {
  cwd: string;
  env?: Record<string, string | undefined>;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** Runs a shell command line and reports how it ended; a non-zero exit is a result, not an error. */
export async function runShell(command: string, options: RunOptions): Promise<CommandRun> {
  const started = performance.now();
  const result = await execa(command, {
    shell: true,
    cwd: options.cwd,
    env: options.env,
    extendEnv: true,
    all: true,
    reject: false,
    stdin: 'ignore',
    timeout: options.timeoutMs,
    cancelSignal: options.signal,
    forceKillAfterDelay: 2000,
  });
  return {
    command,
    exitCode: result.exitCode ?? (result.timedOut ? 124 : 1),
    durationMs: Math.round(performance.now() - started),
    output: typeof result.all === 'string' ? result.all : '',
    timedOut: Boolean(result.timedOut),
  };
}

/** The last lines of a command's output, for evidence and messages. */
export function tail(text: string, lines = 40): string {
  const all = text.trimEnd().split('\n');
  return all.slice(-lines).join('\n');
}
