// What a command may touch of the outside world; tests pass their own.
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Whether a person can answer questions (stdin and stderr are terminals). */
  interactive: boolean;
  /** Reads one answer from the person; only when interactive. */
  ask?: (question: string) => Promise<string>;
  /** Aborted on Ctrl-C / SIGTERM. */
  signal?: AbortSignal;
  /** Told the id of the run a command works on, so an error document can name it. */
  onRunId?: (runId: string) => void;
}

export function colour(io: CliIO): boolean {
  return io.interactive && !io.env.NO_COLOR;
}
