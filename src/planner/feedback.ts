// Plan review without a model: the common edits people ask for, understood by simple rules.
import type { TargetVersion } from '../codemods/types.js';
import { familyOfPlan, targetFamilies, targetIn, targetVersionProblem } from './target.js';
import type { Plan, PlanStep } from './types.js';

export { targetVersionProblem } from './target.js';

export type FeedbackOutcome =
  | { kind: 'accepted'; plan: Plan; reply: string }
  | { kind: 'changed'; plan: Plan; reply: string }
  | { kind: 'not-understood'; plan: Plan; reply: string };

const acceptance =
  /^\s*(y|yes|ok|okay|go|proceed|lgtm|approve[d]?|accept|run it|looks good.*|sounds good.*|go ahead.*|.*\bproceed\b.*)\s*[.!]?\s*$/i;

export function applyFeedback(plan: Plan, text: string): FeedbackOutcome {
  const said = text.trim();
  if (acceptance.test(said)) return { kind: 'accepted', plan, reply: 'Plan accepted.' };
  const edits: string[] = [];
  let next: Plan = { ...plan, steps: plan.steps.map((step) => ({ ...step })) };

  const skip = /\b(?:skip|drop|remove|don'?t run|do not run)\s+steps?\s+([\d.,\sand]+)/i.exec(said);
  if (skip) {
    for (const ref of skip[1]!.split(/[,\s]+|and/).filter(Boolean)) {
      const step = findStep(next, ref);
      if (!step)
        return {
          kind: 'not-understood',
          plan,
          reply: `There is no step ${ref}; the steps are 1–${plan.steps.length}.`,
        };
      step.status = 'skipped-by-user';
      edits.push(`step ${step.id} (${step.title}) will be skipped`);
    }
  }

  const run = /\b(?:also run|add (?:a )?step (?:to )?run|then run|run also)\s+[`'"]?([^`'"]+?)[`'"]?\s*$/i.exec(said);
  if (run) {
    const command = run[1]!.trim();
    const step = addedCommandStep(next.steps, command);
    next.steps.push(step);
    edits.push(`added step ${step.id}: run \`${command}\``);
  }

  // A sentence about the target, or one naming the runtime with a version ("Node 22"), may set
  // a new target; a bare number ("skip step 3") does not.
  const family = familyOfPlan(plan);
  const named = /\btarget\b/i.test(said) || (family ? [family] : targetFamilies()).some((f) => f.mention.test(said));
  if (named && !run) {
    const target = targetIn(said, family);
    const problem = target === undefined ? undefined : targetVersionProblem(plan, target.version);
    if (problem) return { kind: 'not-understood', plan, reply: problem };
    if (target !== undefined) {
      next = retarget(next, target.version);
      edits.push(`target ${target.family.label} version set to ${target.version}`);
    }
  }

  if (edits.length === 0) {
    return {
      kind: 'not-understood',
      plan,
      reply:
        'I did not understand that. Without a model I can: "skip step 3", "also run npm run lint", ' +
        '"the target is Node 22", or "looks good, proceed".',
    };
  }
  next.feedback = [...plan.feedback, said];
  return { kind: 'changed', plan: next, reply: `${edits.join('; ')}.` };
}

function findStep(plan: Plan, ref: string): PlanStep | undefined {
  if (ref.includes('.')) return plan.steps.find((step) => step.id === ref);
  const index = Number(ref);
  return Number.isInteger(index) ? plan.steps[index - 1] : undefined;
}

function retarget(plan: Plan, version: TargetVersion): Plan {
  return {
    ...plan,
    configuration: { ...plan.configuration, targetVersion: version },
    steps: plan.steps.map((step) =>
      step.kind === 'codemod' ? { ...step, options: { ...step.options, targetVersion: version } } : step,
    ),
  };
}

/** The plan as a person reads it: numbered steps, status, targets, exit criteria. */
export function formatPlan(plan: Plan): string {
  const lines = [
    `Plan for ${plan.transformation.name} v${plan.transformation.version} on ${plan.repository}${plan.scope ? ` (${plan.scope})` : ''}`,
    `Base commit ${plan.baseCommit.slice(0, 12)}${plan.branch ? `, result branch ${plan.branch}` : ''}`,
  ];
  if (plan.configuration.targetVersion) lines.push(`Target version: ${plan.configuration.targetVersion}`);
  let phase = -1;
  plan.steps.forEach((step, index) => {
    if (step.phase !== phase) {
      phase = step.phase;
      lines.push(`Phase ${step.phase}: ${step.phaseTitle}`);
    }
    const note = step.status === 'pending' ? '' : ` [${step.status}]`;
    lines.push(`  ${index + 1}. (${step.id}, ${step.kind}) ${step.title}${note}`);
    lines.push(`     ${step.expectedChange}`);
  });
  lines.push('Exit criteria:');
  for (const criterion of plan.exitCriteria) {
    lines.push(
      `  - ${criterion.description.split('\n')[0]}${criterion.validator ? ` [${criterion.validator.validator}]` : ' [needs a person]'}`,
    );
  }
  return lines.join('\n');
}

/** A step that runs `command`, added at plan review after `steps` (in the last step's phase). */
export function addedCommandStep(steps: readonly PlanStep[], command: string): PlanStep {
  const last = steps.at(-1);
  return {
    id: `extra.${steps.filter((s) => s.addedByFeedback).length + 1}`,
    phase: last?.phase ?? 1,
    phaseTitle: last?.phaseTitle ?? 'Additional steps',
    title: `Run ${command}`,
    kind: 'command',
    action: { command },
    options: {},
    targets: [],
    expectedChange: `runs \`${command}\``,
    status: 'pending',
    retries: 0,
    dependsOn: [],
    addedByFeedback: true,
  };
}
