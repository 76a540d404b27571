// The per-repository plan: written as JSON before any change, read back on resume.
import { z } from 'zod';
import { StepActionSchema, ValidatorSpecSchema } from '../definitions/types.js';

export const PlanStepSchema = z.object({
  id: z.string(),
  phase: z.number().int(),
  phaseTitle: z.string(),
  /** A short title for screens and commit messages (see stepTitle). */
  title: z.string(),
  /**
   * The step's whole markdown text as the definition wrote it (file names, `code`, **emphasis**
   * intact): what an agent step is asked to do. Absent in plans written before it was kept.
   */
  text: z.string().optional(),
  kind: z.enum(['codemod', 'command', 'agent']),
  action: StepActionSchema.optional(),
  /** Options passed to the codemod, after the plan context (e.g. targetVersion) is applied. */
  options: z.record(z.string(), z.unknown()).default({}),
  /** Scope-relative files the step will look at (cheap prefilter; no parse). */
  targets: z.array(z.string()),
  expectedChange: z.string(),
  status: z.enum(['pending', 'no-change', 'needs-model', 'skipped-by-user']),
  retries: z.number().int().min(0).default(0),
  dependsOn: z.array(z.string()).default([]),
  /** Added during plan review rather than taken from the definition. */
  addedByFeedback: z.boolean().optional(),
});
export type PlanStep = z.infer<typeof PlanStepSchema>;

export const PlanSchema = z.object({
  schemaVersion: z.literal(1),
  runId: z.string(),
  createdAt: z.string(),
  transformation: z.object({ name: z.string(), version: z.string(), origin: z.string() }),
  repository: z.string(),
  scope: z.string(),
  baseCommit: z.string(),
  branch: z.string().nullable(),
  configuration: z.object({
    buildCommand: z.string().optional(),
    validationCommands: z.array(z.string()),
    additionalPlanContext: z.string().optional(),
    targetVersion: z.union([z.number(), z.string()]).optional(),
  }),
  /**
   * What the definition says beyond its steps, for the model (plans written before it was kept
   * have none; an agent step then sees the guardrails and exit criteria only).
   */
  definition: z
    .object({
      title: z.string(),
      objective: z.string().default(''),
      summary: z.string().default(''),
      /** The prose under a phase heading that is not a step. */
      phases: z
        .array(z.object({ number: z.number().int(), title: z.string(), description: z.string().optional() }))
        .default([]),
    })
    .optional(),
  analysis: z.object({
    files: z.number(),
    languages: z.record(z.string(), z.number()),
    packageManager: z.string().optional(),
    lockfile: z.string().optional(),
    templates: z.array(z.string()),
    testCommand: z.string().optional(),
    /** The tracked files as a compact tree (folders collapsed past a budget), for the model. */
    tree: z.array(z.string()).optional(),
  }),
  steps: z.array(PlanStepSchema),
  exitCriteria: z.array(
    z.object({ id: z.string(), description: z.string(), validator: ValidatorSpecSchema.optional() }),
  ),
  guardrails: z.array(z.string()),
  /** Paths the definition's guardrails protect: agent tools refuse writes there and the executor reverts changes (src/knowledge/exclude.ts). */
  protectedPaths: z.array(z.object({ guardrail: z.string(), paths: z.array(z.string()).min(1) })).optional(),
  feedback: z.array(z.string()).default([]),
  /** Knowledge items of the definition applied to this plan, and where (src/knowledge). */
  knowledge: z
    .object({
      applied: z.array(z.object({ id: z.string(), title: z.string(), kind: z.string(), where: z.array(z.string()) })),
      /** Globs no step may change: the executor reverts changes there before committing. */
      excludePaths: z.array(z.string()).default([]),
      /** Lessons that are not deterministic, for the model. */
      context: z.array(z.string()).default([]),
    })
    .optional(),
});
export type Plan = z.infer<typeof PlanSchema>;
