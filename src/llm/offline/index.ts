// The offline brain: rules and a built-in knowledge base; no network, no model.
import { applyFeedback } from '../../planner/feedback.js';
import type { Brain } from '../types.js';
import { draftOffline } from './draft.js';
import { interpretOffline } from './intents.js';
import { reviseOffline } from './revise.js';

export function createOfflineBrain(): Brain {
  return {
    kind: 'offline',
    label: 'offline rules (set ANTHROPIC_API_KEY to use a model)',
    interpret: async (question, text, context) => interpretOffline(question, text, context),
    draftDefinition: async (request) => draftOffline(request),
    reviseDefinition: async (definition, feedback) => reviseOffline(definition, feedback),
    refinePlan: async (plan, feedback) => applyFeedback(plan, feedback),
    // No runAgentStep: agent steps stay `needs-model`, reported as such by the executor.
    usage: () => ({ inputTokens: 0, outputTokens: 0, requests: 0 }),
  };
}
