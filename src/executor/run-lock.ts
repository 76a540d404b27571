// One lock per run (ATX_HOME/runs/<id>/lock/), held by whoever executes, resumes or cleans the
// run, so two processes never apply its steps at once.
//
// Why not a lock that goes stale after a while (proper-lockfile): a run killed by a CI timeout
// would block its own resume until the staleness passed. The holder writes its pid; a lock
// whose process is gone is taken over at once. Taking over must not let two contenders both
// win, so the lock is a series of generations, `<n>.lock`, each created with link(2), which
// fails when the name exists: to replace holder n a contender creates n+1, and only one can.
// The newest generation is never deleted (releasing rewrites it), so generations only grow; a
// contender that read an old listing and re-created a lower one sees the higher one and backs off.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { link, mkdir, readdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import type { GroupTracker } from '../util/proc.js';

export interface LockHolder {
  pid: number;
  host: string;
  /** The process's start time as the kernel counts it (Linux), so a reused pid is not taken for the holder. */
  start?: string;
  released?: boolean;
}

export interface RunLock {
  release(): Promise<void>;
  /** Records the process groups of the commands the run starts (util/proc trackProcessGroups). */
  readonly groups: GroupTracker;
}

/** Another live process holds the run. Exit 2; nothing was touched. */
export class RunBusyError extends UsageError {
  constructor(
    readonly runId: string,
    readonly holder: LockHolder,
  ) {
    const where = holder.host === hostname() ? '' : ` on ${holder.host}`;
    super(`run ${runId} is running (pid ${holder.pid}${where}); wait for it to finish, or stop that process first`);
    this.name = 'RunBusyError';
  }
}

const lockName = /^(\d+)\.lock$/;

/**
 * Takes the lock of the run whose folder is `dir` (the folder must exist: a missing run is not
 * created by locking it). Throws RunBusyError when a live process holds it.
 */
export async function acquireRunLock(dir: string, runId: string): Promise<RunLock> {
  const lockDir = join(dir, 'lock');
  await mkdir(lockDir).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
  const me: LockHolder = { pid: process.pid, host: hostname(), start: await startOf(process.pid) };
  for (let attempt = 0; attempt < 100; attempt++) {
    const top = (await generations(lockDir)).at(-1) ?? 0;
    if (top > 0) {
      const holder = await readHolder(join(lockDir, `${top}.lock`));
      if (holder && (await holds(holder))) throw new RunBusyError(runId, holder);
    }
    const mine = top + 1;
    const file = join(lockDir, `${mine}.lock`);
    if (!(await createExclusive(lockDir, file, me))) continue;
    if ((await generations(lockDir)).some((n) => n > mine)) {
      // Someone took a newer generation while this one was being made: theirs wins.
      await unlink(file).catch(() => undefined);
      continue;
    }
    await removeOlder(lockDir, mine);
    // A holder that was killed left its commands running in their own process groups: they
    // would go on writing into the worktree while this holder resets and reapplies it.
    await stopLeftoverGroups(lockDir);
    return { release: () => release(lockDir, file, me), groups: groupTracker(lockDir) };
  }
  throw new Error(`could not take the lock of run ${runId} in ${lockDir}`);
}

/**
 * `lock/groups/<pgid>` holds the start time of each command's process group while it runs. The
 * writes are synchronous: a kill right after a spawn must still find its group recorded.
 */
function groupTracker(lockDir: string): GroupTracker {
  const dir = join(lockDir, 'groups');
  return {
    started(pid) {
      try {
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, String(pid)), startOfSync(pid) ?? '');
      } catch {
        // The run's folder is gone (a run discarded before it started): nothing to record in.
      }
    },
    ended(pid) {
      try {
        unlinkSync(join(dir, String(pid)));
      } catch {
        // Already gone with the run's folder.
      }
    },
  };
}

/** Kills the recorded groups that still run (the same process: its start time matches), then forgets them all. */
async function stopLeftoverGroups(lockDir: string): Promise<void> {
  const dir = join(lockDir, 'groups');
  const names = await readdir(dir).catch(() => [] as string[]);
  const stopped: number[] = [];
  for (const name of names) {
    const pid = Number(name);
    const recorded = await readFile(join(dir, name), 'utf8').catch(() => undefined);
    if (Number.isInteger(pid) && pid > 1 && alive(pid) && (!recorded || recorded === (await startOf(pid)))) {
      try {
        process.kill(-pid, 'SIGKILL');
        stopped.push(pid);
      } catch {
        // Gone meanwhile.
      }
    }
    await unlink(join(dir, name)).catch(() => undefined);
  }
  // SIGKILL takes effect at once, but the kernel reaps asynchronously: wait until they are gone.
  const deadline = Date.now() + 2000;
  while (stopped.some(alive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
}

async function generations(lockDir: string): Promise<number[]> {
  const names = await readdir(lockDir);
  return names
    .map((name) => lockName.exec(name)?.[1])
    .filter((n): n is string => n !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

/** Writes the holder to a private file, then links it into place: the lock appears whole or not at all. */
async function createExclusive(lockDir: string, file: string, me: LockHolder): Promise<boolean> {
  const temporary = join(lockDir, `tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  await writeFile(temporary, JSON.stringify(me));
  try {
    await link(temporary, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
}

async function removeOlder(lockDir: string, mine: number): Promise<void> {
  for (const n of await generations(lockDir))
    if (n < mine) await unlink(join(lockDir, `${n}.lock`)).catch(() => undefined);
}

/** Releasing rewrites the newest generation in place (rename is atomic), never deletes it. */
async function release(lockDir: string, file: string, me: LockHolder): Promise<void> {
  const temporary = join(lockDir, `tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    await writeFile(temporary, JSON.stringify({ ...me, released: true }));
    await rename(temporary, file);
  } catch {
    // The run's folder was removed (a run that never started is discarded with its lock).
    await unlink(temporary).catch(() => undefined);
  }
}

async function readHolder(file: string): Promise<LockHolder | undefined> {
  try {
    const value = JSON.parse(await readFile(file, 'utf8')) as Partial<LockHolder>;
    if (typeof value.pid !== 'number' || typeof value.host !== 'string') return undefined;
    return {
      pid: value.pid,
      host: value.host,
      start: typeof value.start === 'string' ? value.start : undefined,
      released: value.released === true,
    };
  } catch {
    // Gone since the listing, or not a lock atx wrote: either way nobody holds it through this file.
    return undefined;
  }
}

/** Whether the holder still runs. A process on another host cannot be checked: it counts as running. */
async function holds(holder: LockHolder): Promise<boolean> {
  if (holder.released) return false;
  if (holder.host !== hostname()) return true;
  if (!alive(holder.pid)) return false;
  const start = await startOf(holder.pid);
  return !(holder.start && start && holder.start !== start);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Field 22 of /proc/<pid>/stat (Linux); undefined elsewhere. In containers pids are reused at once. */
async function startOf(pid: number): Promise<string | undefined> {
  try {
    return startField(await readFile(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return undefined;
  }
}

function startOfSync(pid: number): string | undefined {
  try {
    return startField(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return undefined;
  }
}

function startField(stat: string): string | undefined {
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
}
