// When the model asks to run a command, the person's answer is read by atx: the words never
// reach the model, and an answer that is neither yes nor no is asked again.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAnthropicBrain } from '../../src/llm/anthropic/brain.js';
import { openRegistry } from '../../src/registry/index.js';
import { git, makeRepo, projectRoot } from '../helpers/cli.js';
import { startFakeAnthropic, type FakeReply, type FakeRequest, type FakeServer } from '../llm/fake-anthropic.js';
import { harness } from './harness.js';

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Picks the definition, accepts the plan, and in the agent step asks to run a command first. */
function model(request: FakeRequest): FakeReply {
  const tool = request.body.tool_choice?.name;
  if (tool === 'record_intent')
    return { content: [{ type: 'tool_use', name: tool, input: { kind: 'use-existing', name: 'Test/agent' } }] };
  if (tool === 'edit_plan')
    return { content: [{ type: 'tool_use', name: tool, input: { accepted: true, reply: 'Running it.' } }] };
  const turn = request.body.messages.length;
  if (turn === 1)
    return { content: [{ type: 'tool_use', name: 'run_command', input: { command: 'echo hi > ran.txt' } }] };
  if (turn === 3)
    return {
      content: [
        {
          type: 'tool_use',
          name: 'edit_file',
          input: { path: 'package.json', old_text: '"version": "1.0.0"', new_text: '"version": "2.0.0"' },
        },
      ],
    };
  return { content: [{ type: 'text', text: 'The version is 2.0.0.' }] };
}

describe("the person's yes or no to a model's command", () => {
  it('is read by atx, asked again when unclear, and never sent to the model', async () => {
    server = await startFakeAnthropic(model);
    const repo = await makeRepo({ 'package.json': '{\n  "name": "svc",\n  "version": "1.0.0"\n}\n' });
    const brain = createAnthropicBrain({
      apiKey: 'sk-ant-test-0123456789abcdef',
      model: 'claude-test',
      baseURL: server.url,
    });
    const h = await harness(brain, { env: { ANTHROPIC_API_KEY: '' } });
    await openRegistry({ atxHome: h.atxHome, env: h.env }).publish(
      'Test/agent',
      'an agent step',
      join(projectRoot, 'fixtures/exec/agent-step'),
    );

    expect(await h.say('the agent one')).toMatch(/Using Test\/agent/);
    await h.say(repo);
    expect(await h.say('none')).toMatch(/Review the plan/);
    expect(await h.say('looks good, proceed')).toMatch(/wants to run `echo hi > ran\.txt`[\s\S]*\(yes\/no\)$/);
    const before = server.requests.length;
    expect(await h.say('hmm, what does it do?')).toBe('Please answer yes or no.');
    expect(server.requests).toHaveLength(before);
    // The exit criterion's command is asked about too; each answer is read the same way.
    const said = [await h.say('yep, go ahead')];
    while (/\(yes\/no\)$/.test(said.at(-1)!.trim()) && said.length < 4) said.push(await h.say('sure'));
    await h.conversation.settled();
    const summary = said.at(-1)!;
    expect(summary).toMatch(/Run \S+ succeeded/);

    const branch = /Result branch: (\S+)/.exec(summary)![1]!;
    expect(await git(repo, ['show', `${branch}:ran.txt`])).toBe('hi');
    const sent = server.requests.map((r) => JSON.stringify(r.body.messages)).join('\n');
    for (const words of ['what does it do', 'yep, go ahead', 'User: sure', '"sure"']) expect(sent).not.toContain(words);
    expect(server.requests.filter((r) => r.body.tool_choice?.name === 'record_intent')).toHaveLength(1);
  });
});
