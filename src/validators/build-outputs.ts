// Sizes of what a build produced, so a reviewer sees a bundle that grew or vanished.
import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Evidence } from './types.js';

/** Output folders of the usual Node.js, SAM and CDK builds, relative to the scope folder. */
export const buildOutputDirs = ['dist', 'build', '.aws-sam/build', 'cdk.out'];

interface Size {
  bytes: number;
  files: number;
}

async function measure(dir: string): Promise<Size | undefined> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return undefined;
  }
  const size: Size = { bytes: 0, files: 0 };
  for (const entry of entries) {
    const path = join(dir, entry.name);
    // Symbolic links are not followed: SAM and CDK link to shared assets and would count twice.
    if (entry.isDirectory()) {
      const inner = await measure(path);
      if (inner) {
        size.bytes += inner.bytes;
        size.files += inner.files;
      }
    } else if (entry.isFile()) {
      size.bytes += (await lstat(path)).size;
      size.files += 1;
    }
  }
  return size;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

/** One `metric` evidence per build output folder that exists under `root`. */
export async function buildOutputEvidence(root: string): Promise<Evidence[]> {
  const evidence: Evidence[] = [];
  for (const dir of buildOutputDirs) {
    const size = await measure(join(root, dir));
    if (!size) continue;
    evidence.push({
      kind: 'metric',
      summary: `${dir}/: ${size.files} file${size.files === 1 ? '' : 's'}, ${formatBytes(size.bytes)}`,
      details: { path: dir, totalBytes: size.bytes, fileCount: size.files },
    });
  }
  return evidence;
}
