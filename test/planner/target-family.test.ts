// The planner knows no family of targets by name: a codemod declared with a family of its own
// (here "Toy", versions 1–3) is planned, checked, retargeted and expanded through that family
// alone, and the Node.js one takes no part.
import { describe, expect, it, vi } from 'vitest';
import type { Codemod, CodemodOption, TargetFamily } from '../../src/codemods/types.js';
import { tempDir, writeFiles } from '../helpers/cli.js';

const toy: TargetFamily = {
  id: 'toy',
  label: 'Toy',
  platform: 'Lambda',
  versions: [1, 2, 3],
  defaultVersion: 3,
  parse: (text) => {
    const named = /\btoy\s+(\d+)\b/i.exec(text ?? '');
    return named ? Number(named[1]) : undefined;
  },
  read: (value) => (typeof value === 'number' ? value : undefined),
  rank: Number,
  mention: /\btoy\s*\d/i,
  placeholders: { olderToys: (target) => `(${Array.from({ length: Number(target) - 1 }, (_, i) => i + 1).join('|')})` },
};

const flavour: CodemodOption = {
  values: ['sweet', 'sour'],
  said: /\bmake it (sweet|sour)\b/i,
  title: (value) => `A ${value} toy`,
};

// Sees the options the planner gives it; picks the files that name a toy.
const seen: Array<Record<string, unknown>> = [];
const toyCodemod: Codemod = {
  name: 'toy-upgrade',
  description: 'moves toys',
  candidates(repo, options) {
    seen.push({ ...options });
    return repo.files.filter((file) => repo.read(file).includes('toy'));
  },
  run: () => ({ changes: new Map(), findings: [] }),
};

vi.mock('../../src/codemods/index.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/codemods/index.js')>();
  const ours = (name: string) => name === 'toy-upgrade';
  return {
    ...real,
    codemodNames: [...real.codemodNames, 'toy-upgrade'],
    isCodemodName: (name: string) => ours(name) || real.isCodemodName(name),
    loadCodemod: async (name: string) => (ours(name) ? toyCodemod : real.loadCodemod(name as never)),
    codemodTarget: (name: string) => (ours(name) ? toy : real.codemodTarget(name)),
    settableOptions: () => [...real.settableOptions(), { codemod: 'toy-upgrade', option: 'flavour', spec: flavour }],
  };
});

const { parseDefinition } = await import('../../src/definitions/index.js');
const { createPlan, expandValidator, targetVersionFor } = await import('../../src/planner/plan.js');
const { applyFeedback } = await import('../../src/planner/feedback.js');
const { effectsOf } = await import('../../src/knowledge/feedback.js');
const { UsageError } = await import('../../src/errors.js');

const markdown = `# Toy upgrade

## Objective
Move toys to a newer toy.

## Summary
Toys.

## Implementation Steps

### Phase 1: Toys
1. Move every toy.
   \`\`\`atx
   codemod: toy-upgrade
   \`\`\`

## Validation / Exit Criteria
- No older toy is left.
  \`\`\`atx
  validator: no-match
  pattern: 'toy{{olderToys}}\\b|at {{targetVersion}}'
  \`\`\`
`;
const definition = parseDefinition(markdown, 'transformation_definition.md');

async function planFor(configuration: { targetVersion?: number; additionalPlanContext?: string }) {
  const dir = await tempDir();
  await writeFiles(dir, { 'box.txt': 'toy 1\n', 'README.md': '# x\n' });
  return createPlan({
    runId: 'r',
    bundle: { definition, references: [] },
    transformation: { name: 'Test/toy', version: '1', origin: 'local' },
    repository: dir,
    scope: '',
    checkoutDir: dir,
    baseCommit: 'abc',
    branch: 'atx/x',
    configuration: { validationCommands: [], ...configuration },
    analysis: { files: ['README.md', 'box.txt'], languages: {}, templates: [], hasTypeScript: false },
    hasModel: false,
  });
}

describe('a codemod of another family of targets', () => {
  it("takes its family's default, its versions, and its way of naming one in the plan context", async () => {
    expect(targetVersionFor(definition, { validationCommands: [] })).toBe(3);
    expect(
      targetVersionFor(definition, { validationCommands: [], additionalPlanContext: 'move everything to toy 2' }),
    ).toBe(2);
    // Node.js words are not this family's: the default stays.
    expect(
      targetVersionFor(definition, {
        validationCommands: [],
        additionalPlanContext: 'The target Node.js version is 22',
      }),
    ).toBe(3);
    expect(() => targetVersionFor(definition, { validationCommands: [], targetVersion: 24 })).toThrow(UsageError);
    expect(() => targetVersionFor(definition, { validationCommands: [], targetVersion: 24 })).toThrow(
      'targetVersion 24 is not a Lambda Toy runtime; use one of 1, 2, 3 (default 3)',
    );
    expect(() => targetVersionFor(definition, { validationCommands: [], additionalPlanContext: 'toy 9' })).toThrow(
      'the target named in additionalPlanContext 9 is not a Lambda Toy runtime',
    );
  });

  it('is planned with the run target in its options and its candidates as targets', async () => {
    seen.length = 0;
    const plan = await planFor({ additionalPlanContext: 'move everything to toy 2' });
    expect(plan.configuration.targetVersion).toBe(2);
    expect(seen).toEqual([{ targetVersion: 2 }]);
    expect(plan.steps[0]).toMatchObject({
      kind: 'codemod',
      options: { targetVersion: 2 },
      targets: ['box.txt'],
      status: 'pending',
    });
  });

  it("expands its own placeholders in a pattern, and not another family's", () => {
    // The placeholders a pattern names say whose they are.
    const pattern = expandValidator(definition.exitCriteria[0]!.validator, 3)!.pattern!;
    expect(pattern).toBe('toy(1|2)\\b|at 3');
    expect(new RegExp(pattern).test('toy 2 is old')).toBe(false);
    expect(new RegExp(pattern).test('toy2')).toBe(true);
    const both = { validator: 'no-match', pattern: 'toy{{olderToys}}|nodejs{{olderNodeMajors}}' };
    expect(expandValidator(both, 3, toy)!.pattern).toBe('toy(1|2)|nodejs{{olderNodeMajors}}');
  });

  it('is retargeted by plan feedback in its own words, and refuses a version it does not have', async () => {
    const plan = await planFor({});
    const changed = applyFeedback(plan, 'the target is toy 1');
    expect(changed).toMatchObject({ kind: 'changed', reply: 'target Toy version set to 1.' });
    expect(changed.plan.configuration.targetVersion).toBe(1);
    expect(changed.plan.steps[0]!.options.targetVersion).toBe(1);

    const refused = applyFeedback(plan, 'the target is toy 7');
    expect(refused.kind).toBe('not-understood');
    expect(refused.reply).toBe(
      'Toy 7 is not a Lambda runtime; the target can be one of 1, 2, 3. The plan is unchanged.',
    );
    expect(refused.plan).toBe(plan);
    // Not a version of this family: nothing is changed.
    expect(applyFeedback(plan, 'the target is Node 22').kind).toBe('not-understood');
  });

  it('has the options it declares set by what people say at plan review', () => {
    expect(effectsOf('please make it sour')).toEqual([
      {
        title: 'A sour toy',
        effect: { kind: 'codemod-option', codemod: 'toy-upgrade', option: 'flavour', value: 'sour' },
      },
    ]);
    // The SDK's own declaration is read the same way.
    expect(effectsOf('keep the command client style').map((e) => e.effect)).toEqual([
      { kind: 'codemod-option', codemod: 'aws-sdk-v2-to-v3', option: 'style', value: 'command' },
    ]);
  });
});
