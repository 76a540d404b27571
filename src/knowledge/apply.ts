// Enabled knowledge items shaping a plan: exclusions become guardrails (and the executor reverts
// changes under them), option choices become codemod options, extra checks become validation
// commands, learned fixes become a deterministic rewrite step, the rest is context for the model.
import type { Plan, PlanStep } from '../planner/types.js';
import { matchesAny } from '../util/glob.js';
import { effectsOf } from './feedback.js';
import { itemId, type KnowledgeItem } from './types.js';

export type PlanKnowledge = NonNullable<Plan['knowledge']>;

export function applyKnowledge(plan: Plan, items: readonly KnowledgeItem[]): Plan {
  const next: Plan = {
    ...plan,
    steps: plan.steps.map((step) => ({ ...step, options: { ...step.options } })),
    guardrails: [...plan.guardrails],
    configuration: { ...plan.configuration, validationCommands: [...plan.configuration.validationCommands] },
  };
  const earlier = plan.knowledge;
  const knowledge: PlanKnowledge = {
    applied: [...(earlier?.applied ?? [])],
    excludePaths: [...(earlier?.excludePaths ?? [])],
    context: [...(earlier?.context ?? [])],
  };
  for (const item of items) {
    if (item.status !== 'ENABLED' || knowledge.applied.some((a) => a.id === item.id)) continue;
    const where = applyOne(next, knowledge, item);
    if (where.length) knowledge.applied.push({ id: item.id, title: item.title, kind: item.effect.kind, where });
  }
  // Steps no longer list files they will not be allowed to change.
  if (knowledge.excludePaths.length) {
    for (const step of next.steps) step.targets = step.targets.filter((t) => !matchesAny(knowledge.excludePaths, t));
  }
  return knowledge.applied.length > (earlier?.applied.length ?? 0) ? { ...next, knowledge } : plan;
}

function applyOne(plan: Plan, knowledge: PlanKnowledge, item: KnowledgeItem): string[] {
  const effect = item.effect;
  switch (effect.kind) {
    case 'exclude':
      knowledge.excludePaths.push(...effect.paths.filter((p) => !knowledge.excludePaths.includes(p)));
      plan.guardrails.push(
        `Do not touch ${effect.paths.join(', ')} (knowledge item ${item.id}; changes there are reverted).`,
      );
      return ['guardrails', 'every step (changes under it are reverted before commit)'];
    case 'codemod-option': {
      const steps = plan.steps.filter(
        (s) => s.kind === 'codemod' && s.action && 'codemod' in s.action && s.action.codemod === effect.codemod,
      );
      for (const step of steps) step.options[effect.option] = effect.value;
      return steps.map((s) => `step ${s.id} option ${effect.option}=${String(effect.value)}`);
    }
    case 'validation-command':
      if (plan.configuration.validationCommands.includes(effect.command)) return [];
      plan.configuration.validationCommands.push(effect.command);
      return ['validation commands'];
    case 'rewrite': {
      const step = rewriteStep(plan, item, effect.patterns);
      plan.steps.push(step);
      return [`step ${step.id}`];
    }
    case 'context': {
      knowledge.context.push(`${item.title}: ${item.content}`);
      // The model sees a step's expected change; that is where the lesson goes.
      const agents = plan.steps.filter((s) => s.kind === 'agent');
      for (const step of agents)
        step.expectedChange += `\nLearned earlier (${item.id}): ${item.title}. ${item.content.split('\n')[0]}`;
      return ['model context', ...agents.map((s) => `step ${s.id}`)];
    }
  }
}

function rewriteStep(
  plan: Plan,
  item: KnowledgeItem,
  patterns: Extract<KnowledgeItem['effect'], { kind: 'rewrite' }>['patterns'],
): PlanStep {
  const last = plan.steps.at(-1);
  const learned = plan.steps.filter((s) => s.id.startsWith('knowledge.'));
  const phase = learned[0]?.phase ?? (last ? last.phase + 1 : 1);
  return {
    id: `knowledge.${learned.length + 1}`,
    phase,
    phaseTitle: 'Fixes learned from earlier runs',
    title: `Apply learned fix ${item.id}: ${item.title}`,
    kind: 'codemod',
    action: { codemod: 'learned-rewrite' },
    options: { patterns, item: item.id },
    // The "before" text often appears only once earlier steps ran, so no text prefilter here.
    targets: [],
    expectedChange: `replaces ${patterns.length} learned before/after pattern${patterns.length === 1 ? '' : 's'} where the "before" lines occur (${[...new Set(patterns.map((p) => p.files))].join(', ')})`,
    status: 'pending',
    retries: 0,
    dependsOn: [],
  };
}

/** One line per applied item, for the plan shown to the person. */
export function describeApplied(knowledge: PlanKnowledge | undefined): string[] {
  return (knowledge?.applied ?? []).map((a) => `  knowledge ${a.id} (${a.kind}) ${a.title} → ${a.where.join('; ')}`);
}

/**
 * Plan review: feedback the planner's own rules do not understand ("never touch legacy/",
 * "use the aggregated client style", "always run npm run lint") shapes this run at once, the
 * way an enabled item would; after the run it is recorded as a knowledge item.
 */
export function applySaid(plan: Plan, said: string): { plan: Plan; reply: string } | undefined {
  const effects = effectsOf(said);
  if (effects.length === 0) return undefined;
  const items: KnowledgeItem[] = effects.map(({ title, effect }) => ({
    id: itemId({ source: 'feedback', title, effect }),
    source: 'feedback',
    title,
    content: `Said at plan review: "${said}"`,
    status: 'ENABLED',
    effect,
    createdAt: new Date().toISOString(),
    origin: { runId: plan.runId },
  }));
  const next = applyKnowledge(plan, items);
  return {
    plan: { ...next, feedback: [...plan.feedback, said] },
    reply: `${effects.map((e) => e.title).join('; ')} (kept as knowledge after the run).`,
  };
}
