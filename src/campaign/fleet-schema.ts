// A repository's Lambda inventory as a campaign keeps it (from AWS/lambda-fleet-inventory's
// report): enough for the fleet view, the exports and `create --from-findings`, whichever machine
// ran it.
import { z } from 'zod';

export const FleetFunctionSchema = z.object({
  name: z.string(),
  source: z.string(),
  file: z.string(),
  line: z.number(),
  runtime: z.string().optional(),
  status: z.enum(['deprecated', 'deprecating', 'supported', 'unknown']),
  deprecation: z.string().optional(),
  blockUpdate: z.string().optional(),
  architecture: z.string(),
  /** False: not named as a value in the declaration, so `architecture` is Lambda's default, a guess. */
  architectureDeclared: z.boolean(),
  memoryMb: z.number().optional(),
  handlerFile: z.string().optional(),
  handlerStyle: z.string().optional(),
  sdkV2: z.boolean(),
  sdkNotIncluded: z.enum(['now', 'after-upgrade']).optional(),
  tests: z.boolean().optional(),
});

export const FleetInventorySchema = z.object({
  asOf: z.string(),
  functions: z.array(FleetFunctionSchema),
  sdkV2: z.object({
    files: z.number(),
    calls: z.number(),
    filesLeft: z.number(),
    services: z.record(z.string(), z.number()),
  }),
  handlers: z.object({ callback: z.number(), context: z.number(), left: z.number() }),
  tests: z.number(),
  fixes: z.array(
    z.object({
      definition: z.string(),
      files: z.number(),
      handlers: z.number(),
      functions: z.number(),
      why: z.string(),
    }),
  ),
});
export type FleetInventory = z.infer<typeof FleetInventorySchema>;
export type FleetFunction = z.infer<typeof FleetFunctionSchema>;
