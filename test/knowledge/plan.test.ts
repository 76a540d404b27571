// Each kind of enabled knowledge item shaping a plan, and feedback understood as items.
import { describe, expect, it } from 'vitest';
import {
  applyKnowledge,
  applySaid,
  effectsOf,
  itemId,
  itemsFromRun,
  type KnowledgeItem,
} from '../../src/knowledge/index.js';
import { PlanSchema, type Plan, type PlanStep } from '../../src/planner/types.js';
import type { RunSummary } from '../../src/executor/summary.js';

function step(id: string, kind: PlanStep['kind'], codemod?: string): PlanStep {
  return {
    id,
    phase: 1,
    phaseTitle: 'Convert',
    title: `step ${id}`,
    kind,
    action: codemod ? { codemod } : kind === 'command' ? { command: 'true' } : undefined,
    options: {},
    targets: ['src/a.js', 'legacy/b.js'],
    expectedChange: 'something',
    status: kind === 'agent' ? 'needs-model' : 'pending',
    retries: 0,
    dependsOn: [],
  };
}

function plan(): Plan {
  return PlanSchema.parse({
    schemaVersion: 1,
    runId: 'r1',
    createdAt: '2026-01-01T00:00:00Z',
    transformation: { name: 'Test/def', version: '1', origin: 'local' },
    repository: '/repo',
    scope: '',
    baseCommit: 'abc',
    branch: 'atx/x',
    configuration: { validationCommands: ['npm test'] },
    analysis: { files: 2, languages: {}, templates: [] },
    steps: [step('1.1', 'codemod', 'aws-sdk-v2-to-v3'), step('1.2', 'agent')],
    exitCriteria: [],
    guardrails: ['Keep behaviour.'],
  });
}

function item(
  effect: KnowledgeItem['effect'],
  status: KnowledgeItem['status'] = 'ENABLED',
  title = 't',
): KnowledgeItem {
  return {
    id: itemId({ source: 'feedback', title, effect }),
    source: 'feedback',
    title,
    content: 'why',
    status,
    effect,
    createdAt: 'now',
    origin: {},
  };
}

describe('effectsOf (plan-review feedback)', () => {
  it('understands exclusions, the client style and extra checks', () => {
    expect(effectsOf('Never touch the legacy/ folder')).toEqual([
      { title: 'Do not touch legacy/', effect: { kind: 'exclude', paths: ['legacy/'] } },
    ]);
    expect(effectsOf("please leave vendor alone and don't change scripts/deploy.sh").map((e) => e.effect)).toEqual([
      { kind: 'exclude', paths: ['scripts/deploy.sh'] },
      { kind: 'exclude', paths: ['vendor'] },
    ]);
    expect(effectsOf('use the aggregated client style')[0]!.effect).toEqual({
      kind: 'codemod-option',
      codemod: 'aws-sdk-v2-to-v3',
      option: 'style',
      value: 'aggregated',
    });
    expect(effectsOf('always run `npm run lint`')[0]!.effect).toEqual({
      kind: 'validation-command',
      command: 'npm run lint',
    });
    expect(effectsOf("don't change anything else")).toEqual([]);
    expect(effectsOf('looks good')).toEqual([]);
  });
});

describe('applyKnowledge', () => {
  it('leaves the plan alone when no item is enabled', () => {
    const p = plan();
    expect(applyKnowledge(p, [item({ kind: 'exclude', paths: ['legacy/'] }, 'DISABLED')])).toBe(p);
  });

  it('an exclusion becomes a guardrail and an excluded path; steps stop listing files there', () => {
    const ex = item({ kind: 'exclude', paths: ['legacy/'] });
    const next = applyKnowledge(plan(), [ex]);
    expect(next.guardrails.at(-1)).toContain(`Do not touch legacy/ (knowledge item ${ex.id}`);
    expect(next.knowledge).toMatchObject({ excludePaths: ['legacy/'], applied: [{ id: ex.id, kind: 'exclude' }] });
    expect(next.steps[0]!.targets).toEqual(['src/a.js']);
  });

  it('an option choice becomes the codemod option of the steps that run that codemod', () => {
    const style = item({ kind: 'codemod-option', codemod: 'aws-sdk-v2-to-v3', option: 'style', value: 'aggregated' });
    const next = applyKnowledge(plan(), [style]);
    expect(next.steps[0]!.options.style).toBe('aggregated');
    expect(next.knowledge!.applied[0]!.where).toEqual(['step 1.1 option style=aggregated']);
    // Not applied where no step runs that codemod.
    const other = item({ kind: 'codemod-option', codemod: 'nodejs-runtime-upgrade', option: 'x', value: 1 });
    expect(applyKnowledge(plan(), [other]).knowledge).toBeUndefined();
  });

  it('an extra check becomes a validation command, once', () => {
    const next = applyKnowledge(plan(), [
      item({ kind: 'validation-command', command: 'npm run lint' }),
      item({ kind: 'validation-command', command: 'npm test' }),
    ]);
    expect(next.configuration.validationCommands).toEqual(['npm test', 'npm run lint']);
    expect(next.knowledge!.applied.map((a) => a.where)).toEqual([['validation commands']]);
  });

  it('a learned before/after pattern becomes a learned-rewrite step at the end, named after the item', () => {
    const fix = item(
      { kind: 'rewrite', patterns: [{ files: '**/*.js', before: 'a\n', after: 'b\n' }] },
      'ENABLED',
      'Use b',
    );
    const next = applyKnowledge(plan(), [fix]);
    const added = next.steps.at(-1)!;
    expect(added).toMatchObject({
      id: 'knowledge.1',
      phase: 2,
      kind: 'codemod',
      action: { codemod: 'learned-rewrite' },
      status: 'pending',
      title: `Apply learned fix ${fix.id}: Use b`,
    });
    expect(added.options).toEqual({ patterns: [{ files: '**/*.js', before: 'a\n', after: 'b\n' }], item: fix.id });
    expect(next.knowledge!.applied[0]!.where).toEqual(['step knowledge.1']);
    expect(PlanSchema.parse(JSON.parse(JSON.stringify(next)))).toEqual(next);
  });

  it('what cannot be made deterministic is given to the model with the agent steps', () => {
    const lesson = item({ kind: 'context' }, 'ENABLED', 'The build needs Java 17');
    const next = applyKnowledge(plan(), [lesson]);
    expect(next.steps[1]!.expectedChange).toContain(`Learned earlier (${lesson.id}): The build needs Java 17.`);
    expect(next.knowledge!.context).toEqual(['The build needs Java 17: why']);
    expect(next.knowledge!.applied[0]!.where).toEqual(['model context', 'step 1.2']);
  });

  it('feedback at plan review shapes the run at once and is kept for learning', () => {
    const said = applySaid(plan(), 'never touch legacy/')!;
    expect(said.plan.knowledge!.excludePaths).toEqual(['legacy/']);
    expect(said.plan.feedback).toEqual(['never touch legacy/']);
    expect(applySaid(plan(), 'make it nicer')).toBeUndefined();
  });
});

describe('itemsFromRun', () => {
  it('turns feedback and failures into items with stable ids', () => {
    const p = { ...plan(), feedback: ['also run npm run lint', 'use the aggregated client style'] };
    const summary = {
      runId: 'r1',
      steps: [
        {
          id: '1.1',
          title: 'Convert',
          status: 'failed',
          reason: 'exit 2: boom',
          commit: null,
          filesChanged: [],
          durationMs: 1,
        },
      ],
      exitCriteria: [
        {
          id: 'exit-1',
          description: 'Tests pass',
          status: 'failed',
          evidence: [{ kind: 'command', summary: '`npm test` exited with 1', details: {} }],
        },
      ],
    } as unknown as RunSummary;
    const items = itemsFromRun(p, summary);
    expect(items.map((i) => [i.source, i.effect.kind, i.title])).toEqual([
      ['feedback', 'validation-command', 'Also run `npm run lint` to validate'],
      ['feedback', 'codemod-option', 'Use the aggregated client style for AWS SDK v3'],
      ['failure', 'context', 'Step 1.1 "Convert" failed'],
      ['failure', 'context', 'Exit criterion failed: Tests pass'],
    ]);
    expect(items[2]!.content).toContain('exit 2: boom');
    expect(items[3]!.content).toContain('`npm test` exited with 1');
    expect(itemId(items[0]!)).toBe(itemId(itemsFromRun(p, summary)[0]!));
  });
});
