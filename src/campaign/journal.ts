// The campaign's durable store: an append-only journal, one JSON line per event, fsync'd.
//
// Why a journal and not a database: it needs no native module to build (SQLite bindings are a
// compile on every CI image), and a line appended under a cross-process lock (proper-lockfile,
// a lock directory, works on any file system a CI shard mounts) lets several workers write at
// once without losing an event. A kill in the middle of an append leaves at most a torn last
// line, which replay ignores; compaction writes a new file and renames it over the old one, so
// a kill there leaves either the old journal or the new one, never half of each.
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { withFileLock } from '../util/lock.js';
import { redactValue } from '../util/secrets.js';

/** One JSON line per event; a secret value (from a failed repository's reason, say) never reaches the journal. */
function lines(events: unknown[]): string {
  const values = redactValue(events);
  return values.map((e) => `${JSON.stringify(e)}\n`).join('');
}

export interface Replay<T> {
  events: T[];
  /** Lines that did not parse (a torn last line after a kill); never fatal. */
  ignored: number;
}

/** Reads every whole line; a line that is not JSON is skipped, whatever the cause. */
export async function readJournal<T>(file: string, parse: (value: unknown) => T | undefined): Promise<Replay<T>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { events: [], ignored: 0 };
    throw error;
  }
  const events: T[] = [];
  let ignored = 0;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    let event: T | undefined;
    try {
      event = parse(JSON.parse(line));
    } catch {
      event = undefined;
    }
    if (event === undefined) ignored += 1;
    else events.push(event);
  }
  return { events, ignored };
}

/**
 * Appends events and waits until they are on disk. A torn line left by an earlier kill would
 * swallow the next event, so a journal that does not end in a newline gets one first.
 */
export async function appendJournal(file: string, events: unknown[]): Promise<void> {
  if (events.length === 0) return;
  await mkdir(dirname(file), { recursive: true });
  const handle = await open(file, 'a+');
  try {
    const { size } = await handle.stat();
    let prefix = '';
    if (size > 0) {
      const last = Buffer.alloc(1);
      await handle.read(last, 0, 1, size - 1);
      if (last[0] !== 0x0a) prefix = '\n';
    }
    await handle.appendFile(prefix + lines(events));
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Replaces the journal with `events` (usually one snapshot per record): write, fsync, rename. */
export async function compactJournal(file: string, events: unknown[]): Promise<void> {
  const temporary = `${file}.${process.pid}.compact`;
  const handle = await open(temporary, 'w');
  try {
    await handle.writeFile(lines(events));
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  await syncDir(dirname(file));
}

/** The rename itself is only durable once the folder is synced. */
async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r').catch(() => undefined);
  if (!handle) return;
  try {
    await handle.sync();
  } catch {
    // Some file systems refuse fsync on a directory; the rename is still atomic there.
  } finally {
    await handle.close();
  }
}

/** Runs `work` holding the journal's lock, shared by every process and shard on this file system. */
export async function withJournalLock<T>(file: string, work: () => Promise<T>): Promise<T> {
  // Held for milliseconds; a lock older than 5 s belongs to a process that was killed.
  return withFileLock(file, { staleMs: 5_000, retries: 400, minTimeoutMs: 10, maxTimeoutMs: 200 }, work);
}
