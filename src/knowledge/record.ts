// What the executor calls: learning after a run (feedback and failures), noticing people's fixes
// on earlier result branches, and the enabled items a new plan should apply.
import type { Plan } from '../planner/types.js';
import { itemsFromFeedback } from './feedback.js';
import { learnFromBranch, resultBranches } from './learn.js';
import { KnowledgeBase } from './store.js';
import type { KnowledgeItem, NewItem } from './types.js';

/** What learning reads of a finished run; the executor's RunSummary is one. */
export interface RunOutcome {
  runId: string;
  steps: ReadonlyArray<{ id: string; title: string; status: string; reason?: string }>;
  exitCriteria: ReadonlyArray<{
    description: string;
    status: string;
    evidence: ReadonlyArray<{ kind: string; summary: string }>;
  }>;
}

/**
 * A step that failed or was skipped because of the model itself (unavailable, over the --limit,
 * an API error) teaches nothing about the definition or the repository: the next run would
 * carry an outage as a lesson, and a team registry would push it to everyone.
 */
export function failedBecauseOfModel(reason: string | undefined): boolean {
  return (
    reason !== undefined &&
    /^(model-unavailable|model-limit|needs-model)\b|^the model at \S+ |^the (?:API key|--limit)\b|^unknown model\b/.test(
      reason.trim(),
    )
  );
}

/** Lessons of a finished run: its plan-review feedback, and what failed with its cause. */
export function itemsFromRun(plan: Plan, summary: RunOutcome): NewItem[] {
  const origin = { runId: summary.runId };
  const items = itemsFromFeedback(plan.feedback, origin);
  for (const step of summary.steps.filter((s) => s.status === 'failed' && !failedBecauseOfModel(s.reason))) {
    items.push({
      source: 'failure',
      title: `Step ${step.id} "${step.title}" failed`,
      content: `In run ${summary.runId} this step failed: ${(step.reason ?? 'no reason recorded').slice(0, 2000)}`,
      effect: { kind: 'context' },
      origin,
    });
  }
  for (const criterion of summary.exitCriteria.filter((c) => c.status === 'failed')) {
    const evidence = criterion.evidence.filter((e) => e.kind !== 'commit').map((e) => e.summary);
    items.push({
      source: 'failure',
      title: `Exit criterion failed: ${criterion.description.split('\n')[0]}`,
      content: `In run ${summary.runId}: ${evidence.join('; ').slice(0, 2000) || 'no evidence recorded'}`,
      effect: { kind: 'context' },
      origin,
    });
  }
  return items;
}

export async function recordRun(env: NodeJS.ProcessEnv, plan: Plan, summary: RunOutcome): Promise<KnowledgeItem[]> {
  return (await KnowledgeBase.fromEnv(env).add(plan.transformation.name, itemsFromRun(plan, summary))).added;
}

/**
 * A new run of `definition` on a repository that holds earlier result branches of it: commits
 * people made there after atx are learned now, as `atx custom def learn` would. `branches`: the
 * repository's result branches, when they were already asked for (resultBranches).
 */
export async function noticeManualFixes(
  env: NodeJS.ProcessEnv,
  atxHome: string,
  root: string,
  definition: string,
  branches: Promise<string[]> = resultBranches(root),
): Promise<KnowledgeItem[]> {
  const base = KnowledgeBase.fromEnv(env);
  const added: KnowledgeItem[] = [];
  for (const branch of await branches) {
    let lessons;
    try {
      lessons = await learnFromBranch(root, branch, atxHome);
    } catch {
      // A branch atx cannot attribute (another machine's run, no atx commit) teaches nothing here.
      continue;
    }
    if (lessons.definition !== definition) continue;
    added.push(...(await base.add(definition, lessons.items)).added);
  }
  return added;
}

export async function enabledItems(
  env: NodeJS.ProcessEnv,
  definition: string,
  warn?: (message: string) => void,
): Promise<KnowledgeItem[]> {
  return KnowledgeBase.fromEnv(env, warn).enabled(definition);
}
