// `exec` hands agent steps to the model when ANTHROPIC_API_KEY is set (a local Messages API here).
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lastUserText, startFakeAnthropic, type FakeServer } from '../llm/fake-anthropic.js';
import { atx, git, makeRepo, projectRoot, tempDir } from '../helpers/cli.js';

let server: FakeServer | undefined;
afterAll(async () => server?.close());

describe('agent steps in exec', () => {
  it('are carried out by the model through confined file tools, and the key is written nowhere', async () => {
    server = await startFakeAnthropic((request) => {
      if (!request.body.tools?.some((t) => t.name === 'edit_file')) throw new Error('only agent requests expected');
      // The step's request (its first turn) ends with the step itself.
      if (lastUserText(request).includes('# Your step: 1.1')) {
        return {
          content: [
            {
              type: 'tool_use',
              name: 'edit_file',
              input: { path: 'package.json', old_text: '"version": "1.0.0"', new_text: '"version": "2.0.0"' },
            },
          ],
        };
      }
      return { content: [{ type: 'text', text: 'Done: the version is 2.0.0.' }] };
    });
    const home = await tempDir('atx-home-');
    const key = 'sk-ant-test-secret-key-123';
    const env = { ATX_HOME: home, ANTHROPIC_API_KEY: key, ANTHROPIC_BASE_URL: server.url };
    const sd = join(projectRoot, 'fixtures/exec/agent-step');
    expect(
      (
        await atx(['custom', 'def', 'publish', '-n', 'Test/agent', '--description', 'a', '--sd', sd], {
          env: { ATX_HOME: home },
        })
      ).exitCode,
    ).toBe(0);
    const repo = await makeRepo({ 'package.json': '{\n  "name": "svc",\n  "version": "1.0.0"\n}\n' });
    const run = await atx(['custom', 'def', 'exec', '-p', repo, '-n', 'Test/agent', '-x', '-t', '--json'], { env });
    expect(run.exitCode, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary.steps[0]).toMatchObject({ status: 'completed', filesChanged: ['package.json'] });
    expect(summary.exitCriteria[0].status).toBe('passed');
    expect(await git(repo, ['show', `${summary.branch}:package.json`])).toContain('"version": "2.0.0"');
    const plan = JSON.parse(await readFile(summary.planPath, 'utf8'));
    expect(plan.steps[0]).toMatchObject({ kind: 'agent', status: 'pending' });
    const runDir = join(summary.planPath, '..');
    for (const file of await readdir(runDir)) {
      if (file.endsWith('.json') || file.endsWith('.md'))
        expect(await readFile(join(runDir, file), 'utf8')).not.toContain(key);
    }
    expect(run.stdout + run.stderr).not.toContain(key);
  });
});
