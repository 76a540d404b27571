// `--shard I/N`: a stable slice of the campaign's repository list for one CI job.
import { UsageError } from '../errors.js';

export interface Shard {
  /** 1-based, as CI matrices count (GitLab's CI_NODE_INDEX, a matrix of 1..N). */
  index: number;
  total: number;
}

export function parseShard(text: string): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = match ? Number(match[1]) : NaN;
  const total = match ? Number(match[2]) : NaN;
  if (!match || total < 1 || index < 1 || index > total) {
    throw new UsageError(`--shard must be I/N with 1 ≤ I ≤ N, e.g. --shard 2/4 (got "${text}")`);
  }
  return { index, total };
}

/**
 * Round-robin over the list as created: the same list always gives the same slices, every
 * repository is in exactly one, and slices differ in size by at most one.
 */
export function shardSlice(ids: string[], shard: Shard | undefined): string[] {
  if (!shard) return [...ids];
  return ids.filter((_, i) => i % shard.total === shard.index - 1);
}
