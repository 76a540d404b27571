// `atx -x "<instruction>"`: one instruction, the whole conversation without questions; and
// continuing a saved conversation.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createOfflineBrain } from '../../src/llm/index.js';
import { Conversation } from '../../src/session/driver.js';
import { readInstruction } from '../../src/session/headless.js';
import { openStore } from '../../src/session/store.js';
import { createServices } from '../../src/session/services.js';
import { createRunService } from '../../src/session/run.js';
import { openRegistry } from '../../src/registry/index.js';
import { atx, git, makeRepo, tempDir } from '../helpers/cli.js';
import { harness } from './harness.js';

describe('reading an instruction', () => {
  it('finds what to create, where to apply it, the build command and whether to publish', () => {
    expect(
      readInstruction('create an angular 16 to 19 migration and apply it to ./app with build command npm test'),
    ).toEqual({
      description: 'angular 16 to 19 migration',
      repo: './app',
      buildCommand: 'npm test',
      publish: false,
    });
    expect(readInstruction('Create and publish a transformation for python 3.9 to 3.12')).toMatchObject({
      description: 'python 3.9 to 3.12',
      publish: true,
      repo: undefined,
    });
    expect(readInstruction('upgrade node 18 to 22 on /tmp/svc')).toMatchObject({
      description: 'upgrade node 18 to 22',
      repo: '/tmp/svc',
    });
  });

  it('keeps a target named after the build command out of the command', () => {
    expect(
      readInstruction('apply AWS/nodejs-version-upgrade to ./svc with build command npm test (target Node.js 22)'),
    ).toEqual({
      transformationName: 'AWS/nodejs-version-upgrade',
      codeRepositoryPath: './svc',
      buildCommand: 'npm test',
      configuration: 'targetVersion=22',
    });
    expect(
      readInstruction('run AWS/nodejs-version-upgrade on ./svc using build command make check, targeting node 22.'),
    ).toMatchObject({
      buildCommand: 'make check',
      configuration: 'targetVersion=22',
    });
    expect(
      readInstruction('apply AWS/nodejs-version-upgrade to ./svc targeting Node.js 22 with build command npm test'),
    ).toMatchObject({
      buildCommand: 'npm test',
      configuration: 'targetVersion=22',
    });
    expect(readInstruction('apply AWS/nodejs-version-upgrade to ./svc with build command npm test')).toMatchObject({
      buildCommand: 'npm test',
      configuration: undefined,
    });
    expect(
      readInstruction(
        'create a lambda runtime upgrade and apply it to ./svc with build command npm test (target Node.js 22)',
      ),
    ).toEqual({
      description: 'lambda runtime upgrade (target Node.js 22)',
      repo: './svc',
      buildCommand: 'npm test',
      publish: false,
    });
  });
});

describe('atx -x with a description', () => {
  it('drafts, stores and applies a new definition without asking; commands need -t', async () => {
    const repo = await makeRepo({
      'package.json': '{\n  "name": "svc",\n  "engines": { "node": ">=18" }\n}\n',
      '.nvmrc': '18\n',
    });
    const home = await tempDir('atx-headless-');
    const env = { ATX_HOME: home, ATX_REGISTRY_URL: '', ANTHROPIC_API_KEY: '' };
    const run = await atx(['-x', `create a node.js 18 to 22 upgrade and apply it to ${repo}`, '--json'], { env });
    expect(run.stderr).toMatch(/Saved Node.js-18-to-22-Migration version 1 as a draft/);
    // Skipped steps make the run partial, which exits 0 like `custom def exec` does.
    expect(run.exitCode, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary.status).toBe('partial');
    expect(summary.transformation.name).toBe('Node.js-18-to-22-Migration');
    const byId = Object.fromEntries(summary.steps.map((s: { id: string }) => [s.id, s]));
    expect(byId['1.1']).toMatchObject({ status: 'completed' });
    expect(byId['1.2']).toMatchObject({ status: 'skipped', reason: 'needs-model' });
    expect(byId['3.1']).toMatchObject({
      status: 'skipped',
      reason: 'command not run: declined (pass -t (--trust-all-tools) to allow commands without asking)',
    });
    expect(await git(repo, ['show', `${summary.branch}:.nvmrc`])).toBe('22');

    const saved = await atx(['-x', 'create a react 17 to 19 migration'], { env });
    expect(saved.exitCode, saved.stderr).toBe(0);
    const list = JSON.parse((await atx(['custom', 'def', 'list', '--json'], { env })).stdout);
    expect(list.map((d: { name: string }) => d.name)).toContain('React-17-to-19-Migration');
    // The direct form still runs a named definition.
    const direct = await atx(['-x', `apply No/such-thing to ${repo}`], { env });
    expect(direct.exitCode).toBe(2);
    expect(direct.stderr).toMatch(/No\/such-thing/);
  });
});

describe('continuing a conversation', () => {
  it('asks its last question again and goes on where it stopped', async () => {
    const h = await harness(createOfflineBrain());
    await h.say('2');
    await h.say('vue 2 to 3 migration');
    await h.say('none, follow best practices');
    const id = h.conversation.state.id;

    const messages: string[] = [];
    const store = openStore(h.atxHome);
    const again = new Conversation(await store.load(id), {
      ctx: {
        brain: createOfflineBrain(),
        services: createServices(openRegistry({ atxHome: h.atxHome, env: h.env }), process.cwd()),
      },
      store,
      runs: createRunService(h.env, process.cwd()),
      trustAllTools: false,
      onMessage: (m) => messages.push(m.text),
    });
    await again.resume();
    expect(messages.join('\n')).toMatch(/Continuing conversation c-[\s\S]*What next\?/);
    await again.say('save it as a draft');
    await again.say('yes');
    expect(messages.join('\n')).toMatch(/Saved Vue-2-to-3-Migration version 1 as a draft/);
    const file = JSON.parse(await readFile(join(h.atxHome, 'conversations', `${id}.json`), 'utf8'));
    expect(file.selected).toEqual({ name: 'Vue-2-to-3-Migration', version: '1' });

    // Without a terminal a conversation waiting for an answer cannot go on.
    const cli = await atx(['--conversation-id', id], { env: { ATX_HOME: h.atxHome } });
    expect(cli.exitCode).toBe(2);
    expect(cli.stderr).toMatch(/waiting for an answer; continue it in a terminal/);
  });
});
