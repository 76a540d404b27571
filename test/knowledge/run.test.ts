// Knowledge around a run, in-process through the executor: feedback at plan review takes effect
// at once and is recorded with the run's failures; enabled, it shapes the next run; people's
// commits on an earlier result branch are noticed by the next run.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { execDefinition } from '../../src/executor/index.js';
import { KnowledgeBase } from '../../src/knowledge/index.js';
import { atx, git, makeRepo, projectRoot, tempDir, writeFiles } from '../helpers/cli.js';

const request = { transformationName: 'Test/legacy', trustAllTools: true, doNotLearn: false, dryRun: false };
const files = { 'src/app.txt': 'app\n', 'legacy/old.txt': 'old\n' };

describe('knowledge around a run', () => {
  it('learns from review feedback and failures, applies enabled items, and notices manual fixes', async () => {
    const env = { ...process.env, ATX_HOME: await tempDir('atx-home-') };
    const sd = join(projectRoot, 'fixtures/knowledge/touches-legacy');
    expect(
      (
        await atx(['custom', 'def', 'publish', '-n', 'Test/legacy', '--description', 'd', '--sd', sd], {
          env: { ATX_HOME: env.ATX_HOME },
        })
      ).exitCode,
    ).toBe(0);
    const repo = await makeRepo(files);
    const answers = ['never touch the legacy/ folder', 'proceed'];
    const log: string[] = [];
    const first = await execDefinition(
      { ...request, codeRepositoryPath: repo, nonInteractive: false },
      { cwd: repo, env, log: (l) => log.push(l), ask: async () => answers.shift()! },
    );

    // The exclusion held in this very run: only src/ changed.
    expect(await git(repo, ['diff', '--name-only', first.baseCommit, first.branch!])).toBe('src/app.txt');
    expect(
      first.findings
        .filter((f) => f.rule === 'atx/knowledge-exclusion')
        .map((f) => f.file)
        .sort(),
    ).toEqual(['legacy/new.txt', 'legacy/old.txt']);

    const base = KnowledgeBase.fromEnv(env);
    const items = await base.items('Test/legacy');
    expect(items.map((i) => [i.source, i.effect.kind, i.status])).toEqual([
      ['feedback', 'exclude', 'DISABLED'],
      ['failure', 'context', 'DISABLED'],
    ]);
    expect(items[1]!.title).toBe('Exit criterion failed: A file named missing.txt exists.');

    // A person fixes the result by hand on the branch.
    await git(repo, ['checkout', '-q', first.branch!]);
    await writeFiles(repo, { 'src/app.txt': 'app\nchanged by atx, checked by a person\n' });
    await git(repo, ['commit', '-q', '-am', 'Say who checked it']);
    await git(repo, ['checkout', '-q', 'main']);

    await base.setStatus('Test/legacy', items[0]!.id, 'ENABLED');
    const second = await execDefinition(
      { ...request, codeRepositoryPath: repo, nonInteractive: true },
      { cwd: repo, env, log: (l) => log.push(l) },
    );
    expect(await git(repo, ['diff', '--name-only', second.baseCommit, second.branch!])).toBe('src/app.txt');
    const plan = JSON.parse(await (await import('node:fs/promises')).readFile(second.planPath, 'utf8'));
    expect(plan.knowledge.applied).toEqual([expect.objectContaining({ id: items[0]!.id, kind: 'exclude' })]);
    expect(plan.guardrails.at(-1)).toContain('Do not touch legacy/');

    // The manual fix on the first branch was noticed by the second run.
    const fix = (await base.items('Test/legacy')).find((i) => i.source === 'manual-fix');
    expect(fix).toMatchObject({
      title: 'Say who checked it',
      status: 'DISABLED',
      effect: {
        kind: 'rewrite',
        patterns: [{ files: '**/*.txt', before: 'changed\n', after: 'changed by atx, checked by a person\n' }],
      },
    });
    expect(log.join('\n')).toContain(`learned ${fix!.id} (DISABLED) from a manual fix`);

    // -d records nothing.
    const count = (await base.items('Test/legacy')).length;
    await execDefinition(
      { ...request, codeRepositoryPath: repo, nonInteractive: true, doNotLearn: true },
      { cwd: repo, env, log: () => undefined },
    );
    expect((await base.items('Test/legacy')).length).toBe(count);
  });
});
