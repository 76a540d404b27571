// Cross-process locks (proper-lockfile), for state several atx processes write at once.
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import lockfile from 'proper-lockfile';
/** Runs `work` holding the lock on `path` (the file need not exist; its folder is created). */
export async function withFileLock(path, timing, work) {
    await mkdir(dirname(path), { recursive: true });
    const release = await lockfile.lock(path, {
        realpath: false,
        stale: timing.staleMs,
        retries: {
            retries: timing.retries,
            minTimeout: timing.minTimeoutMs,
            maxTimeout: timing.maxTimeoutMs,
            randomize: true,
        },
    });
    try {
        return await work();
    }
    finally {
        await release().catch(() => undefined);
    }
}
