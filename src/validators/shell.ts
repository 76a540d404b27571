// Running a check's command in the transformed tree and turning how it ended into evidence.
// Every process goes through src/util/proc.ts; this adds scope, timeout and interruption.
import { join } from 'node:path';
import { InterruptedError } from '../errors.js';
import { commandLine, runProgram, runShell, tail, type CommandRun, type RunOptions } from '../util/proc.js';
import {
  defaultTimeoutMs,
  type CriterionResult,
  type Evidence,
  type EvidenceKind,
  type ValidatorContext,
} from './types.js';

/** Absolute folder the run is scoped to; commands run here. */
export function scopeDir(ctx: ValidatorContext): string {
  return ctx.scope ? join(ctx.worktree, ctx.scope) : ctx.worktree;
}

/**
 * What a check runs: a command line written by a person (the repository's test or build
 * command, a definition's `command`), which the shell reads, or a program with arguments atx
 * put together from data (a search pattern, a path), which no shell reads.
 */
export type Command = string | Program;

export interface Program {
  file: string;
  args: readonly string[];
  /** Added to the environment (under the command's own `env`). */
  env?: Record<string, string | undefined>;
}

/** The command as a person would type it: shown in evidence and asked about before it runs. */
export function shownCommand(command: Command): string {
  return typeof command === 'string' ? command : commandLine(command.file, command.args);
}

/** Runs a command with its whole process tree bounded by the timeout and the abort signal. */
export async function runGuarded(command: Command, options: RunOptions): Promise<CommandRun> {
  if (options.signal?.aborted) throw new InterruptedError();
  const guarded = { ...options, timeoutMs: options.timeoutMs ?? defaultTimeoutMs };
  const run = await (typeof command === 'string'
    ? runShell(command, guarded)
    : runProgram(command.file, command.args, { ...guarded, env: { ...command.env, ...options.env } }));
  if (options.signal?.aborted) throw new InterruptedError();
  return run;
}

/** Runs a command in the scope folder; an abort becomes InterruptedError, not a failed check. */
export function runInScope(
  ctx: ValidatorContext,
  command: Command,
  env?: Record<string, string | undefined>,
): Promise<CommandRun> {
  return runGuarded(command, { cwd: scopeDir(ctx), env, timeoutMs: ctx.timeoutMs, signal: ctx.signal });
}

export function commandEvidence(run: CommandRun, ctx: ValidatorContext, extra: Record<string, unknown> = {}): Evidence {
  const ending = run.timedOut
    ? `timed out after ${run.durationMs} ms`
    : `exited ${run.exitCode} in ${run.durationMs} ms`;
  return {
    kind: 'command',
    summary: `\`${run.command}\` ${ending}`,
    details: {
      command: run.command,
      cwd: ctx.scope || '.',
      exitCode: run.exitCode,
      durationMs: run.durationMs,
      timedOut: run.timedOut,
      outputTail: tail(run.output, 40),
      ...extra,
    },
  };
}

/** Runs a command and reports passed iff it exits 0. */
export async function commandCheck(
  ctx: ValidatorContext,
  command: Command,
  env?: Record<string, string | undefined>,
): Promise<CriterionResult & { run: CommandRun }> {
  const run = await runInScope(ctx, command, env);
  const passed = run.exitCode === 0 && !run.timedOut;
  return { status: passed ? 'passed' : 'failed', evidence: [commandEvidence(run, ctx)], run };
}

/** A check whose command the run may not start (no -t, or the person said no): skipped, saying why. */
export function notRun(command: string, reason: string): CriterionResult {
  return skipped(`\`${command}\` ${reason}`, { command, notRun: reason }, 'command');
}

/** commandCheck for a command of the repository or the definition: runs only if ctx.permit allows it. */
export async function trustedCheck(
  ctx: ValidatorContext,
  command: Command,
  env?: Record<string, string | undefined>,
): Promise<CriterionResult> {
  const permission = await ctx.permit(shownCommand(command));
  if (!permission.granted) return notRun(shownCommand(command), permission.reason);
  const { status, evidence } = await commandCheck(ctx, command, env);
  return { status, evidence };
}

/** A check that could not run; the evidence says why (kind 'file' when a file decided it). */
export function skipped(
  summary: string,
  details: Record<string, unknown> = {},
  kind: EvidenceKind = 'file',
): CriterionResult {
  return { status: 'skipped', evidence: [{ kind, summary, details }] };
}

export function failed(
  summary: string,
  details: Record<string, unknown> = {},
  kind: EvidenceKind = 'file',
): CriterionResult {
  return { status: 'failed', evidence: [{ kind, summary, details }] };
}
