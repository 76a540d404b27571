// The real binary in a pseudo-terminal (tmux): Ctrl-C and `--resume`, and the model brain.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { atxBin, git, makeRepo, tempDir } from '../helpers/cli.js';
import { startFakeAnthropic } from '../llm/fake-anthropic.js';
import { describePty, tmux, type, waitFor } from './tmux.js';

describePty('atx in a terminal, continued', () => {
  it('Ctrl-C at plan review leaves the conversation; `atx --resume` plans again and finishes it', async () => {
    const repo = await makeRepo({
      'package.json': '{\n  "name": "svc",\n  "engines": { "node": ">=18" }\n}\n',
      '.nvmrc': '18\n',
    });
    const atxHome = await tempDir('atx-pty-home-');
    const conf = join(atxHome, 'tmux.conf');
    await writeFile(conf, 'set -g history-limit 50000\n');
    const env = `ATX_HOME=${atxHome} ATX_REGISTRY_URL= ANTHROPIC_API_KEY= NO_COLOR=1`;
    const command = `env ${env} node ${atxBin}; echo "FIRST-EXIT=$?"; env ${env} node ${atxBin} --resume; echo "SECOND-EXIT=$?"; sleep 60`;
    await tmux('-f', conf, 'new-session', '-d', '-s', 'atx', '-x', '160', '-y', '50', command);

    await waitFor('create a new one');
    await type('the node upgrade');
    await waitFor('path of the repository');
    await type(repo);
    await waitFor('Which command builds');
    await type('none');
    await waitFor('looks good, proceed');
    await tmux('send-keys', '-t', 'atx', 'C-c');
    await waitFor('FIRST-EXIT=130');
    await waitFor(/Continuing conversation c-[\s\S]*Plan for AWS\/nodejs-version-upgrade[\s\S]*looks good, proceed/);
    await type('looks good, proceed');
    const done = await waitFor('Anything else?', 120_000);
    expect(done).toMatch(/✔ 2\.1 .*completed → commit [0-9a-f]{12}/);
    await type('quit');
    await waitFor('SECOND-EXIT=0');
    const branch = [...done.matchAll(/Result branch: (\S+)/g)].at(-1)![1]!;
    expect(await git(repo, ['show', `${branch}:.nvmrc`])).toBe('24');
  }, 240_000);

  it('talks to the model in the terminal: the brain is named, the draft comes from the model, usage is shown on leaving', async () => {
    const draft = await readFile(new URL('../../fixtures/session/model-bump.md', import.meta.url), 'utf8');
    const server = await startFakeAnthropic((request) =>
      request.body.tool_choice?.name === 'record_intent'
        ? { content: [{ type: 'tool_use', name: 'record_intent', input: { kind: 'create' } }] }
        : { content: [{ type: 'text', text: draft }] },
    );
    try {
      const atxHome = await tempDir('atx-pty-home-');
      const env = `ATX_HOME=${atxHome} ATX_REGISTRY_URL= ANTHROPIC_API_KEY=sk-ant-pty-test-key ANTHROPIC_BASE_URL=${server.url} ATX_MODEL=claude-pty NO_COLOR=1`;
      await tmux(
        'new-session',
        '-d',
        '-s',
        'atx',
        '-x',
        '160',
        '-y',
        '50',
        `env ${env} node ${atxBin}; echo "ATX-EXIT=$?"; sleep 60`,
      );
      await waitFor('atx session: model claude-pty');
      await type('something of my own');
      await waitFor('Describe the transformation');
      await type('bump the service version');
      await waitFor('migration guides');
      await type('none');
      await waitFor('What next?');
      await type('/usage');
      const usage = await waitFor('Model tokens used so far');
      expect(usage).toMatch(/interpret +\d+ in +\d+ out {2}1 request/);
      expect(usage).toMatch(/draft +\d+ in +\d+ out {2}1 request/);
      await type('quit');
      const end = await waitFor('ATX-EXIT=0');
      expect(end).toContain('# Service version bump');
      expect(end).toMatch(/Model usage: \d+ input and \d+ output tokens in 2 request\(s\)\./);
      expect(end).not.toContain('sk-ant-pty-test-key');
    } finally {
      await server.close();
    }
  }, 120_000);

  it('an unknown model ends the session with its one line and exit code 2', async () => {
    const server = await startFakeAnthropic(() => ({
      status: 404,
      error: { type: 'not_found_error', message: 'model: claude-nope' },
      requestId: 'req_pty',
    }));
    try {
      const atxHome = await tempDir('atx-pty-home-');
      const env = `ATX_HOME=${atxHome} ATX_REGISTRY_URL= ANTHROPIC_API_KEY=sk-ant-pty-test-key ANTHROPIC_BASE_URL=${server.url} ATX_MODEL=claude-nope NO_COLOR=1`;
      await tmux(
        'new-session',
        '-d',
        '-s',
        'atx',
        '-x',
        '200',
        '-y',
        '50',
        `env ${env} node ${atxBin}; echo "ATX-EXIT=$?"; sleep 60`,
      );
      await waitFor('atx session: model claude-nope');
      await type('something of my own');
      const end = await waitFor('ATX-EXIT=');
      expect(end).toContain('ATX-EXIT=2');
      expect(end).toMatch(
        /unknown model claude-nope: the model at \S+ answered 404 not_found_error "model: claude-nope" \(request req_pty\); set ATX_MODEL to a model this endpoint offers\. Fix it and start atx again\./,
      );
      expect(end).not.toMatch(/^\s+at /m);
    } finally {
      await server.close();
    }
  }, 120_000);
});
