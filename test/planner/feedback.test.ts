import { describe, expect, it } from 'vitest';
import { applyFeedback, formatPlan } from '../../src/planner/feedback.js';
import { expandValidator, stepTitle } from '../../src/planner/plan.js';
import type { Plan } from '../../src/planner/types.js';

function plan(): Plan {
  const step = (id: string, phase: number, title: string, codemod: string) => ({
    id,
    phase,
    phaseTitle: `Phase ${phase}`,
    title,
    kind: 'codemod' as const,
    action: { codemod },
    options: {},
    targets: ['a.js'],
    expectedChange: 'x',
    status: 'pending' as const,
    retries: 0,
    dependsOn: [],
  });
  return {
    schemaVersion: 1,
    runId: 'r',
    createdAt: 'now',
    transformation: { name: 'AWS/x', version: '1', origin: 'aws-managed' },
    repository: '/repo',
    scope: '',
    baseCommit: 'abc',
    branch: 'atx/x',
    configuration: { validationCommands: [], targetVersion: 24 },
    analysis: { files: 1, languages: {}, templates: [] },
    steps: [
      step('1.1', 1, 'Convert handlers', 'lambda-callback-to-async'),
      step('1.2', 1, 'Check', 'nodejs24-behaviour-check'),
      step('2.1', 2, 'Runtime', 'nodejs-runtime-upgrade'),
    ],
    exitCriteria: [{ id: 'exit-1', description: 'Tests pass', validator: { validator: 'tests' } }],
    guardrails: [],
    feedback: [],
  };
}

describe('plan feedback without a model', () => {
  it('skips steps by number or id', () => {
    const outcome = applyFeedback(plan(), 'skip step 3');
    expect(outcome.kind).toBe('changed');
    expect(outcome.plan.steps.map((s) => s.status)).toEqual(['pending', 'pending', 'skipped-by-user']);
    expect(applyFeedback(plan(), 'please drop steps 1.2 and 2.1').plan.steps.map((s) => s.status)).toEqual([
      'pending',
      'skipped-by-user',
      'skipped-by-user',
    ]);
    expect(applyFeedback(plan(), 'skip step 9').kind).toBe('not-understood');
  });

  it('adds a command step', () => {
    const outcome = applyFeedback(plan(), 'also run npm run lint');
    expect(outcome.plan.steps.at(-1)).toMatchObject({
      kind: 'command',
      action: { command: 'npm run lint' },
      addedByFeedback: true,
    });
    expect(outcome.plan.feedback).toEqual(['also run npm run lint']);
  });

  it('changes the target version for every codemod', () => {
    const outcome = applyFeedback(plan(), 'the target is Node 22');
    expect(outcome.plan.configuration.targetVersion).toBe(22);
    expect(outcome.plan.steps.every((s) => s.options.targetVersion === 22)).toBe(true);
  });

  it('refuses a target that is not a Lambda Node.js runtime and leaves the plan as it was', () => {
    const before = plan();
    const outcome = applyFeedback(before, 'the target is Node 99');
    expect(outcome.kind).toBe('not-understood');
    expect(outcome.reply).toMatch(/99 is not a Lambda runtime.*24/);
    expect(outcome.plan).toEqual(before);
  });

  it('accepts on the usual words and explains what it understands otherwise', () => {
    for (const said of ['looks good, proceed', 'yes', 'LGTM', 'go ahead'])
      expect(applyFeedback(plan(), said).kind).toBe('accepted');
    const unknown = applyFeedback(plan(), 'make it better');
    expect(unknown.kind).toBe('not-understood');
    expect(unknown.reply).toMatch(/skip step 3/);
    expect(formatPlan(plan())).toMatch(/3\. \(2\.1, codemod\) Runtime/);
  });
});

describe('plan helpers', () => {
  it('expands target placeholders in validator patterns', () => {
    const spec = { validator: 'no-match', pattern: 'nodejs{{olderNodeMajors}}\\.x|node{{targetVersion}}' };
    const expanded = expandValidator(spec, 22)!.pattern!;
    expect(new RegExp(expanded).test('nodejs20.x')).toBe(true);
    expect(new RegExp(`^(${expanded})$`).test('nodejs22.x')).toBe(false);
    expect(new RegExp(`^(${expanded})$`).test('nodejs4.x')).toBe(true);
    expect(expandValidator(spec, undefined)).toBe(spec);
  });

  it('titles a step by its first sentence, cut near 72 characters', () => {
    expect(stepTitle('Write a.txt.\nMore words.')).toBe('Write a.txt.');
    expect(stepTitle('Convert `callback` handlers: all of them')).toBe('Convert callback handlers');
    const long = stepTitle(
      'Rewrite every declaration of the Node.js version to the target major, keeping each file formatting intact',
    );
    expect(long.length).toBeLessThanOrEqual(73);
    expect(long.endsWith('…')).toBe(true);
  });
});
