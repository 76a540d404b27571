// A campaign: one definition applied to many repositories, each with a status (typed, validated on read).
import { z } from 'zod';
import { safeSegment } from '../util/confine.js';
import { FleetInventorySchema } from './fleet-schema.js';

/**
 * Ids become paths (logs/<id>.log, clones/<id>, ATX_HOME/runs/<runId>), and campaign files and
 * shard results come from other machines: anything but one plain name is refused on read.
 */
const PathSegment = z.string().refine(
  (value) => {
    try {
      safeSegment(value);
      return true;
    } catch {
      return false;
    }
  },
  { message: 'must be one plain name (no "/", "\\", "..", ".git" or empty)' },
);

export const ShardSchema = z.object({ index: z.number(), total: z.number() });

export const repoStatuses = ['PENDING', 'IN_PROGRESS', 'COMPLETED', 'FAILED', 'SKIPPED'] as const;
export const RepoStatusSchema = z.enum(repoStatuses);
export type RepoStatus = z.infer<typeof RepoStatusSchema>;

export const RepoEntrySchema = z.object({
  /** Stable, unique within the campaign; names the repository in commands and URLs. */
  id: PathSegment,
  /** As the user gave it: an absolute local path or a git URL. */
  source: z.string(),
  kind: z.enum(['path', 'url']),
});
export type RepoEntry = z.infer<typeof RepoEntrySchema>;

export const CampaignSpecSchema = z.object({
  name: z.string(),
  transformation: z.string(),
  transformationVersion: z.string().optional(),
  buildCommand: z.string().optional(),
  configuration: z.string().optional(),
  repos: z.array(RepoEntrySchema).refine((repos) => new Set(repos.map((r) => r.id)).size === repos.length, {
    message: 'repository ids must be unique',
  }),
  createdAt: z.string(),
});
export type CampaignSpec = z.infer<typeof CampaignSpecSchema>;

export const RepoRecordSchema = z.object({
  id: PathSegment,
  status: RepoStatusSchema,
  /** Why it failed or was set by hand, in a line. */
  reason: z.string().optional(),
  runId: PathSegment.optional(),
  // Records come from other machines (a results store, shard files) and these two reach git's
  // command line: a commit id, and a branch name git could never take for an option.
  branch: z
    .string()
    .regex(/^(?![-/.])[^\s~^:?*[\\]+$/, 'must be a branch name')
    .nullable()
    .optional(),
  baseCommit: z
    .string()
    .regex(/^[0-9a-f]{7,64}$/, 'must be a commit id')
    .optional(),
  /** The folder exec ran on (a clone for git URLs). */
  checkout: z.string().optional(),
  runStatus: z.string().optional(),
  exitCriteria: z.object({ passed: z.number(), failed: z.number(), skipped: z.number() }).optional(),
  findings: z.number().optional(),
  durationMs: z.number().optional(),
  summaryPath: z.string().optional(),
  planPath: z.string().optional(),
  reportPath: z.string().optional(),
  /** What an analysis with AWS/lambda-fleet-inventory's codemod found in the repository. */
  inventory: FleetInventorySchema.optional(),
  attempts: z.number().default(0),
  /** Which process holds an IN_PROGRESS repository, so a restart can tell a live worker from a dead one. */
  owner: z.object({ host: z.string(), pid: z.number(), childPid: z.number().optional() }).optional(),
  /** Where it ran last: the machine, the shard (null: the whole list) and the engine that named the shard. */
  ranBy: z.object({ host: z.string(), shard: ShardSchema.nullable(), engine: z.string().optional() }).optional(),
  updatedAt: z.string().optional(),
});
export type RepoRecord = z.infer<typeof RepoRecordSchema>;

/** One line of the journal. Replaying them in order gives every repository's record. */
export const EventSchema = z.discriminatedUnion('t', [
  z.object({
    t: z.literal('claim'),
    repo: z.string(),
    at: z.string(),
    host: z.string(),
    pid: z.number(),
    /** The attempt this claim starts, when the results store counts them across machines. */
    attempts: z.number().optional(),
  }),
  z.object({
    t: z.literal('started'),
    repo: z.string(),
    at: z.string(),
    runId: PathSegment,
    childPid: z.number().optional(),
  }),
  z.object({ t: z.literal('released'), repo: z.string(), at: z.string() }),
  z.object({ t: z.literal('finished'), repo: z.string(), at: z.string(), record: RepoRecordSchema }),
  z.object({
    t: z.literal('set'),
    repo: z.string(),
    at: z.string(),
    status: RepoStatusSchema,
    reason: z.string().optional(),
  }),
  z.object({ t: z.literal('snapshot'), repo: z.string(), at: z.string(), record: RepoRecordSchema }),
]);
export type CampaignEvent = z.infer<typeof EventSchema>;

export interface CampaignView {
  spec: CampaignSpec;
  records: RepoRecord[];
  totals: Record<RepoStatus, number> & { total: number };
}

/** What `run --shard I/N` writes, and `merge` reads. */
export const ShardResultSchema = z.object({
  kind: z.literal('atx-campaign-shard'),
  campaign: z.string(),
  transformation: z.string(),
  repoIds: z.array(z.string()),
  shard: ShardSchema.nullable(),
  records: z.array(RepoRecordSchema),
  writtenAt: z.string(),
});
export type ShardResult = z.infer<typeof ShardResultSchema>;
