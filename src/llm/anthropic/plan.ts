// Plan feedback through the model: it names the edits, the edits are applied here, by rules.
import { addedCommandStep, targetVersionProblem, type FeedbackOutcome } from '../../planner/feedback.js';
import type { Plan } from '../../planner/types.js';

export interface PlanEdits {
  accepted: boolean;
  skipSteps?: string[];
  addCommands?: string[];
  targetVersion?: number;
  reply: string;
}

export const planTool = {
  name: 'edit_plan',
  description: 'Record how the plan changes after the user feedback.',
  input_schema: {
    type: 'object' as const,
    properties: {
      accepted: { type: 'boolean', description: 'the user approves the plan as it is' },
      skipSteps: { type: 'array', items: { type: 'string' }, description: 'ids of steps to skip, e.g. "1.2"' },
      addCommands: {
        type: 'array',
        items: { type: 'string' },
        description: 'shell commands to run as extra steps at the end',
      },
      targetVersion: { type: 'integer', description: 'a new target version, if the user names one' },
      reply: { type: 'string', description: 'one sentence for the user' },
    },
    required: ['accepted', 'reply'],
  },
};

/** Compact plan for the prompt: no file lists, no analysis. */
export function planForPrompt(plan: Plan): string {
  return JSON.stringify({
    transformation: plan.transformation.name,
    targetVersion: plan.configuration.targetVersion,
    steps: plan.steps.map((s, i) => ({ number: i + 1, id: s.id, title: s.title, kind: s.kind, status: s.status })),
  });
}

export function applyPlanEdits(plan: Plan, edits: PlanEdits): FeedbackOutcome {
  if (edits.accepted) return { kind: 'accepted', plan, reply: edits.reply || 'Plan accepted.' };
  const targetProblem = edits.targetVersion === undefined ? undefined : targetVersionProblem(plan, edits.targetVersion);
  if (targetProblem) return { kind: 'not-understood', plan, reply: targetProblem };
  const skip = new Set(edits.skipSteps ?? []);
  const unknown = [...skip].filter((id) => !plan.steps.some((s) => s.id === id));
  if (unknown.length) return { kind: 'not-understood', plan, reply: `There is no step ${unknown.join(', ')}.` };
  let steps = plan.steps.map((s) => (skip.has(s.id) ? { ...s, status: 'skipped-by-user' as const } : { ...s }));
  for (const command of edits.addCommands ?? []) steps.push(addedCommandStep(steps, command));
  let configuration = plan.configuration;
  if (edits.targetVersion !== undefined) {
    configuration = { ...configuration, targetVersion: edits.targetVersion };
    steps = steps.map((s) =>
      s.kind === 'codemod' ? { ...s, options: { ...s.options, targetVersion: edits.targetVersion } } : s,
    );
  }
  const changed = skip.size > 0 || (edits.addCommands?.length ?? 0) > 0 || edits.targetVersion !== undefined;
  if (!changed) return { kind: 'not-understood', plan, reply: edits.reply };
  return {
    kind: 'changed',
    plan: { ...plan, configuration, steps, feedback: [...plan.feedback, edits.reply] },
    reply: edits.reply,
  };
}
