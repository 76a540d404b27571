// `--shard I/N`: a stable slice of the campaign's repository list for one job; `--shard auto`
// takes I and N from the engine that started the process.
import { UsageError } from '../errors.js';

export interface Shard {
  /** 1-based, as CI matrices count (GitLab's CI_NODE_INDEX, a matrix of 1..N). */
  index: number;
  total: number;
}

/** A shard read from the environment, and the engine whose variables gave it. */
export interface EngineShard extends Shard {
  engine: string;
}

export function parseShard(text: string): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = match ? Number(match[1]) : NaN;
  const total = match ? Number(match[2]) : NaN;
  if (!match || total < 1 || index < 1 || index > total) {
    throw new UsageError(`--shard must be I/N with 1 ≤ I ≤ N or auto, e.g. --shard 2/4 (got "${text}")`);
  }
  return { index, total };
}

/** `--shard I/N`, or `--shard auto` read from the engine's variables in `env`. */
export function shardFrom(text: string, env: NodeJS.ProcessEnv): Shard & { engine?: string } {
  return text.trim() === 'auto' ? shardFromEngine(env) : parseShard(text);
}

interface Engine {
  name: string;
  /** The variable holding this job's place; present means this engine started the process. */
  index: string;
  /** Whether `index` counts from 0. */
  zeroBased: boolean;
  /** The variable holding the number of jobs. */
  count: string;
  /** What to do when `count` is missing. */
  countHint: string;
}

// In order of precedence: atx's own pair first, so any engine can be driven explicitly.
const ENGINES: Engine[] = [
  {
    name: 'ATX_SHARD_INDEX/ATX_SHARD_COUNT',
    index: 'ATX_SHARD_INDEX',
    zeroBased: true,
    count: 'ATX_SHARD_COUNT',
    countHint: 'set ATX_SHARD_COUNT to the number of jobs',
  },
  {
    name: 'AWS Batch array job',
    index: 'AWS_BATCH_JOB_ARRAY_INDEX',
    zeroBased: true,
    count: 'AWS_BATCH_JOB_ARRAY_SIZE',
    countHint: 'Batch sets it for an array job; set it to the arrayProperties size otherwise',
  },
  {
    name: 'Kubernetes Indexed Job',
    index: 'JOB_COMPLETION_INDEX',
    zeroBased: true,
    count: 'ATX_SHARD_COUNT',
    countHint: 'the Job does not tell its pods the completions count: set ATX_SHARD_COUNT to spec.completions',
  },
  {
    name: 'GitLab CI parallel job',
    index: 'CI_NODE_INDEX',
    zeroBased: false,
    count: 'CI_NODE_TOTAL',
    countHint: 'GitLab sets it for a job with `parallel:`',
  },
];

function shardFromEngine(env: NodeJS.ProcessEnv): EngineShard {
  const engine = ENGINES.find((e) => present(env[e.index]));
  if (!engine) {
    const github =
      env.GITHUB_ACTIONS === 'true'
        ? ' In GitHub Actions, map the matrix into env: ATX_SHARD_INDEX: ${{ strategy.job-index }} and ATX_SHARD_COUNT: ${{ strategy.job-total }}.'
        : '';
    throw new UsageError(
      `--shard auto found no engine's shard variables (${ENGINES.map((e) => e.index).join(', ')}).${github} Or give --shard I/N.`,
    );
  }
  const rawIndex = env[engine.index]!.trim();
  const rawCount = env[engine.count]?.trim();
  if (!present(rawCount))
    throw new UsageError(
      `--shard auto: ${engine.index} is set (${engine.name}) but ${engine.count} is not; ${engine.countHint}`,
    );
  const index = wholeNumber(rawIndex);
  const total = wholeNumber(rawCount!);
  const first = engine.zeroBased ? 0 : 1;
  if (index === undefined || total === undefined || total < 1 || index < first || index > total - 1 + first)
    throw new UsageError(
      `--shard auto: ${engine.index}=${rawIndex} and ${engine.count}=${rawCount} do not name a shard (${engine.name} counts from ${first}: ${first} ≤ index ≤ ${total === undefined ? 'count' : total - 1 + first})`,
    );
  return { index: index + 1 - first, total, engine: engine.name };
}

function present(value: string | undefined): boolean {
  return value !== undefined && value.trim() !== '';
}

function wholeNumber(text: string): number | undefined {
  return /^\d+$/.test(text) ? Number(text) : undefined;
}

/**
 * Round-robin over the list as created: the same list always gives the same slices, every
 * repository is in exactly one, and slices differ in size by at most one.
 */
export function shardSlice(ids: string[], shard: Shard | undefined): string[] {
  if (!shard) return [...ids];
  return ids.filter((_, i) => i % shard.total === shard.index - 1);
}
