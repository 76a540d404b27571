// Cross-process locks (proper-lockfile) so two atx processes sharing one ATX_HOME never
// allocate the same version or interleave git operations on the same clone.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';

/**
 * Runs `work` while holding the lock named `key` under `locksDir`. The lock lives outside the
 * folder it guards, so deleting a whole definition while holding it is safe.
 */
export async function withLock<T>(locksDir: string, key: string, work: () => Promise<T>): Promise<T> {
  await mkdir(locksDir, { recursive: true });
  const target = join(locksDir, encodeURIComponent(key));
  const release = await lockfile.lock(target, {
    realpath: false,
    // A git push can take a while; a lock older than this is from a process that died.
    stale: 30_000,
    retries: { retries: 600, minTimeout: 20, maxTimeout: 250, randomize: true },
  });
  try {
    return await work();
  } finally {
    await release();
  }
}
