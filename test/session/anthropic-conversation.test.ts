// A whole conversation with the Anthropic brain (real SDK, local Messages API): intents,
// streamed drafting, revision, publishing, plan review, and an agent step done with tools.
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAnthropicBrain } from '../../src/llm/anthropic/brain.js';
import { git, makeRepo } from '../helpers/cli.js';
import {
  lastUserText,
  startFakeAnthropic,
  type FakeReply,
  type FakeRequest,
  type FakeServer,
} from '../llm/fake-anthropic.js';
import { harness } from './harness.js';

const key = 'sk-ant-api03-secret-value-for-tests';
const draft = await readFile(new URL('../../fixtures/session/model-bump.md', import.meta.url), 'utf8');
const revised = draft.replace(
  '1. Run the tests.',
  '1. Check the code style.\n   ```atx\n   command: npm run lint\n   ```\n2. Run the tests.',
);
let server: FakeServer | undefined;
afterEach(async () => server?.close());

const intents: Array<[RegExp, object]> = [
  [/User: I'd like to build my own/, { kind: 'create' }],
  [/User: also check the code style/, { kind: 'modify', change: 'add a step that checks the code style' }],
  [/User: put it out there for the team/, { kind: 'publish' }],
  [/User: let's run it/, { kind: 'apply' }],
];

/** The scripted model: answers by what each request asks for. */
function model(request: FakeRequest): FakeReply {
  const text = lastUserText(request);
  const tool = request.body.tool_choice?.name;
  if (tool === 'record_intent')
    return {
      content: [
        { type: 'tool_use', name: tool, input: intents.find(([p]) => p.test(text))?.[1] ?? { kind: 'unknown' } },
      ],
    };
  if (tool === 'edit_plan')
    return {
      content: [{ type: 'tool_use', name: tool, input: { accepted: true, reply: 'Running the plan as it is.' } }],
    };
  if (request.body.system?.includes('You write transformation definitions'))
    return { content: [{ type: 'text', text: draft }] };
  if (request.body.system?.includes('You revise'))
    return { content: [{ type: 'text', text: `CHANGE: Added a code style check before the tests.\n\n${revised}` }] };
  if (request.body.tools?.some((t) => t.name === 'edit_file')) {
    // An agent step's first request ends with the step itself.
    if (text.includes('# Your step: 1.1')) {
      return {
        content: [
          { type: 'text', text: 'Raising the version.' },
          {
            type: 'tool_use',
            name: 'edit_file',
            input: { path: 'package.json', old_text: '"version": "1.4.0"', new_text: '"version": "2.0.0"' },
          },
        ],
      };
    }
    return { content: [{ type: 'text', text: 'The version is now 2.0.0.' }] };
  }
  throw new Error(`unexpected request: ${text.slice(0, 200)}`);
}

describe('conversation with the Anthropic brain', () => {
  it('creates, revises, publishes and applies a definition, the model doing the agent step; the key is never saved', async () => {
    server = await startFakeAnthropic((request) => model(request));
    const repo = await makeRepo({
      'package.json': `${JSON.stringify({ name: 'svc', version: '1.4.0', scripts: { test: 'node -e "process.exit(0)"', lint: 'node -e "process.exit(0)"' } }, null, 2)}\n`,
      'index.js': 'module.exports = 1;\n',
    });
    const streamed: string[] = [];
    const brain = createAnthropicBrain({
      apiKey: key,
      model: 'claude-test',
      baseURL: server.url,
      onText: (c) => streamed.push(c),
    });
    const h = await harness(brain, { trustAllTools: true, env: { ANTHROPIC_API_KEY: key } });

    expect(await h.say("I'd like to build my own")).toMatch(/Describe/);
    expect(await h.say('bump our service to 2.0.0')).toMatch(/documentation/);
    const drafted = await h.say(`oops, my key is ${key}; I don't have these details. Follow best practices.`);
    expect(drafted).toMatch(/# Service version bump/);
    expect(streamed.join('')).toContain('# Service version bump');
    expect(await h.say('also check the code style')).toMatch(/Added a code style check[\s\S]*command: npm run lint/);
    expect(await h.say('put it out there for the team')).toMatch(/"Service-Version-Bump"/);
    // A yes is read by atx itself: the model is not asked what "sounds right" means.
    const asked = server.requests.length;
    expect(await h.say('sounds right')).toMatch(/Published Service-Version-Bump version 1/);
    expect(server.requests).toHaveLength(asked);
    expect(await h.say("let's run it")).toMatch(/path of the repository/);
    await h.say(repo);
    const plan = await h.say('npm test');
    expect(plan).toMatch(/1\.1, agent\) Raise the `version`|\(1\.1, agent\)/);
    const summary = await h.say('ship it');
    await h.conversation.settled();

    expect(summary).toMatch(/✔ 1\.1 .*completed → commit/);
    expect(summary).toMatch(/✔ 2\.1 Check the code style.*completed/);
    expect(summary).toMatch(/Run \S+ succeeded/);
    expect(summary).toMatch(/✔ No 1\.x version remains.*passed/);
    expect(summary).toMatch(/Model usage: \d+ input and \d+ output tokens in \d+ request\(s\)\./);
    const branch = /Result branch: (\S+)/.exec(summary)![1]!;
    expect(JSON.parse(await git(repo, ['show', `${branch}:package.json`])).version).toBe('2.0.0');

    // Nothing atx wrote holds the key: the conversation, the plan, the run state, the summary.
    const written = [join(h.atxHome, 'conversations', `${h.conversation.state.id}.json`)];
    const runs = join(h.atxHome, 'runs');
    for (const run of await readdir(runs))
      for (const f of await readdir(join(runs, run))) if (f.endsWith('.json')) written.push(join(runs, run, f));
    expect(written.length).toBeGreaterThan(2);
    for (const file of written) expect(await readFile(file, 'utf8'), file).not.toContain(key);
    expect(await readFile(written[0]!, 'utf8')).toContain('oops, my key is [redacted]');
  });
});

describe('a model that breaks the format', () => {
  it('keeps the conversation going and the draft unchanged', async () => {
    let broken = true;
    server = await startFakeAnthropic((request) => {
      if (request.body.tool_choice?.name === 'record_intent')
        return {
          content: [
            {
              type: 'tool_use',
              name: 'record_intent',
              input: { kind: /User: 2/.test(lastUserText(request)) ? 'create' : 'unknown' },
            },
          ],
        };
      if (request.body.system?.includes('You revise'))
        return { content: [{ type: 'text', text: 'CHANGE: did it\n# Only a title' }] };
      return { content: [{ type: 'text', text: broken ? '# Only a title\n' : draft }] };
    });
    const h = await harness(createAnthropicBrain({ apiKey: key, model: 'm', baseURL: server.url }));
    await h.say('2');
    await h.say('bump the version');
    expect(await h.say('none, follow best practices')).toMatch(
      /did not follow the definition format[\s\S]*Answer again/,
    );
    expect(h.conversation.state.phase).toBe('docs');
    broken = false;
    expect(await h.say('none, follow best practices')).toMatch(/# Service version bump/);
    const before = h.conversation.state.draft;
    expect(await h.say('rename the phases')).toMatch(/did not follow the format[\s\S]*draft is unchanged/);
    expect(h.conversation.state.draft).toBe(before);
  });
});
