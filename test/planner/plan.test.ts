import { describe, expect, it } from 'vitest';
import { parseDefinition } from '../../src/definitions/index.js';
import { createPlan } from '../../src/planner/plan.js';
import { tempDir, writeFiles } from '../helpers/cli.js';

const ladder = `# Node ladder

## Objective
Move one major at a time.

## Summary
18 to 20, then 20 to 22.

## Implementation Steps

### Phase 1: Node.js 20
1. Move to Node.js 20.
   \`\`\`atx
   codemod: nodejs-runtime-upgrade
   options: { targetVersion: 20 }
   \`\`\`

### Phase 2: Node.js 22
1. Move to Node.js 22.
   \`\`\`atx
   codemod: nodejs-runtime-upgrade
   \`\`\`

## Validation / Exit Criteria
- Tests pass.
  \`\`\`atx
  validator: tests
  \`\`\`
`;

describe('createPlan', () => {
  it('keeps a target a step names itself, gives the run target to the others, and marks steps with nothing to do', async () => {
    const dir = await tempDir();
    await writeFiles(dir, { '.nvmrc': '18\n', 'README.md': '# x\n' });
    const plan = await createPlan({
      runId: 'r',
      bundle: { definition: parseDefinition(ladder, 'transformation_definition.md'), references: [] },
      transformation: { name: 'Test/ladder', version: '1', origin: 'local' },
      repository: dir,
      scope: '',
      checkoutDir: dir,
      baseCommit: 'abc',
      branch: 'atx/x',
      configuration: { validationCommands: [], additionalPlanContext: 'The target Node.js version is 22' },
      analysis: { files: ['.nvmrc', 'README.md'], languages: {}, templates: [], hasTypeScript: false },
      hasModel: false,
    });
    expect(plan.configuration.targetVersion).toBe(22);
    expect(plan.steps.map((s) => s.options.targetVersion)).toEqual([20, 22]);
    expect(plan.steps[0]).toMatchObject({ kind: 'codemod', targets: ['.nvmrc'], status: 'pending' });

    await writeFiles(dir, { '.nvmrc': 'lts/*\n' });
    const none = await createPlan({
      runId: 'r',
      bundle: { definition: parseDefinition(ladder, 'transformation_definition.md'), references: [] },
      transformation: { name: 'Test/ladder', version: '1', origin: 'local' },
      repository: dir,
      scope: '',
      checkoutDir: dir,
      baseCommit: 'abc',
      branch: null,
      configuration: { validationCommands: [] },
      analysis: { files: ['README.md'], languages: {}, templates: [], hasTypeScript: false },
      hasModel: false,
    });
    expect(none.steps.map((s) => s.status)).toEqual(['no-change', 'no-change']);
    expect(none.configuration.targetVersion).toBe(24);
  });
});

describe('result branch names', () => {
  it('are names git accepts, whatever the definition is called', async () => {
    const { resultBranchName } = await import('../../src/executor/paths.js');
    const { execa } = await import('execa');
    for (const name of ['AWS/nodejs-version-upgrade', 'MyOrg/a..b', 'MyOrg/.hidden', 'MyOrg/trailing.', 'MyOrg/...']) {
      const branch = resultBranchName(name, '20261127-223233-524702');
      const check = await execa('git', ['check-ref-format', '--branch', branch], { reject: false });
      expect(check.exitCode, branch).toBe(0);
    }
  });
});
