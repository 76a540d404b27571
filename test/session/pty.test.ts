// The real binary in a pseudo-terminal (tmux): a person types the whole conversation —
// create, review, publish, apply — and the run lands on a new branch.
import { execFileSync } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { atxBin, git, makeRepo, tempDir } from '../helpers/cli.js';
import { startFakeAnthropic } from '../llm/fake-anthropic.js';

const hasTmux = (() => {
  try {
    execFileSync('tmux', ['-V']);
    return true;
  } catch {
    return false;
  }
})();

const socket = `atx-pty-${process.pid}`;
const tmux = (...args: string[]) => execa('tmux', ['-L', socket, ...args]);
afterAll(async () => {
  if (hasTmux) await tmux('kill-server').catch(() => undefined);
});
// Each test has its own session named atx.
afterEach(async () => {
  if (hasTmux) await tmux('kill-session', '-t', 'atx').catch(() => undefined);
});

async function screen(): Promise<string> {
  return (await tmux('capture-pane', '-p', '-J', '-S', '-5000', '-t', 'atx')).stdout;
}

async function waitFor(text: string | RegExp, ms = 60_000): Promise<string> {
  const until = Date.now() + ms;
  for (;;) {
    const shown = await screen();
    if (typeof text === 'string' ? shown.includes(text) : text.test(shown)) return shown;
    if (Date.now() > until) throw new Error(`timed out waiting for ${String(text)}; the screen:\n${shown.slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function type(text: string): Promise<void> {
  await tmux('send-keys', '-t', 'atx', '-l', text);
  await new Promise((r) => setTimeout(r, 100));
  await tmux('send-keys', '-t', 'atx', 'Enter');
}

describe.skipIf(!hasTmux)('atx in a terminal', () => {
  it('takes a person through create → review → publish → apply', async () => {
    const repo = await makeRepo({
      'package.json': `${JSON.stringify({ name: 'svc', version: '1.0.0', engines: { node: '>=18' }, scripts: { test: 'node -e "process.exit(0)"' } }, null, 2)}\n`,
      'index.js': 'exports.handler = async () => ({ statusCode: 200 });\n',
      '.nvmrc': '18\n',
    });
    const atxHome = await tempDir('atx-pty-home-');
    const conf = join(atxHome, 'tmux.conf');
    await writeFile(conf, 'set -g history-limit 50000\n');
    const env = `ATX_HOME=${atxHome} ATX_REGISTRY_URL= ANTHROPIC_API_KEY= NO_COLOR=1`;
    await tmux('-f', conf, 'new-session', '-d', '-s', 'atx', '-x', '160', '-y', '50', `env ${env} node ${atxBin} -t; echo "ATX-EXIT=$?"; sleep 60`);

    await waitFor('create a new one');
    await type('I want to create a new one');
    await waitFor('Describe the transformation');
    await type('node.js 18 to 22 upgrade of our lambda service');
    await waitFor('migration guides');
    await type("I don't have these details. Follow best practices.");
    await waitFor('What next?');
    await type('remove step 3.1');
    await waitFor('Removed step 3.1');
    await type('drop exit criterion 3');
    await waitFor('Removed exit criterion 3');
    await type('publish it');
    await waitFor('"Node.js-18-to-22-Migration"');
    await type('yes');
    await waitFor('Published Node.js-18-to-22-Migration version 1');
    await type('apply it');
    await waitFor('path of the repository');
    await type(repo);
    await waitFor('Which command builds');
    await type('node index.js');
    await waitFor('looks good, proceed');
    await type('the target is Node 22');
    await waitFor('Target version: 22');
    await type('looks good, proceed');
    const done = await waitFor('Anything else?', 120_000);
    expect(done).toMatch(/✔ 1\.1 .*completed → commit [0-9a-f]{12}/);
    expect(done).toMatch(/Run \S+ (succeeded|partial)\./);
    await type('quit');
    const end = await waitFor('ATX-EXIT=');
    expect(end).toContain('ATX-EXIT=0');

    const branch = /Result branch: (\S+)/.exec(done)![1]!;
    expect(await git(repo, ['show', `${branch}:.nvmrc`])).toBe('22');
    expect(await readFile(join(repo, '.nvmrc'), 'utf8')).toBe('18\n');
    const [saved] = await readdir(join(atxHome, 'conversations'));
    const conversation = JSON.parse(await readFile(join(atxHome, 'conversations', saved!), 'utf8'));
    expect(conversation.phase).toBe('done');
    expect(conversation.selected.name).toBe('Node.js-18-to-22-Migration');
  }, 240_000);

  it('Ctrl-C at plan review leaves the conversation; `atx --resume` plans again and finishes it', async () => {
    const repo = await makeRepo({ 'package.json': '{\n  "name": "svc",\n  "engines": { "node": ">=18" }\n}\n', '.nvmrc': '18\n' });
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
      await tmux('new-session', '-d', '-s', 'atx', '-x', '160', '-y', '50', `env ${env} node ${atxBin}; echo "ATX-EXIT=$?"; sleep 60`);
      await waitFor('atx session (model claude-pty)');
      await type('something of my own');
      await waitFor('Describe the transformation');
      await type('bump the service version');
      await waitFor('migration guides');
      await type('none');
      await waitFor('What next?');
      await type('quit');
      const end = await waitFor('ATX-EXIT=0');
      expect(end).toContain('# Service version bump');
      expect(end).toMatch(/Model usage: \d+ input and \d+ output tokens in 2 request\(s\)\./);
      expect(end).not.toContain('sk-ant-pty-test-key');
    } finally {
      await server.close();
    }
  }, 120_000);
});
