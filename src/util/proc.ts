// Every child process atx starts goes through here (execa): timeouts, output capture, the
// whole process tree stopped when a command times out or atx is interrupted, and an environment
// without atx's secrets (secrets.ts childEnv). execa is loaded by the first command: a run that
// starts none (a dry run) does not pay for its hundred modules.
import { childEnv } from './secrets.js';

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
  /** Added to atx's own environment; secret variables are removed from the whole (unless ATX_PASS_ENV names them). */
  env?: Record<string, string | undefined>;
  timeoutMs?: number;
  signal?: AbortSignal;
}

const graceMs = 2000;

/** Hears of every command's process group while it runs (the run lock records them; see run-lock.ts). */
export interface GroupTracker {
  started(pid: number): void;
  ended(pid: number): void;
}

let tracker: GroupTracker | undefined;

/**
 * Tells `tracker` of the process groups of the commands started from now on (undefined: stop).
 * A run sets it while it holds its lock: when atx is killed, its commands live on in their own
 * groups, and whoever takes the run over next stops them before touching the worktree.
 */
export function trackProcessGroups(next: GroupTracker | undefined): void {
  tracker = next;
}

/**
 * Runs a shell command line and reports how it ended; a non-zero exit is a result, not an error.
 * The command gets its own process group, so a timeout or an abort stops everything it started
 * (npm → jest → workers), not only the shell: a grandchild holding the output pipe open would
 * otherwise keep the run waiting.
 */
export function runShell(command: string, options: RunOptions): Promise<CommandRun> {
  return run({ line: command }, command, options);
}

/**
 * Runs a program with an argument array, under the same guards as runShell; no shell reads the
 * arguments, so a value taken from data (a search pattern, a path) stays one argument whatever
 * it holds. The command reported is the line a person would type (each argument quoted).
 */
export function runProgram(file: string, args: readonly string[], options: RunOptions): Promise<CommandRun> {
  return run({ argv: [file, ...args] }, commandLine(file, args), options);
}

/** `file args…` as a POSIX shell line, for showing: each argument quoted where it needs it. */
export function commandLine(file: string, args: readonly string[] = []): string {
  return [file, ...args].map(shellQuote).join(' ');
}

/** Quotes one argument for a POSIX shell (for showing a command; nothing here runs a quoted line). */
export function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** A command line for the shell, or a program and its arguments that no shell reads. */
type Target = { line: string } | { argv: readonly [string, ...string[]] };

async function run(target: Target, command: string, options: RunOptions): Promise<CommandRun> {
  const { execa } = await import('execa');
  const started = performance.now();
  const gated = process.platform !== 'win32';
  const argv = 'line' in target ? ['/bin/sh', '-c', target.line] : target.argv;
  // The command waits for a line on its stdin before it starts, and atx sends that line only
  // once the group is recorded (tracker): atx killed in between closes the pipe, and the command
  // ends without running. `exec` keeps the pid, so the group recorded is the command's.
  // Without /bin/sh (Windows) a command line goes to the platform's shell, a program to execa directly.
  const [file, args] = gated
    ? ['/bin/sh', ['-c', gate, 'sh', ...argv]]
    : 'line' in target
      ? [target.line, []]
      : [argv[0]!, argv.slice(1)];
  const child = execa(file, args, {
    shell: !gated && 'line' in target,
    cwd: options.cwd,
    // Build commands, command steps, installs, validators and the model's run_command all come
    // here: none of them gets the model's key or another secret the person did not pass on.
    env: childEnv({ ...process.env, ...options.env }),
    extendEnv: false,
    all: true,
    reject: false,
    stdin: gated ? 'pipe' : 'ignore',
    detached: gated,
  });
  const pid = child.pid;
  const tracked = tracker;
  if (pid !== undefined) tracked?.started(pid);
  if (gated) {
    // A command that ended before reading its go (sh not found) closed the pipe: nothing to tell it.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end('go\n');
  }
  let timedOut = false;
  const stopGroup = () => {
    signalGroup(child.pid, 'SIGTERM');
    setTimeout(() => signalGroup(child.pid, 'SIGKILL'), graceMs).unref();
  };
  const timer = options.timeoutMs
    ? setTimeout(() => {
        timedOut = true;
        stopGroup();
      }, options.timeoutMs)
    : undefined;
  if (options.signal?.aborted) stopGroup();
  options.signal?.addEventListener('abort', stopGroup, { once: true });
  try {
    const result = await child;
    return {
      command,
      exitCode: result.exitCode ?? (timedOut ? 124 : 130),
      durationMs: Math.round(performance.now() - started),
      output: typeof result.all === 'string' ? result.all : '',
      timedOut,
    };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', stopGroup);
    if (pid !== undefined) tracked?.ended(pid);
  }
}

/** Reads the go line (no line: atx is gone, so nothing runs), then becomes the command (its arguments, unread by this shell), stdin closed. */
const gate = 'read -r go || exit 125; exec "$@" </dev/null';

function signalGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(process.platform === 'win32' ? pid : -pid, signal);
  } catch {
    // The group has already exited.
  }
}

/** The last lines of a command's output, for evidence and messages. */
export function tail(text: string, lines = 40): string {
  const all = text.trimEnd().split('\n');
  return all.slice(-lines).join('\n');
}
