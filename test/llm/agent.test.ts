// Agent steps with a model: tools confined to the checkout, commands only with trust or consent.
import { existsSync } from 'node:fs';
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ModelClient } from '../../src/llm/anthropic/client.js';
import { runAgentStep } from '../../src/llm/anthropic/agent.js';
import { callTool, confine, ToolError } from '../../src/llm/anthropic/tools.js';
import type { PlanStep } from '../../src/planner/types.js';
import { tempDir } from '../helpers/cli.js';
import { startFakeAnthropic, type FakeReply, type FakeServer } from './fake-anthropic.js';

let server: FakeServer | undefined;
afterEach(async () => server?.close());

const step: PlanStep = {
  id: '1.2',
  phase: 1,
  phaseTitle: 'Upgrade',
  title: 'Raise the version',
  kind: 'agent',
  options: {},
  targets: [],
  expectedChange: 'carried out by the model',
  status: 'pending',
  retries: 0,
  dependsOn: [],
};

async function checkout(): Promise<{ dir: string; outside: string }> {
  const base = await tempDir('atx-agent-');
  const dir = join(base, 'repo');
  await mkdir(dir);
  await writeFile(join(dir, 'package.json'), '{\n  "name": "svc",\n  "version": "1.0.0"\n}\n');
  await writeFile(join(base, 'secret.txt'), 'outside');
  await symlink(base, join(dir, 'up'));
  return { dir, outside: base };
}

describe('agent tools', () => {
  it('refuses paths outside the checkout, including through a symlink', async () => {
    const { dir } = await checkout();
    await expect(confine(dir, 'package.json')).resolves.toMatch(/package\.json$/);
    await expect(confine(dir, 'src/new/file.ts')).resolves.toMatch(/src\/new\/file\.ts$/);
    for (const bad of ['../secret.txt', '/etc/passwd', 'up/secret.txt', 'up/new.txt', 'a/../../x']) {
      await expect(confine(dir, bad), bad).rejects.toBeInstanceOf(ToolError);
    }
  });

  it('reads, edits and lists inside the checkout; escapes and unconfirmed commands are refused and reported to the model', async () => {
    const { dir, outside } = await checkout();
    const script: FakeReply[] = [
      {
        content: [
          { type: 'text', text: 'Looking at the manifest.' },
          { type: 'tool_use', name: 'read_file', input: { path: 'package.json' } },
          { type: 'tool_use', name: 'list_files', input: {} },
        ],
      },
      { content: [{ type: 'tool_use', name: 'write_file', input: { path: '../escape.txt', content: 'x' } }] },
      {
        content: [
          {
            type: 'tool_use',
            name: 'edit_file',
            input: { path: 'package.json', old_text: '"version": "1.0.0"', new_text: '"version": "1.1.0"' },
          },
        ],
      },
      {
        content: [
          { type: 'tool_use', name: 'search', input: { pattern: 'version' } },
          { type: 'tool_use', name: 'run_command', input: { command: 'touch ran' } },
        ],
      },
      { content: [{ type: 'text', text: 'Raised the version to 1.1.0.' }] },
    ];
    server = await startFakeAnthropic((_, i) => script[i]!);
    const model = new ModelClient({ apiKey: 'sk-test-key-123456', model: 'm', baseURL: server.url });
    const streamed: string[] = [];
    const outcome = await runAgentStep(model, step, {
      checkoutDir: dir,
      trustAllTools: false,
      onText: (c) => streamed.push(c),
    });

    expect(outcome).toMatchObject({ status: 'completed', written: ['package.json'] });
    expect(await readFile(join(dir, 'package.json'), 'utf8')).toContain('"version": "1.1.0"');
    expect(existsSync(join(outside, 'escape.txt'))).toBe(false);
    expect(existsSync(join(dir, 'ran'))).toBe(false);
    const results = server.requests.map((r) => JSON.stringify(r.body.messages.at(-1)));
    expect(results[1]).toContain('\\"version\\": \\"1.0.0\\"');
    expect(results[1]).toContain('package.json');
    expect(results[2]).toMatch(/outside the repository/);
    expect(results[2]).toContain('"is_error":true');
    expect(results[4]).toContain('package.json:3:');
    expect(results[4]).toMatch(/did not allow this command/);
    expect(server.requests[0]!.body.tools!.map((t) => t.name)).toEqual([
      'read_file',
      'list_files',
      'search',
      'write_file',
      'edit_file',
      'run_command',
    ]);
    expect(streamed.join('')).toContain('Raised the version');
  });

  it('runs commands with -t, and asks first without it', async () => {
    const { dir } = await checkout();
    const script: FakeReply[] = [
      { content: [{ type: 'tool_use', name: 'run_command', input: { command: 'echo hi > ran.txt' } }] },
      { content: [{ type: 'text', text: 'Done.' }] },
    ];
    server = await startFakeAnthropic((_, i) => script[i % 2]!);
    const model = new ModelClient({ apiKey: 'sk-test-key-123456', model: 'm', baseURL: server.url });
    await runAgentStep(model, step, { checkoutDir: dir, trustAllTools: true });
    expect(await readFile(join(dir, 'ran.txt'), 'utf8')).toBe('hi\n');
    expect(JSON.stringify(server.requests[1]!.body.messages.at(-1))).toContain('exit code 0');

    const questions: string[] = [];
    await runAgentStep(model, step, {
      checkoutDir: dir,
      trustAllTools: false,
      confirm: async (q) => (questions.push(q), true),
    });
    expect(questions).toEqual([expect.stringMatching(/wants to run `echo hi > ran.txt`/)]);
  });

  it('never reach .git: at any depth, in any case, under names disks take for it, or through a link', async () => {
    const { dir } = await checkout();
    await writeFile(join(dir, '.git'), 'gitdir: /somewhere/.git/worktrees/repo\n');
    await mkdir(join(dir, 'sub/.GIT'), { recursive: true });
    await writeFile(join(dir, 'sub/.GIT/config'), '[core]\n\tfsmonitor = touch /tmp/x\n');
    await writeFile(join(dir, 'sub/kept.txt'), 'gitdir: kept\n');
    await symlink('.git', join(dir, 'dotgit'));
    await symlink('sub/.GIT', join(dir, 'subgit'));
    await symlink('package.json', join(dir, 'manifest'));
    const bad = [
      '.git',
      '.git/config',
      './.git',
      'sub/../.git/hooks/post-commit',
      '.GIT/config',
      'sub/.GIT/config',
      'a/.git',
      '.git./config',
      '.git /config',
      '.git::$INDEX_ALLOCATION/config',
      'GIT~1/config',
      '.g\u200cit/config',
      'dotgit',
      'subgit/config',
    ];
    for (const path of bad) await expect(confine(dir, path), path).rejects.toThrow(/is refused/);
    const state = { written: new Set<string>() };
    const context = { checkoutDir: dir, trustAllTools: false };
    for (const path of bad) {
      await expect(
        callTool('write_file', { path, content: 'gitdir: evil\n' }, context, state),
        path,
      ).rejects.toBeInstanceOf(ToolError);
    }
    // A link that stays inside is read through, but never written through.
    expect(await callTool('read_file', { path: 'manifest' }, context, state)).toContain('"version"');
    await expect(callTool('write_file', { path: 'manifest', content: '{}' }, context, state)).rejects.toThrow(
      /symbolic link/,
    );
    await expect(
      callTool('edit_file', { path: 'manifest', old_text: '1.0.0', new_text: '2.0.0' }, context, state),
    ).rejects.toThrow(/symbolic link/);
    expect(await readFile(join(dir, '.git'), 'utf8')).toBe('gitdir: /somewhere/.git/worktrees/repo\n');
    expect(await readFile(join(dir, 'package.json'), 'utf8')).toContain('"version": "1.0.0"');
    expect(state.written.size).toBe(0);

    // Listing and searching skip .git in any case and do not follow links (`up` leads outside).
    const listed = (await callTool('list_files', {}, context, state)).split('\n');
    expect(listed).toEqual(['package.json', 'sub/kept.txt']);
    expect(await callTool('search', { pattern: 'gitdir|fsmonitor|outside' }, context, state)).toBe(
      'sub/kept.txt:1: gitdir: kept',
    );
  });
});

describe('what the tools send back to the model', () => {
  it('never holds the value of a secret variable, from a file or a command', async () => {
    const { dir } = await checkout();
    const key = `sk-ant-test-${Math.random().toString(36).slice(2)}`;
    await writeFile(join(dir, '.env'), `ANTHROPIC_API_KEY=${key}\n`);
    const previous = process.env.ANTHROPIC_API_KEY;
    process.env.ANTHROPIC_API_KEY = key;
    try {
      const context = { checkoutDir: dir, trustAllTools: true };
      const state = { written: new Set<string>() };
      const read = await callTool('read_file', { path: '.env' }, context, state);
      const found = await callTool('search', { pattern: 'API_KEY' }, context, state);
      const ran = await callTool('run_command', { command: 'cat .env' }, context, state);
      for (const text of [read, found, ran]) {
        expect(text).not.toContain(key);
        expect(text).toContain('[redacted]');
      }
    } finally {
      if (previous === undefined) delete process.env.ANTHROPIC_API_KEY;
      else process.env.ANTHROPIC_API_KEY = previous;
    }
  });
});
