// An agent step: the model works with the tools until it answers without calling one. What it
// did is recorded (tool calls, its last word, tokens, time) for the run's summary; whether it
// changed anything the executor asks git.
import type { AgentReport, ToolCall } from '../../executor/agent-report.js';
import type { StepOutcome } from '../../executor/steps.js';
import type { PlanStep } from '../../planner/types.js';
import { redactText } from '../../util/secrets.js';
import type { AgentContext, TextSink } from '../types.js';
import type { MessageParam, ModelClient } from './client.js';
import { agentSystem } from './prompts.js';
import { stepRequest } from './step-request.js';
import { agentTools, callTool, ToolError, ToolRefusal, type ToolState } from './tools.js';

const maxTurns = 25;

export async function runAgentStep(
  model: ModelClient,
  step: PlanStep,
  context: AgentContext & { onText?: TextSink },
): Promise<StepOutcome> {
  const started = performance.now();
  const before = model.usage();
  const state: ToolState = { written: new Set() };
  const calls: ToolCall[] = [];
  let message = '';
  const outcome = (status: StepOutcome['status'], reason?: string): StepOutcome => {
    const used = model.usage();
    const agent: AgentReport = {
      message,
      toolCalls: calls,
      filesWritten: [...state.written].sort(),
      tokens: { input: used.inputTokens - before.inputTokens, output: used.outputTokens - before.outputTokens },
      requests: used.requests - before.requests,
      durationMs: Math.round(performance.now() - started),
    };
    return { status, ...(reason ? { reason } : {}), findings: [], written: agent.filesWritten, agent };
  };

  // The plan around the step holds what the person typed (plan context, build command): a secret
  // value there must not leave atx, as in a tool's result.
  const messages: MessageParam[] = [{ role: 'user', content: redactText(stepRequest(step, context)) }];
  for (let turn = 0; turn < maxTurns; turn++) {
    if (context.signal?.aborted) return outcome('failed', 'interrupted');
    const reply = await model.turn(agentSystem, messages, agentTools, context.onText);
    messages.push({ role: 'assistant', content: reply.content });
    message =
      reply.content
        .map((b) => (b.type === 'text' ? b.text : ''))
        .join('')
        .trim() || message;
    const uses = reply.content.filter((block) => block.type === 'tool_use');
    if (reply.stop_reason !== 'tool_use' || uses.length === 0) {
      context.log?.(`  model: ${message.split('\n')[0]}`);
      return outcome('completed');
    }
    const results = [];
    for (const use of uses) {
      if (use.type !== 'tool_use') continue;
      const { result, call } = await useTool(use.name, use.input as Record<string, unknown>, context, state);
      calls.push(call);
      results.push({ type: 'tool_result' as const, tool_use_id: use.id, ...result });
    }
    messages.push({ role: 'user', content: results });
  }
  return outcome('failed', `the model did not finish within ${maxTurns} turns`);
}

/** One tool call, carried out and recorded: what it named, whether atx allowed it, whether it worked. */
async function useTool(
  name: string,
  input: Record<string, unknown>,
  context: AgentContext,
  state: ToolState,
): Promise<{ result: { content: string; is_error?: true }; call: ToolCall }> {
  const call: ToolCall = { tool: name, ...named(input), allowed: true, ok: true };
  // A command runs with -t or the person's yes; their answer is the verdict.
  let answered: boolean | undefined;
  const confirm = context.confirm && (async (question: string) => (answered = await context.confirm!(question)));
  try {
    const content = await callTool(name, input, { ...context, confirm }, state);
    if (name === 'run_command') {
      call.allowed = context.trustAllTools || answered === true;
      const exit = /^exit code (-?\d+)/.exec(content)?.[1];
      if (!call.allowed) Object.assign(call, { ok: false, error: context.confirm ? 'declined' : 'not run without -t' });
      else if (exit !== '0') Object.assign(call, { ok: false, error: `exit code ${exit ?? 'unknown'}` });
    }
    return { result: { content }, call };
  } catch (error) {
    // Tool errors go back to the model, which can correct itself; anything else is ours.
    if (!(error instanceof ToolError) && !isFsError(error)) throw error;
    const text = (error as Error).message;
    call.allowed = !(error instanceof ToolRefusal);
    Object.assign(call, { ok: false, error: text.split('\n')[0]!.slice(0, 300) });
    return { result: { content: text, is_error: true }, call };
  }
}

/** The path, command or pattern a call names, as strings (the model may send anything). */
function named(input: Record<string, unknown>): Pick<ToolCall, 'path' | 'command' | 'pattern'> {
  const text = (value: unknown) => (typeof value === 'string' ? value.slice(0, 500) : undefined);
  const out: Pick<ToolCall, 'path' | 'command' | 'pattern'> = {};
  if (text(input.path) !== undefined) out.path = text(input.path);
  if (text(input.command) !== undefined) out.command = text(input.command);
  if (text(input.pattern) !== undefined) out.pattern = text(input.pattern);
  return out;
}

function isFsError(error: unknown): boolean {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string';
}
