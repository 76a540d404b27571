// Every knowledge command through the real binary, including the bad-input exits.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KnowledgeBase } from '../../src/knowledge/index.js';
import { atx, makeRepo, projectRoot, tempDir } from '../helpers/cli.js';

async function setup() {
  const env = { ATX_HOME: await tempDir('atx-home-') };
  const sd = join(projectRoot, 'fixtures/knowledge/touches-legacy');
  expect(
    (await atx(['custom', 'def', 'publish', '-n', 'Test/legacy', '--description', 'd', '--sd', sd], { env })).exitCode,
  ).toBe(0);
  const base = KnowledgeBase.fromEnv(env);
  const { added } = await base.add('Test/legacy', [
    {
      source: 'feedback',
      title: 'Do not touch legacy/',
      content: 'Said at plan review: "never touch legacy/"',
      effect: { kind: 'exclude', paths: ['legacy/'] },
    },
    {
      source: 'failure',
      title: 'Exit criterion failed: missing.txt',
      content: 'test -f missing.txt exited with 1',
      effect: { kind: 'context' },
    },
  ]);
  return { env, ids: added.map((i) => i.id) };
}

describe('knowledge commands', () => {
  it('list-ki, get-ki, update-ki-status, delete-ki, export-ki-markdown', async () => {
    const { env, ids } = await setup();
    const list = await atx(['custom', 'def', 'list-ki', '-n', 'Test/legacy', '--json'], { env });
    expect(list.exitCode, list.stderr).toBe(0);
    const items = JSON.parse(list.stdout);
    expect(items.map((i: { id: string; status: string }) => [i.id, i.status])).toEqual(
      ids.map((id) => [id, 'DISABLED']),
    );
    expect((await atx(['custom', 'def', 'list-ki', '-n', 'Test/legacy'], { env })).stdout).toMatch(
      /ID\s+STATUS\s+SOURCE[\s\S]*guardrail and exclusion of legacy\//,
    );

    const get = await atx(['custom', 'def', 'get-ki', '-n', 'Test/legacy', '--id', ids[0]!], { env });
    expect(get.stdout).toContain(`## ${ids[0]}: Do not touch legacy/`);
    expect(
      JSON.parse(
        (await atx(['custom', 'def', 'get-ki', '-n', 'Test/legacy', '--id', ids[0]!, '--json'], { env })).stdout,
      ).effect,
    ).toEqual({ kind: 'exclude', paths: ['legacy/'] });

    expect(
      (
        await atx(['custom', 'def', 'update-ki-status', '-n', 'Test/legacy', '--id', ids[0]!, '--status', 'enabled'], {
          env,
        })
      ).stdout,
    ).toContain('is ENABLED');
    const markdown = await atx(['custom', 'def', 'export-ki-markdown', '-n', 'Test/legacy'], { env });
    expect(markdown.stdout).toMatch(/^# Knowledge items: Test\/legacy\n/);
    expect(markdown.stdout).toContain('- Status: ENABLED');
    expect(markdown.stdout).toContain('- Status: DISABLED');

    expect((await atx(['custom', 'def', 'delete-ki', '-n', 'Test/legacy', '--id', ids[1]!], { env })).exitCode).toBe(0);
    expect(
      JSON.parse((await atx(['custom', 'def', 'list-ki', '-n', 'Test/legacy', '--json'], { env })).stdout).map(
        (i: { id: string }) => i.id,
      ),
    ).toEqual([ids[0]]);
  });

  it("update-ki-config makes new items start ENABLED; AWS/ items are the user's own", async () => {
    const env = { ATX_HOME: await tempDir('atx-home-') };
    const name = 'AWS/nodejs-version-upgrade';
    expect(
      (await atx(['custom', 'def', 'update-ki-config', '-n', name, '--auto-enabled', 'TRUE'], { env })).exitCode,
    ).toBe(0);
    const { added } = await KnowledgeBase.fromEnv(env).add(name, [
      { source: 'feedback', title: 'x', content: 'y', effect: { kind: 'validation-command', command: 'npm run lint' } },
    ]);
    expect(added[0]!.status).toBe('ENABLED');
    expect((await atx(['custom', 'def', 'export-ki-markdown', '-n', name], { env })).stdout).toContain(
      'Auto-enable new items: TRUE',
    );
    // The shipped definition is untouched and still listed once.
    const list = JSON.parse((await atx(['custom', 'def', 'list', '--json'], { env })).stdout);
    expect(list.filter((e: { name: string }) => e.name === name)).toHaveLength(1);
  });

  it('exits 2 for an unknown name, id, status or value, and for a repository without result branches', async () => {
    const { env, ids } = await setup();
    const cases: Array<[string[], RegExp]> = [
      [['list-ki', '-n', 'Test/nope'], /unknown definition "Test\/nope"/],
      [['get-ki', '-n', 'Test/legacy', '--id', 'ki-00000000'], /has no knowledge item "ki-00000000"/],
      [['delete-ki', '-n', 'Test/legacy', '--id', 'ki-00000000'], /has no knowledge item/],
      [
        ['update-ki-status', '-n', 'Test/legacy', '--id', ids[0]!, '--status', 'ON'],
        /--status must be ENABLED or DISABLED/,
      ],
      [['update-ki-config', '-n', 'Test/legacy', '--auto-enabled', 'yes'], /--auto-enabled must be TRUE or FALSE/],
      [['export-ki-markdown', '-n', '../etc'], /definition name/],
      [['learn', '-p', await makeRepo({ 'a.txt': 'a\n' })], /no atx\/\* result branch/],
      [['learn', '-p', env.ATX_HOME], /not a git repository/],
      [['get-ki', '-n', 'Test/legacy'], /required option '--id <id>'/],
    ];
    for (const [args, message] of cases) {
      const run = await atx(['custom', 'def', ...args], { env });
      expect(run.exitCode, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toMatch(message);
    }
  });
});
