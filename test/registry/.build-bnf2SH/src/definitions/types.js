// The typed value of a transformation definition (see ../shared/docs/definitions.md).
import { z } from 'zod';
/** The parsed `atx` block of a step: how to carry it out without a model. */
export const StepActionSchema = z.union([
    z
        .object({
        codemod: z.string(),
        options: z.record(z.string(), z.unknown()).optional(),
        retries: z.number().int().min(0).max(10).optional(),
        dependsOn: z.array(z.string()).optional(),
    })
        .strict(),
    z
        .object({
        command: z.string().min(1),
        retries: z.number().int().min(0).max(10).optional(),
        dependsOn: z.array(z.string()).optional(),
        timeoutSeconds: z.number().positive().optional(),
        /** The command only reads: an analysis definition runs it (with -t or the person's yes); others never do. */
        readOnly: z.boolean().optional(),
    })
        .strict(),
]);
export const StepSchema = z.object({
    /** `<phase>.<step>`, 1-based, derived from the position in the document. */
    id: z.string(),
    /** The step's plain-English text (markdown, without the atx block). */
    text: z.string(),
    action: StepActionSchema.optional(),
});
export const PhaseSchema = z.object({
    /** Phase number as written (`### Phase 2: …` → 2). */
    number: z.number().int().positive(),
    title: z.string(),
    /** Prose under the phase heading that is not a step (markdown), if any. */
    description: z.string().optional(),
    steps: z.array(StepSchema),
});
/** The parsed `atx` block of an exit criterion. */
export const ValidatorSpecSchema = z
    .object({
    validator: z.string(),
    pattern: z.string().optional(),
    paths: z.array(z.string()).optional(),
    command: z.string().optional(),
    options: z.record(z.string(), z.unknown()).optional(),
})
    .strict();
export const ExitCriterionSchema = z.object({
    /** `exit-<n>`, 1-based. */
    id: z.string(),
    text: z.string(),
    validator: ValidatorSpecSchema.optional(),
});
/**
 * The parsed `atx` block of a guardrail (`protect: ["legacy/**"]`): paths no step may change.
 * Globs are relative to the folder the definition is applied to, matched as .gitignore does.
 */
export const ProtectedPathsSchema = z
    .object({
    /** The guardrail that carries the block: its position in `guardrails`, from 1. */
    guardrail: z.number().int().positive(),
    paths: z.array(z.string().min(1)).min(1),
})
    .strict();
/**
 * What running a definition does: an analysis reports findings and changes nothing (no branch,
 * no commit); a remediation changes code. Definitions that say nothing are remediations.
 */
export const CATEGORIES = ['analysis', 'remediation'];
export const CategorySchema = z.enum(CATEGORIES);
export const DefinitionSchema = z.object({
    /** `transformation_definition.md` or `SKILL.md`. */
    format: z.enum(['transformation_definition', 'skill']),
    /** SKILL.md front matter (`name`, `description`), kept so it renders back. */
    frontMatter: z.object({ name: z.string(), description: z.string(), category: CategorySchema.optional() }).optional(),
    title: z.string(),
    objective: z.string(),
    summary: z.string(),
    entryCriteria: z.array(z.string()),
    phases: z.array(PhaseSchema),
    guardrails: z.array(z.string()),
    /** Guardrails that protect paths, in guardrail order; absent when none does. */
    protectedPaths: z.array(ProtectedPathsSchema).optional(),
    exitCriteria: z.array(ExitCriterionSchema),
});
