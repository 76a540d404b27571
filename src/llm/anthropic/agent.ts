// An agent step: the model works with the tools until it answers without calling one.
import type { StepOutcome } from '../../executor/steps.js';
import type { PlanStep } from '../../planner/types.js';
import type { AgentContext, TextSink } from '../types.js';
import type { MessageParam, ModelClient } from './client.js';
import { agentSystem } from './prompts.js';
import { agentTools, callTool, ToolError, type ToolState } from './tools.js';

const maxTurns = 25;

export async function runAgentStep(model: ModelClient, step: PlanStep, context: AgentContext & { onText?: TextSink }): Promise<StepOutcome> {
  const state: ToolState = { written: new Set() };
  const messages: MessageParam[] = [{ role: 'user', content: `Step ${step.id} (phase ${step.phase}: ${step.phaseTitle}): ${step.title}\n\n${step.expectedChange}` }];
  for (let turn = 0; turn < maxTurns; turn++) {
    if (context.signal?.aborted) return { status: 'failed', reason: 'interrupted', findings: [], written: [...state.written].sort() };
    const reply = await model.turn(agentSystem, messages, agentTools, context.onText);
    messages.push({ role: 'assistant', content: reply.content });
    const uses = reply.content.filter((block) => block.type === 'tool_use');
    if (reply.stop_reason !== 'tool_use' || uses.length === 0) {
      const summary = reply.content.map((b) => (b.type === 'text' ? b.text : '')).join('').trim();
      context.log?.(`  model: ${summary.split('\n')[0]}`);
      return { status: 'completed', findings: [], written: [...state.written].sort() };
    }
    const results = [];
    for (const use of uses) {
      if (use.type !== 'tool_use') continue;
      try {
        const content = await callTool(use.name, use.input as Record<string, unknown>, context, state);
        results.push({ type: 'tool_result' as const, tool_use_id: use.id, content });
      } catch (error) {
        // Tool errors go back to the model, which can correct itself; anything else is ours.
        if (!(error instanceof ToolError) && !isFsError(error)) throw error;
        results.push({ type: 'tool_result' as const, tool_use_id: use.id, content: (error as Error).message, is_error: true });
      }
    }
    messages.push({ role: 'user', content: results });
  }
  return { status: 'failed', reason: `the model did not finish within ${maxTurns} turns`, findings: [], written: [...state.written].sort() };
}

function isFsError(error: unknown): boolean {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string';
}
