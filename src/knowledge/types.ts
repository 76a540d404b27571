// Knowledge items: what a definition learned from feedback, failures and people's manual fixes.
// Each item carries an `effect` saying how a later run applies it deterministically; `context`
// items are only told to the model.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { RewritePatternSchema } from '../codemods/learned-rewrite/pattern.js';

export const EffectSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('exclude'), paths: z.array(z.string().min(1)).min(1) }),
  z.object({
    kind: z.literal('codemod-option'),
    codemod: z.string(),
    option: z.string(),
    value: z.union([z.string(), z.number(), z.boolean()]),
  }),
  z.object({ kind: z.literal('validation-command'), command: z.string().min(1) }),
  z.object({ kind: z.literal('rewrite'), patterns: z.array(RewritePatternSchema).min(1) }),
  z.object({ kind: z.literal('context') }),
]);
export type Effect = z.infer<typeof EffectSchema>;

export const statuses = ['ENABLED', 'DISABLED'] as const;
export type ItemStatus = (typeof statuses)[number];

export const KnowledgeItemSchema = z.object({
  id: z.string().regex(/^ki-[0-9a-f]{8}$/),
  source: z.enum(['feedback', 'failure', 'manual-fix']),
  title: z.string(),
  content: z.string(),
  status: z.enum(statuses),
  effect: EffectSchema,
  createdAt: z.string(),
  origin: z
    .object({
      runId: z.string().optional(),
      commit: z.string().optional(),
      author: z.string().optional(),
      branch: z.string().optional(),
    })
    .default({}),
});
export type KnowledgeItem = z.infer<typeof KnowledgeItemSchema>;

export const KnowledgeFileSchema = z.object({
  definition: z.string(),
  autoEnabled: z.boolean().default(false),
  items: z.array(KnowledgeItemSchema).default([]),
});
export type KnowledgeFile = z.infer<typeof KnowledgeFileSchema>;

/** What the learners produce; the store gives it an id, a status and a date. */
export type NewItem = Pick<KnowledgeItem, 'source' | 'title' | 'content' | 'effect'> & {
  origin?: KnowledgeItem['origin'];
};

/**
 * Short and stable: the same lesson learned twice (the same fix seen on two branches, the
 * same feedback given in two runs) gets the same id, so it is stored once.
 */
export function itemId(item: Pick<NewItem, 'source' | 'effect' | 'title'>): string {
  const key = item.effect.kind === 'context' ? [item.source, item.title] : [item.source, item.effect];
  return `ki-${createHash('sha256').update(JSON.stringify(key)).digest('hex').slice(0, 8)}`;
}
