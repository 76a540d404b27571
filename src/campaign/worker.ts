// One repository of a campaign: `atx custom def exec` in a child process, so a crash or a
// runaway codemod in one repository cannot take the campaign down; its JSON summary is the result.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import type { RunSummary } from '../executor/summary.js';
import { cleanupRun } from '../executor/cleanup.js';
import { runDir } from '../executor/paths.js';
import { joinSegmentsInside } from '../util/confine.js';
import { exists, readJson, writeOwnFile } from '../util/fs.js';
import { fleetInventoryOf } from './fleet.js';
import { checkoutOf } from './repos.js';
import { now } from './store.js';
import type { CampaignSpec, RepoEntry, RepoRecord } from './types.js';

const atxBin = fileURLToPath(new URL('../../bin/atx.js', import.meta.url));

export interface RepoJob {
  spec: CampaignSpec;
  entry: RepoEntry;
  /** The record as claimed (IN_PROGRESS); a runId there is a run to resume or adopt. */
  record: RepoRecord;
  campaignDir: string;
  atxHome: string;
  env: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  onStarted?: (runId: string, childPid: number | undefined) => Promise<void> | void;
}

export type RepoOutcome = { kind: 'finished'; record: RepoRecord } | { kind: 'interrupted' };

export async function runRepository(job: RepoJob): Promise<RepoOutcome> {
  const started = performance.now();
  const done = (fields: Partial<RepoRecord> & Pick<RepoRecord, 'status'>): RepoOutcome => ({
    kind: 'finished',
    record: {
      id: job.entry.id,
      attempts: job.record.attempts,
      runId: job.record.runId,
      ...fields,
      durationMs: Math.round(performance.now() - started),
      updatedAt: now(),
    },
  });
  let checkout: string;
  try {
    checkout = await checkoutOf(job.entry, job.campaignDir, job.env);
  } catch (error) {
    return done({ status: 'FAILED', reason: firstLine((error as Error).message) });
  }
  await stopOrphan(job.record.owner?.childPid);
  const previous = job.record.runId ? await previousRun(job.atxHome, job.record.runId) : undefined;
  if (previous?.summary) return done(fromSummary(previous.summary, 0, checkout));

  const args = previous?.resumable ? ['--conversation-id', job.record.runId!, '--json'] : execArgs(job.spec, checkout);
  const child = execa(process.execPath, [atxBin, ...args], {
    // Not the checkout: a listed path may not exist, and exec reports that better than spawn.
    cwd: job.campaignDir,
    // The whole environment, secrets included: the child is atx itself, which needs the model's
    // key for agent steps, the team registry's credentials, and every secret value to redact
    // them. It scrubs its own children (runShell, gitAt) as this process does.
    env: { ...job.env, NO_COLOR: '1' },
    extendEnv: false,
    reject: false,
    stdin: 'ignore',
    cancelSignal: job.signal,
    // On SIGTERM exec stops its running step (left to run again) and checkpoints; give it time to do so.
    forceKillAfterDelay: 10_000,
  });
  let stderr = '';
  let announced = false;
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    const match = !announced && /^atx run (\S+)$/m.exec(stderr);
    if (match) {
      announced = true;
      void job.onStarted?.(match[1]!, child.pid);
    }
  });
  const result = await child;
  await writeOwnFile(
    joinSegmentsInside(job.campaignDir, ['logs', `${job.entry.id}.log`], 'repository id'),
    stderr,
  ).catch(() => undefined);
  if (job.signal?.aborted || result.exitCode === 130) return { kind: 'interrupted' };
  const summary = parseSummary(String(result.stdout ?? ''));
  if (summary && (result.exitCode === 0 || result.exitCode === 1)) {
    const fields = fromSummary(summary, result.exitCode, checkout);
    return done(fields);
  }
  const reason = lastErrorLine(stderr) ?? `exec ended with ${result.exitCode ?? result.signal ?? 'no exit code'}`;
  return done({ status: 'FAILED', reason, checkout });
}

function execArgs(spec: CampaignSpec, checkout: string): string[] {
  const args = ['custom', 'def', 'exec', '-p', checkout, '-n', spec.transformation, '-x', '-t', '--json'];
  if (spec.transformationVersion) args.push('--tv', spec.transformationVersion);
  if (spec.buildCommand) args.push('-c', spec.buildCommand);
  if (spec.configuration) args.push('-g', spec.configuration);
  return args;
}

function fromSummary(
  summary: RunSummary,
  exitCode: number,
  checkout: string,
): Partial<RepoRecord> & Pick<RepoRecord, 'status'> {
  const count = (status: string) => summary.exitCriteria.filter((c) => c.status === status).length;
  const failedSteps = summary.steps.filter((s) => s.status === 'failed').map((s) => s.id);
  const failedCriteria = summary.exitCriteria
    .filter((c) => c.status === 'failed')
    .map((c) => c.description.split('\n')[0]);
  const failed = exitCode !== 0 || summary.status === 'failed';
  const inventory = fleetInventoryOf(summary.reports);
  return {
    status: failed ? 'FAILED' : 'COMPLETED',
    reason: failed
      ? [
          failedSteps.length ? `steps failed: ${failedSteps.join(', ')}` : '',
          failedCriteria.length ? `exit criteria failed: ${failedCriteria.join('; ')}` : '',
        ]
          .filter(Boolean)
          .join('; ') || `run ${summary.status}`
      : undefined,
    runId: summary.runId,
    branch: summary.branch,
    baseCommit: summary.baseCommit,
    checkout,
    runStatus: summary.status,
    exitCriteria: { passed: count('passed'), failed: count('failed'), skipped: count('skipped') },
    findings: summary.findings.length,
    summaryPath: summary.summaryPath,
    planPath: summary.planPath,
    reportPath: summary.reportPath,
    ...(inventory ? { inventory } : {}),
  };
}

/** A run this repository started before a kill: finished (adopt its summary) or resumable. */
async function previousRun(
  atxHome: string,
  runId: string,
): Promise<{ summary?: RunSummary; resumable: boolean } | undefined> {
  const dir = runDir(atxHome, runId);
  if (!(await exists(join(dir, 'state.json')))) return undefined;
  const state = await readJson<{ status?: string; branch?: string | null }>(join(dir, 'state.json')).catch(() => ({
    status: undefined,
    branch: null,
  }));
  if (state.status === 'completed' && (await exists(join(dir, 'summary.json'))))
    return { summary: await readJson<RunSummary>(join(dir, 'summary.json')), resumable: false };
  if (state.status === 'starting') {
    // Killed before its first step: nothing to continue. What it made goes; a new run starts.
    await cleanupRun(atxHome, runId, true).catch(() => undefined);
    return undefined;
  }
  return { resumable: Boolean(state.branch) };
}

/** After the campaign itself was killed, its exec child may live on; it must stop before its run is resumed. */
async function stopOrphan(pid: number | undefined): Promise<void> {
  if (!pid || !alive(pid)) return;
  process.kill(pid, 'SIGTERM');
  for (let waited = 0; waited < 15_000 && alive(pid); waited += 100) await new Promise((r) => setTimeout(r, 100));
  if (alive(pid)) process.kill(pid, 'SIGKILL');
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function parseSummary(stdout: string): RunSummary | undefined {
  try {
    const value = JSON.parse(stdout) as RunSummary;
    return typeof value === 'object' && value && typeof value.runId === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

function lastErrorLine(stderr: string): string | undefined {
  const lines = stderr.split('\n').filter((l) => l.startsWith('atx: '));
  return lines.length ? firstLine(lines[lines.length - 1]!.slice(5)) : undefined;
}

function firstLine(text: string): string {
  return text.split('\n')[0]!.trim();
}
