// Plan feedback through the model: it names the edits, the edits are applied here, by rules.
import { addedCommandStep, targetVersionProblem, type FeedbackOutcome } from '../../planner/feedback.js';
import { planTargetVersion } from '../../planner/target.js';
import type { Plan } from '../../planner/types.js';

export interface PlanEdits {
  accepted: boolean;
  skipSteps?: string[];
  addCommands?: string[];
  targetVersion?: number | string;
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
      targetVersion: {
        type: ['integer', 'string'],
        description: 'a new target version as the runtime writes it (24, "3.13"), if the user names one',
      },
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
  const target = edits.targetVersion === undefined ? undefined : planTargetVersion(plan, edits.targetVersion);
  const targetProblem = target === undefined ? undefined : targetVersionProblem(plan, target);
  if (targetProblem) return { kind: 'not-understood', plan, reply: targetProblem };
  const skip = new Set(edits.skipSteps ?? []);
  const unknown = [...skip].filter((id) => !plan.steps.some((s) => s.id === id));
  if (unknown.length) return { kind: 'not-understood', plan, reply: `There is no step ${unknown.join(', ')}.` };
  let steps = plan.steps.map((s) => (skip.has(s.id) ? { ...s, status: 'skipped-by-user' as const } : { ...s }));
  for (const command of edits.addCommands ?? []) steps.push(addedCommandStep(steps, command));
  let configuration = plan.configuration;
  if (target !== undefined) {
    configuration = { ...configuration, targetVersion: target };
    steps = steps.map((s) => (s.kind === 'codemod' ? { ...s, options: { ...s.options, targetVersion: target } } : s));
  }
  const changed = skip.size > 0 || (edits.addCommands?.length ?? 0) > 0 || target !== undefined;
  if (!changed) return { kind: 'not-understood', plan, reply: edits.reply };
  return {
    kind: 'changed',
    plan: { ...plan, configuration, steps, feedback: [...plan.feedback, edits.reply] },
    reply: edits.reply,
  };
}
