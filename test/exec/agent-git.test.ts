// Nothing the model writes, and nothing in the repository's own git config, gets git to run a
// command during `exec` without -t: the model's tools never reach `.git`, and atx's git calls
// run no hooks and no fsmonitor.
import { existsSync } from 'node:fs';
import { chmod, readFile, readdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeAnthropic, type FakeReply, type FakeRequest, type FakeServer } from '../llm/fake-anthropic.js';
import { atx, git, gitIdentity, makeRepo, tempDir, writeFiles } from '../helpers/cli.js';

let server: FakeServer | undefined;
afterEach(async () => server?.close());

const definition = `# Raise the version with the model

## Objective
An agent step, carried out by the model with file tools.

## Summary
One agent step that edits package.json.

## Implementation Steps

### Phase 1: Version
1. Raise the package version in package.json to 2.0.0.

## Validation / Exit Criteria
- No 1.x version remains in package.json.
  \`\`\`atx
  validator: no-match
  pattern: '"version": "1\\.'
  paths: ['package.json']
  \`\`\`
`;

const raiseVersion: FakeReply = {
  content: [
    {
      type: 'tool_use',
      name: 'edit_file',
      input: { path: 'package.json', old_text: '"version": "1.0.0"', new_text: '"version": "2.0.0"' },
    },
  ],
};
const done: FakeReply = { content: [{ type: 'text', text: 'Done: the version is 2.0.0.' }] };

/** Publishes the definition and returns the environment for `exec` with the fake model. */
async function setUp(script: FakeReply[]): Promise<{ env: Record<string, string> }> {
  server = await startFakeAnthropic((request, index) => {
    if (!request.body.tools?.some((t) => t.name === 'edit_file')) throw new Error('only agent requests expected');
    return script[index] ?? done;
  });
  const home = await tempDir('atx-home-');
  const sd = await tempDir('atx-def-');
  await writeFile(join(sd, 'transformation_definition.md'), definition);
  const published = await atx(['custom', 'def', 'publish', '-n', 'Test/agent-git', '--description', 'a', '--sd', sd], {
    env: { ATX_HOME: home },
  });
  expect(published.exitCode, published.stderr).toBe(0);
  return { env: { ATX_HOME: home, ANTHROPIC_API_KEY: 'sk-ant-test-key-123456', ANTHROPIC_BASE_URL: server.url } };
}

/** Each tool call the model made, with the result atx sent back. */
interface ToolCall {
  name: string;
  path: unknown;
  result: string;
  isError: boolean;
}

function toolCalls(requests: FakeRequest[]): ToolCall[] {
  const uses = new Map<string, { name: string; input: { path?: unknown } }>();
  const calls: Array<ToolCall & { id: string }> = [];
  for (const request of requests) {
    for (const message of request.body.messages) {
      if (!Array.isArray(message.content)) continue;
      for (const block of message.content as Array<Record<string, unknown>>) {
        if (block.type === 'tool_use') uses.set(block.id as string, block as never);
        if (block.type === 'tool_result' && !calls.some((c) => c.id === block.tool_use_id)) {
          const use = uses.get(block.tool_use_id as string)!;
          calls.push({
            id: block.tool_use_id as string,
            name: use.name,
            path: use.input.path,
            result: String(block.content),
            isError: block.is_error === true,
          });
        }
      }
    }
  }
  return calls.map(({ id: _id, ...call }) => call);
}

/** The commits the run added and the files each changed, read from the user's repository. */
async function history(repo: string, branch: string): Promise<string[]> {
  const log = await git(repo, ['log', '--format=%s', '--name-only', `main..${branch}`]);
  return log.split('\n').filter(Boolean);
}

describe('agent steps and git (exec without -t)', () => {
  it('refuses every tool call into .git and runs nothing the model planted for git', async () => {
    const outside = await tempDir('atx-outside-');
    const fsmonitorMarker = join(outside, 'fsmonitor-ran');
    const hookMarker = join(outside, 'hook-ran');
    const repo = await makeRepo({
      'package.json': '{\n  "name": "svc",\n  "version": "1.0.0"\n}\n',
      // A project that keeps its hooks in the tree (husky): an executable file the model can rewrite.
      '.husky/post-commit': '#!/bin/sh\nexit 0\n',
    });
    await chmod(join(repo, '.husky/post-commit'), 0o755);
    // A link committed in the repository that leads to the worktree's .git file.
    await symlink('.git', join(repo, 'dotgit'));
    await git(repo, ['add', '-A']);
    await git(repo, ['commit', '-q', '-m', 'hooks and a link']);
    const configBefore = await readFile(join(repo, '.git/config'), 'utf8');
    const hooksBefore = await readdir(join(repo, '.git/hooks'));

    const evilConfig = `[core]\n\trepositoryformatversion = 0\n\tbare = false\n\tfsmonitor = touch ${fsmonitorMarker}; false\n\thooksPath = .husky\n`;
    const intoGit: Array<[string, Record<string, unknown>]> = [
      ['write_file', { path: '.git', content: 'gitdir: /tmp/evil\n' }],
      ['write_file', { path: '.git/config', content: evilConfig }],
      ['write_file', { path: 'sub/../.git/hooks/post-commit', content: `#!/bin/sh\ntouch ${hookMarker}\n` }],
      ['write_file', { path: '.GIT/config', content: evilConfig }],
      ['write_file', { path: 'src/.git', content: 'gitdir: ../evil\n' }],
      ['write_file', { path: '.git./config', content: evilConfig }],
      ['edit_file', { path: '.git', old_text: 'gitdir: /tmp/evil', new_text: 'gitdir: /tmp/evil2' }],
      ['edit_file', { path: 'dotgit', old_text: 'gitdir: ', new_text: 'gitdir: /tmp/evil3 #' }],
      ['read_file', { path: 'dotgit' }],
      ['read_file', { path: '.git' }],
      ['list_files', { path: '.git' }],
      ['search', { pattern: 'gitdir', path: '.git' }],
      // Last, so that without the refusals the worktree would stay pointed at the planted repository.
      ['write_file', { path: 'dotgit', content: 'gitdir: evil\n' }],
      ['write_file', { path: './.git', content: 'gitdir: evil\n' }],
    ];
    const script: FakeReply[] = [
      // A repository of the model's own, inside the checkout, and a hook it can make run.
      {
        content: [
          { type: 'tool_use', name: 'write_file', input: { path: 'evil/HEAD', content: 'ref: refs/heads/main\n' } },
          { type: 'tool_use', name: 'write_file', input: { path: 'evil/config', content: evilConfig } },
          { type: 'tool_use', name: 'write_file', input: { path: 'evil/objects/info/packs', content: '' } },
          { type: 'tool_use', name: 'write_file', input: { path: 'evil/refs/tags/placeholder', content: '' } },
          {
            type: 'tool_use',
            name: 'write_file',
            input: { path: '.husky/post-commit', content: `#!/bin/sh\ntouch ${hookMarker}\n` },
          },
        ],
      },
      // Then every way it can think of to point git at it.
      { content: intoGit.map(([name, input]) => ({ type: 'tool_use' as const, name, input })) },
      {
        content: [
          { type: 'tool_use', name: 'search', input: { pattern: 'fsmonitor|gitdir' } },
          { type: 'tool_use', name: 'list_files', input: {} },
        ],
      },
      raiseVersion,
      done,
    ];
    const { env } = await setUp(script);

    const run = await atx(['custom', 'def', 'exec', '-p', repo, '-n', 'Test/agent-git', '-x', '--json'], { env });

    // Nothing the model planted ran, during the step, its commit, or the exit criteria.
    expect(existsSync(fsmonitorMarker), 'the fsmonitor command ran').toBe(false);
    expect(existsSync(hookMarker), 'the hook ran').toBe(false);
    expect(run.exitCode, run.stderr).toBe(0);

    // Every call into .git was refused, and the model was told why.
    const calls = toolCalls(server!.requests);
    const refused = calls.filter((c) => intoGit.some(([name, input]) => name === c.name && input.path === c.path));
    expect(refused).toHaveLength(intoGit.length);
    for (const call of refused) {
      expect(call.isError, `${call.name} ${String(call.path)}: ${call.result}`).toBe(true);
      expect(call.result).toMatch(/is refused: .*(\.git|\.\.|symbolic link)/);
    }
    // The planted repository is just files; search and list never show what is in .git.
    const [search, list] = calls.slice(-3, -1);
    expect(search!.result).toMatch(/^evil\/config:4: /);
    expect(search!.result).not.toContain('.git');
    expect(list!.result.split('\n')).not.toContain('.git');
    expect(list!.result.split('\n')).not.toContain('dotgit');

    // One commit, in the user's repository, with exactly what the model wrote outside .git.
    const summary = JSON.parse(run.stdout);
    expect(summary.steps[0]).toMatchObject({ status: 'completed' });
    expect(summary.exitCriteria[0].status).toBe('passed');
    expect(await history(repo, summary.branch)).toEqual([
      expect.stringMatching(/^atx: 1\.1 /),
      '.husky/post-commit',
      'evil/HEAD',
      'evil/config',
      'evil/objects/info/packs',
      'evil/refs/tags/placeholder',
      'package.json',
    ]);
    expect(await git(repo, ['show', `${summary.branch}:package.json`])).toContain('"version": "2.0.0"');
    expect(await git(repo, ['ls-tree', '-r', '--name-only', summary.branch])).not.toMatch(/(^|\/)\.git(\/|$)/im);
    // The user's repository: its config and hooks are as they were.
    expect(await readFile(join(repo, '.git/config'), 'utf8')).toBe(configBefore);
    expect(await readdir(join(repo, '.git/hooks'))).toEqual(hooksBefore);
  });

  it("runs none of the repository's own hooks or fsmonitor command", async () => {
    const outside = await tempDir('atx-outside-');
    const hooks = join(outside, 'hooks');
    const markers = join(outside, 'markers');
    const hookNames = [
      'post-checkout',
      'prepare-commit-msg',
      'post-commit',
      'reference-transaction',
      'post-index-change',
      'pre-auto-gc',
      'pre-commit',
      'commit-msg',
    ];
    await writeFiles(
      hooks,
      Object.fromEntries(hookNames.map((name) => [name, `#!/bin/sh\nmkdir -p ${markers}\ntouch ${markers}/${name}\n`])),
    );
    for (const name of hookNames) await chmod(join(hooks, name), 0o755);
    const repo = await makeRepo({ 'package.json': '{\n  "name": "svc",\n  "version": "1.0.0"\n}\n' });
    // The repository's own config (a hostile template, or written by something earlier): git would run these.
    await git(repo, ['config', 'core.hooksPath', hooks]);
    await git(repo, ['config', 'core.fsmonitor', `mkdir -p ${markers}; touch ${markers}/fsmonitor; false`]);
    // Hooks in the repository's own hooks folder too (used when core.hooksPath is not set).
    await writeFiles(join(repo, '.git/hooks'), {
      'post-commit': `#!/bin/sh\nmkdir -p ${markers}\ntouch ${markers}/own-post-commit\n`,
    });
    await chmod(join(repo, '.git/hooks/post-commit'), 0o755);
    const { env } = await setUp([raiseVersion, done]);

    const run = await atx(['custom', 'def', 'exec', '-p', repo, '-n', 'Test/agent-git', '-x', '--json'], { env });

    expect(existsSync(markers) ? await readdir(markers) : [], 'hooks or fsmonitor that ran').toEqual([]);
    expect(run.exitCode, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary.steps[0]).toMatchObject({ status: 'completed', filesChanged: ['package.json'] });
    expect(summary.exitCriteria[0].status).toBe('passed');
    // Read the result without the repository's settings (this test's own git would run them).
    const plain = { cwd: repo, env: gitIdentity };
    const log = await execa(
      'git',
      ['-c', 'core.hooksPath=/dev/null', '-c', 'core.fsmonitor=', 'log', '--format=%s', `main..${summary.branch}`],
      plain,
    );
    expect(log.stdout.split('\n')).toEqual([expect.stringMatching(/^atx: 1\.1 /)]);
  });
});
