// Cross-process locks (proper-lockfile) so two atx processes sharing one ATX_HOME never
// allocate the same version or interleave git operations on the same clone.
import { join } from 'node:path';
import { withFileLock } from '../util/lock.js';
/**
 * Runs `work` while holding the lock named `key` under `locksDir`. The lock lives outside the
 * folder it guards, so deleting a whole definition while holding it is safe.
 */
export async function withLock(locksDir, key, work) {
    // A git push can take a while; a lock older than 30 s is from a process that died.
    return withFileLock(join(locksDir, encodeURIComponent(key)), { staleMs: 30_000, retries: 600, minTimeoutMs: 20, maxTimeoutMs: 250 }, work);
}
