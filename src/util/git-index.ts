// How many files a repository tracks, read from its index header without starting git: the
// index begins with "DIRC", a version and the entry count, each four bytes, big-endian
// (https://git-scm.com/docs/index-format). A hint only: undefined whenever it cannot be read so.
import { closeSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';

export function trackedFileCount(repository: string): number | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(join(repository, '.git', 'index'), 'r');
    const header = Buffer.alloc(12);
    if (readSync(fd, header, 0, 12, 0) !== 12 || header.toString('latin1', 0, 4) !== 'DIRC') return undefined;
    return header.readUInt32BE(8);
  } catch {
    return undefined; // no index yet, a worktree (.git is a file), a folder inside the repository
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
