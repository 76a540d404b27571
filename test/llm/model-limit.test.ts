// `--limit`: the client counts the model's tokens and time, per kind of brain call, and starts
// no request once the limit is reached; an agent step stops after its current tool call.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runAgentStep } from '../../src/llm/anthropic/agent.js';
import { createAnthropicBrain } from '../../src/llm/anthropic/brain.js';
import { ModelClient } from '../../src/llm/anthropic/client.js';
import { ModelLimitError } from '../../src/llm/errors.js';
import type { PlanStep } from '../../src/planner/types.js';
import { tempDir } from '../helpers/cli.js';
import { startFakeAnthropic, type FakeServer } from './fake-anthropic.js';
import { failure } from '../helpers/failure.js';

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const settings = (url: string) => ({ apiKey: 'sk-ant-test-0123456789abcdef', model: 'claude-test', baseURL: url });

describe('the --limit in the client', () => {
  it('throws ModelLimitError before the first request past the token limit', async () => {
    server = await startFakeAnthropic(() => ({ content: [{ type: 'text', text: 'an answer of a few tokens' }] }));
    const model = new ModelClient({ ...settings(server.url), limit: { tokens: 30 } });
    await model.streamText('system', [{ role: 'user', content: 'first' }]);
    const used = model.usage().inputTokens + model.usage().outputTokens;
    expect(used).toBeGreaterThanOrEqual(30);
    const error = await failure(model.streamText('system', [{ role: 'user', content: 'second' }]));
    expect(error).toBeInstanceOf(ModelLimitError);
    expect(error).toMatchObject({ reached: `the --limit of 30 tokens is reached (${used} used)`, next: '60' });
    expect(server.requests).toHaveLength(1);
  });

  it('counts minutes of waiting for answers', async () => {
    server = await startFakeAnthropic(() => ({ content: [{ type: 'text', text: 'slow' }], delayMs: 200 }));
    const model = new ModelClient({ ...settings(server.url), limit: { minutes: 0.002 } });
    await model.streamText('s', [{ role: 'user', content: 'x' }]);
    expect(model.usage().durationMs).toBeGreaterThanOrEqual(150);
    const error = await failure(model.streamText('s', [{ role: 'user', content: 'y' }]));
    expect(error).toBeInstanceOf(ModelLimitError);
    expect(error.message).toMatch(/^the --limit of 0\.002 minutes of model work is reached \(0\.\d s used\)/);
    expect(server.requests).toHaveLength(1);
  });

  it('stops an agent step after its current tool call', async () => {
    const dir = join(await tempDir('atx-limit-'), 'repo');
    await mkdir(dir);
    await writeFile(join(dir, 'package.json'), '{\n  "version": "1.0.0"\n}\n');
    server = await startFakeAnthropic((_, i) =>
      i === 0
        ? {
            content: [
              {
                type: 'tool_use',
                name: 'edit_file',
                input: { path: 'package.json', old_text: '1.0.0', new_text: '2.0.0' },
              },
            ],
          }
        : { content: [{ type: 'tool_use', name: 'write_file', input: { path: 'more.txt', content: 'more' } }] },
    );
    const model = new ModelClient({ ...settings(server.url), limit: { tokens: 1 } });
    const step = {
      id: '1.1',
      phase: 1,
      phaseTitle: 'Upgrade',
      title: 'Raise the version',
      kind: 'agent',
      options: {},
      targets: [],
      expectedChange: '',
      status: 'pending',
      retries: 0,
      dependsOn: [],
    } as PlanStep;
    const error = await failure(runAgentStep(model, step, { checkoutDir: dir, trustAllTools: false }));
    expect(error).toBeInstanceOf(ModelLimitError);
    // The tool call the model had asked for was carried out; nothing was asked of it after that.
    expect(await readFile(join(dir, 'package.json'), 'utf8')).toContain('2.0.0');
    expect(server.requests).toHaveLength(1);
  });

  it('counts tokens per kind of brain call', async () => {
    server = await startFakeAnthropic((request) =>
      request.body.tool_choice
        ? { content: [{ type: 'tool_use', name: 'record_intent', input: { kind: 'create' } }] }
        : { content: [{ type: 'text', text: 'NO CHANGE: no.' }] },
    );
    const brain = createAnthropicBrain(settings(server.url));
    await brain.interpret('choose', 'new');
    await brain.interpret('next', 'apply');
    const { definitionFromModel } = await import('../../src/llm/anthropic/markdown.js');
    const definition = definitionFromModel(
      await readFile(new URL('../../fixtures/session/model-bump.md', import.meta.url), 'utf8'),
    );
    await brain.reviseDefinition(definition, 'nothing');
    const usage = brain.usage();
    expect(usage.requests).toBe(3);
    expect(Object.keys(usage.byKind!)).toEqual(['interpret', 'revise']);
    expect(usage.byKind!.interpret!.requests).toBe(2);
    expect(usage.byKind!.revise!.requests).toBe(1);
    expect(usage.byKind!.interpret!.inputTokens + usage.byKind!.revise!.inputTokens).toBe(usage.inputTokens);
  });
});
