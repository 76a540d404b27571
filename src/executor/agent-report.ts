// What an agent step did, as the run state and the summary keep it: the model's last word, each
// tool call and whether it was allowed and worked, the files its tools wrote, tokens and time.
import { z } from 'zod';

export const ToolCallSchema = z.object({
  tool: z.string(),
  /** The file or folder the call named (file tools, list, search). */
  path: z.string().optional(),
  /** run_command's command; search's pattern. */
  command: z.string().optional(),
  pattern: z.string().optional(),
  /** false: atx refused it (a path outside the repository or in .git, a command without -t or a yes). */
  allowed: z.boolean(),
  /** false: refused, or it failed (the error went back to the model), or the command exited non-zero. */
  ok: z.boolean(),
  error: z.string().optional(),
});
export type ToolCall = z.infer<typeof ToolCallSchema>;

export const AgentReportSchema = z.object({
  /** The model's final message: its summary of the step, or why it changed nothing. */
  message: z.string(),
  toolCalls: z.array(ToolCallSchema),
  /** Files the model's file tools wrote (scope-relative); git's view is the step's filesChanged. */
  filesWritten: z.array(z.string()),
  tokens: z.object({ input: z.number(), output: z.number() }),
  /** Requests to the model, and turns of the conversation (the same unless a request failed). */
  requests: z.number(),
  durationMs: z.number(),
});
export type AgentReport = z.infer<typeof AgentReportSchema>;

/** A tool call on one line, for summary.md and the log. */
export function describeToolCall(call: ToolCall): string {
  const what = call.command ?? call.pattern ?? call.path ?? '';
  const verdict = !call.allowed ? 'refused' : call.ok ? 'ok' : 'error';
  return `${call.tool}${what ? ` \`${what.replace(/`/g, "'").slice(0, 200)}\`` : ''}: ${verdict}${call.error ? ` (${call.error})` : ''}`;
}
