// plan.json keeps what an agent step needs: each step's whole text beside its short title, the
// definition's objective and summary, a compact tree of the repository, the files a step
// names. A plan written before these were kept still loads (resume).
import { describe, expect, it } from 'vitest';
import { parseDefinition } from '../../src/definitions/index.js';
import { compactTree, namedFiles } from '../../src/planner/facts.js';
import { createPlan, stepTitle } from '../../src/planner/plan.js';
import { PlanSchema } from '../../src/planner/types.js';
import { tempDir, writeFiles } from '../helpers/cli.js';

const notes =
  'Write `MIGRATION_NOTES.md` for the **unnamed** wildcards (`*`) in src/app.js\nand every handler under `src/handlers/`; keep __init__ as is.';

const definition = `# Notes

## Objective
Callers know what moved.

## Summary
Snake_case exports become camelCase.

## Implementation Steps

### Phase 1: Notes
Prose about the phase.

1. ${notes.replace(/\n/g, '\n   ')}

## Constraints and Guardrails
- Never modify files under legacy/.

## Validation / Exit Criteria
- Notes exist.
`;

const files = ['legacy/old.js', 'package.json', 'src/app.js', 'src/handlers/a.js', 'src/handlers/b.js'];

async function plan() {
  const dir = await tempDir();
  await writeFiles(dir, Object.fromEntries(files.map((f) => [f, 'x\n'])));
  return createPlan({
    runId: 'r',
    bundle: { definition: parseDefinition(definition, 'transformation_definition.md'), references: [] },
    transformation: { name: 'Test/notes', version: '1', origin: 'local' },
    repository: dir,
    scope: '',
    checkoutDir: dir,
    baseCommit: 'abc',
    branch: 'atx/x',
    configuration: { validationCommands: [] },
    analysis: { files, languages: {}, templates: [], hasTypeScript: false },
    hasModel: true,
  });
}

describe('the plan of an agent step', () => {
  it('keeps its whole text exactly, a title that keeps names, the definition around it and the files it names', async () => {
    const made = PlanSchema.parse(JSON.parse(JSON.stringify(await plan())));
    const [step] = made.steps;
    expect(step!.text).toBe(notes);
    expect(step!.title).toBe('Write MIGRATION_NOTES.md for the unnamed wildcards (*) in src/app.js');
    expect(step!.targets).toEqual(['src/app.js', 'src/handlers/a.js', 'src/handlers/b.js']);
    expect(made.definition).toEqual({
      title: 'Notes',
      objective: 'Callers know what moved.',
      summary: 'Snake_case exports become camelCase.',
      phases: [{ number: 1, title: 'Notes', description: 'Prose about the phase.' }],
    });
    expect(made.guardrails).toEqual(['Never modify files under legacy/.']);
    expect(made.analysis.tree).toEqual([
      'legacy/',
      '  old.js',
      'src/',
      '  handlers/',
      '    a.js',
      '    b.js',
      '  app.js',
      'package.json',
    ]);
  });

  it('written before the text was kept still loads', async () => {
    const current = JSON.parse(JSON.stringify(await plan()));
    delete current.definition;
    delete current.analysis.tree;
    for (const step of current.steps) delete step.text;
    const old = PlanSchema.safeParse(current);
    expect(old.success).toBe(true);
    expect(old.data!.steps[0]!.text).toBeUndefined();
  });
});

describe('step titles', () => {
  it('drop emphasis and code quotes, never the characters of a name', () => {
    expect(stepTitle('Write `MIGRATION_NOTES.md` now.')).toBe('Write MIGRATION_NOTES.md now.');
    expect(stepTitle('**Rename** _every_ snake_case export in __init__.py: all of them')).toBe(
      'Rename every snake_case export in __init__.py',
    );
    expect(stepTitle('Match unnamed wildcards (`*`) and `a_b`.')).toBe('Match unnamed wildcards (*) and a_b.');
  });
});

describe('repository facts', () => {
  it('a large tree is opened level by level within its budget', () => {
    const many = [
      ...Array.from({ length: 400 }, (_, i) => `src/gen/deep/f${i}.ts`),
      ...Array.from({ length: 30 }, (_, i) => `docs/p${i}.md`),
      'README.md',
    ];
    const tree = compactTree(many);
    expect(tree.length).toBeLessThanOrEqual(150);
    expect(tree).toEqual(
      expect.arrayContaining([
        'docs/',
        '  … 16 more files here',
        'src/',
        '  gen/',
        '    deep/',
        '      … 386 more files here',
      ]),
    );
    expect(tree.at(-1)).toBe('README.md');

    // Every top-level folder is seen before any deeper one is opened.
    const wide = [
      ...Array.from({ length: 60 }, (_, i) => `pkg${String(i).padStart(2, '0')}/src/deep/a${i}.ts`),
      ...Array.from({ length: 200 }, (_, i) => `pkg00/src/deep/b${i}.ts`),
    ];
    const shallow = compactTree(wide);
    expect(shallow.length).toBeLessThanOrEqual(150);
    expect(shallow).toContain('pkg59/');
    expect(shallow).toContain('pkg00/');
    expect(shallow.filter((line) => !line.startsWith(' ')).length).toBe(60);

    const tooWide = compactTree(Array.from({ length: 300 }, (_, i) => `p${i}/x.ts`));
    expect(tooWide).toHaveLength(150);
    expect(tooWide.at(-1)).toBe('… 151 more lines (300 files in all)');
  });

  it('names files by path, by a name found few times, or by folder', () => {
    expect(
      namedFiles('Edit ./package.json, handler.js and `lib/` (not 2.0.0 or e.g. this).', [
        'package.json',
        'a/handler.js',
        'lib/x.js',
        'lib/y/z.js',
        'other.js',
      ]),
    ).toEqual(['a/handler.js', 'lib/x.js', 'lib/y/z.js', 'package.json']);
  });
});
