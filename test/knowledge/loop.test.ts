// The whole loop through the real binary: run, a person fixes the result by hand, learn,
// approve, run on a fresh copy of the original repository: atx now makes the fix itself.
import { cp, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { atx, git, makeRepo, tempDir, writeFiles } from '../helpers/cli.js';

const name = 'AWS/nodejs-lambda-callback-to-async';
const handler = `// Sums the items of the event.
exports.handler = (event, context, callback) => {
  const total = event.items.reduce((sum, n) => sum + n, 0);
  callback(null, { total });
};
`;

describe('learning from a manual fix', () => {
  it('replays the fix on a fresh copy once the item is enabled, and the plan names the item', async () => {
    const env = { ATX_HOME: await tempDir('atx-home-') };
    const repo = await makeRepo({ 'index.js': handler });
    const fresh = await tempDir('atx-fresh-');
    await cp(repo, fresh, { recursive: true });

    const first = await atx(['custom', 'def', 'exec', '-p', repo, '-n', name, '-x', '--json'], { env });
    expect(first.exitCode, first.stderr).toBe(0);
    const branch = JSON.parse(first.stdout).branch as string;

    // A person fixes atx's result on its branch.
    await git(repo, ['checkout', '-q', branch]);
    const fixed = (await git(repo, ['show', `${branch}:index.js`]))
      .replace('async (event, context) =>', 'async (event) =>')
      .replace('event.items.reduce', '(event.items ?? []).reduce');
    await writeFiles(repo, { 'index.js': `${fixed}\n` });
    await git(repo, ['commit', '-q', '-am', 'Drop the unused context; accept events without items']);
    await git(repo, ['checkout', '-q', 'main']);

    const learned = await atx(['custom', 'def', 'learn', '-p', repo, '--json'], { env });
    expect(learned.exitCode, learned.stderr).toBe(0);
    const [item] = JSON.parse(learned.stdout);
    expect(item).toMatchObject({
      source: 'manual-fix',
      status: 'DISABLED',
      title: 'Drop the unused context; accept events without items',
      effect: { kind: 'rewrite' },
    });

    // Disabled, it changes nothing.
    const before = await atx(['custom', 'def', 'exec', '-p', fresh, '-n', name, '-x', '--json', '-d'], { env });
    const beforeBranch = JSON.parse(before.stdout).branch as string;
    expect(await git(fresh, ['show', `${beforeBranch}:index.js`])).toContain('async (event, context) =>');

    expect(
      (await atx(['custom', 'def', 'update-ki-status', '-n', name, '--id', item.id, '--status', 'ENABLED'], { env }))
        .exitCode,
    ).toBe(0);
    const again = await atx(['custom', 'def', 'exec', '-p', fresh, '-n', name, '-x', '--json'], { env });
    expect(again.exitCode, again.stderr).toBe(0);
    const summary = JSON.parse(again.stdout);
    expect(await git(fresh, ['show', `${summary.branch}:index.js`])).toBe(fixed);
    const step = summary.steps.find((s: { id: string }) => s.id === 'knowledge.1');
    expect(step).toMatchObject({ status: 'completed', filesChanged: ['index.js'] });
    expect(step.title).toContain(item.id);
    const plan = JSON.parse(await readFile(summary.planPath, 'utf8'));
    expect(plan.knowledge.applied).toEqual([
      { id: item.id, title: item.title, kind: 'rewrite', where: ['step knowledge.1'] },
    ]);
    expect(again.stderr).toContain(`knowledge ${item.id} (rewrite)`);

    // The fixed code behaves as the person meant.
    const mod = { exports: {} as { handler?: (e: unknown) => Promise<unknown> } };
    new Function('exports', 'module', fixed)(mod.exports, mod);
    await expect(mod.exports.handler!({})).resolves.toEqual({ total: 0 });
    await expect(mod.exports.handler!({ items: [1, 2] })).resolves.toEqual({ total: 3 });

    // Applying the definition, learned fix included, to its own result changes nothing.
    await git(fresh, ['checkout', '-q', summary.branch]);
    const third = await atx(['custom', 'def', 'exec', '-p', fresh, '-n', name, '-x', '--json', '-d'], { env });
    expect(third.exitCode, third.stderr).toBe(0);
    expect(JSON.parse(third.stdout).steps.map((s: { commit: string | null }) => s.commit)).toEqual([null, null, null]);
  });
});
