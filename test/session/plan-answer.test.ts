// The plan review's reading of a whole answer, phrase by phrase: what it edits, and whether it
// lets the run start. The plan is the shape the planner makes; only what the reader uses is set.
import { describe, expect, it } from 'vitest';
import type { Plan } from '../../src/planner/types.js';
import { readPlanAnswer, stepsNamed } from '../../src/session/plan-answer.js';

const step = (id: string, phase: number, phaseTitle: string, title: string, command?: string) => ({
  id,
  phase,
  phaseTitle,
  title,
  kind: command ? 'command' : 'codemod',
  expectedChange: '',
  status: 'pending',
  ...(command ? { action: { command } } : {}),
});
const plan = {
  steps: [
    step('1.1', 1, 'Migrate', 'Rewrite the runtime declarations'),
    step('1.2', 1, 'Migrate', 'Convert callback handlers to async'),
    step('2.1', 2, 'Validation', 'Run the linter', 'npm run lint'),
    step('2.2', 2, 'Validation', 'Run the unit tests', 'npm test'),
  ],
} as unknown as Plan;

describe('reading a plan review answer', () => {
  it.each([
    ['dont proceed yet, first skip step 2', ['skip step 2'], false],
    ["don't proceed — skip the last step first", ['skip step 4'], false],
    ['looks good but skip steps 2 and 3', ['skip steps 2, 3'], false],
    ['drop the lint step', ['skip step 3'], false],
    ['go ahead but not step 4', ['skip step 4'], false],
    ['get rid of the validation phase', ['skip steps 3, 4'], false],
    ['skip 1-2', ['skip steps 1, 2'], false],
    ['also run npm run format, then go', ['also run npm run format'], false],
    ['target Node 22', ['the target is Node 22'], false],
    ['not yet - skip the linter step and the unit tests', ['skip steps 3, 4'], false],
    ['skip the runtime step and the callback one', ['skip steps 1, 2'], false],
    ['ok', [], true],
    ['ok go', [], true],
    ['go', [], true],
    ['LGTM', [], true],
    ['ship it', [], true],
    ['yes, run it', [], true],
    ['looks good, proceed', [], true],
    ["let's go!", [], true],
  ])('%s', (answer, edits, accept) => {
    const read = readPlanAnswer(plan, answer);
    expect(read.edits).toEqual(edits);
    expect(read.accept).toBe(accept);
  });

  it.each([
    'not yet',
    'wait',
    "don't proceed",
    'hold on, first let me check',
    'do not run it yet',
    'no',
    'proceed only if the tests pass',
  ])('holds on "%s"', (answer) => {
    const read = readPlanAnswer(plan, answer);
    expect(read.accept).toBe(false);
    expect(read.hold).toBe(true);
  });

  it('says which step or phase does not exist, instead of guessing', () => {
    expect(stepsNamed(plan, 'step 7')).toMatch(/There is no step 7; the steps are 1–4/);
    expect(stepsNamed(plan, 'the deploy phase')).toMatch(
      /No phase is called "deploy"; the phases are 1 \(Migrate\), 2 \(Validation\)/,
    );
    expect(readPlanAnswer(plan, 'skip the deploy step').problems).toEqual([
      'No step is called "deploy"; say its number (1–4) or a word of its title.',
    ]);
    expect(readPlanAnswer(plan, 'skip the deploy step').accept).toBe(false);
  });
});
