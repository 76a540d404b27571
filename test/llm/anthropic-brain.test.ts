// The Anthropic brain against a local Messages API: the real SDK, streaming, tool calls, retries.
import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { createAnthropicBrain } from '../../src/llm/anthropic/brain.js';
import { createBrain } from '../../src/llm/index.js';
import { renderDefinition } from '../../src/definitions/index.js';
import type { Plan } from '../../src/planner/types.js';
import { lastUserText, startFakeAnthropic, type FakeServer } from './fake-anthropic.js';

const key = 'sk-ant-test-0123456789abcdef';
const draftText = await readFile(new URL('../../fixtures/session/model-draft.md', import.meta.url), 'utf8');
let server: FakeServer | undefined;
afterEach(async () => server?.close());

function brainAt(url: string, onText?: (chunk: string) => void) {
  return createAnthropicBrain({ apiKey: key, model: 'claude-test-model', baseURL: url, onText });
}

describe('Anthropic brain', () => {
  it('is chosen when ANTHROPIC_API_KEY is set, with ATX_MODEL and ANTHROPIC_BASE_URL', async () => {
    server = await startFakeAnthropic(() => ({
      content: [{ type: 'tool_use', name: 'record_intent', input: { kind: 'create' } }],
    }));
    const brain = await createBrain({
      ANTHROPIC_API_KEY: key,
      ATX_MODEL: 'claude-custom',
      ANTHROPIC_BASE_URL: server.url,
    });
    expect(brain.kind).toBe('anthropic');
    expect(await brain.interpret('choose', 'I would like something of my own')).toEqual({ kind: 'create' });
    const request = server.requests[0]!;
    expect(request.body.model).toBe('claude-custom');
    // This SDK release sends the key as a bearer token.
    expect(request.headers['x-api-key'] ?? request.headers.authorization).toMatch(new RegExp(`^(Bearer )?${key}$`));
    expect(request.body.tool_choice).toEqual({ type: 'tool', name: 'record_intent' });
    expect((await createBrain({})).kind).toBe('offline');
  });

  it('keeps intents inside what the question allows and names only registry entries', async () => {
    const answers = [
      { kind: 'use-existing', name: 'AWS/nodejs-version-upgrade' },
      { kind: 'use-existing', name: 'Made/Up' },
      { kind: 'publish' },
    ];
    server = await startFakeAnthropic((_, i) => ({
      content: [{ type: 'tool_use', name: 'record_intent', input: answers[i] }],
    }));
    const brain = brainAt(server.url);
    const entries = [{ name: 'AWS/nodejs-version-upgrade', description: 'Node.js upgrade' }];
    expect(await brain.interpret('choose', 'the node one', { entries })).toEqual({
      kind: 'use-existing',
      name: 'AWS/nodejs-version-upgrade',
    });
    expect(await brain.interpret('choose', 'the made up one', { entries })).toEqual({ kind: 'use-existing' });
    expect(await brain.interpret('yes-no', 'publish')).toEqual({ kind: 'unknown' });
    expect(server.requests[0]!.body.messages[0]!.content).toMatch(/AWS\/nodejs-version-upgrade: Node\.js upgrade/);
  });

  it('streams a draft, strips the preamble, and repairs a draft that does not parse', async () => {
    server = await startFakeAnthropic((_, i) => ({
      content: [{ type: 'text', text: i === 0 ? '# Broken\n\nno sections here\n' : draftText }],
    }));
    const chunks: string[] = [];
    const brain = brainAt(server.url, (c) => chunks.push(c));
    const definition = await brain.draftDefinition({
      description: 'angular 16 to 19',
      documents: [{ name: 'notes.md', text: 'Use the CLI.' }],
    });
    expect(definition.phases.map((p) => p.title)).toEqual([
      'Angular 16 to 17',
      'Angular 17 to 18',
      'Angular 18 to 19',
      'Validation',
    ]);
    expect(server.requests).toHaveLength(2);
    expect(server.requests[0]!.body.stream).toBe(true);
    expect(lastUserText(server.requests[0]!)).toMatch(/<document name="notes.md">\nUse the CLI\./);
    expect(lastUserText(server.requests[1]!)).toMatch(/does not follow the format/);
    expect(chunks.length).toBeGreaterThan(10);
    expect(chunks.join('')).toContain('# Angular 16 to 19 migration');
    expect(brain.usage().requests).toBe(2);
    expect(brain.usage().outputTokens).toBeGreaterThan(0);
  });

  it('retries a rate limit with backoff and revises a definition', async () => {
    const revised = draftText.replace(
      '1. Review the templates',
      '1. Run the linter.\n   ```atx\n   command: npx ng lint\n   ```\n2. Review the templates',
    );
    server = await startFakeAnthropic((_, i) =>
      i === 0
        ? { status: 429 }
        : { content: [{ type: 'text', text: `CHANGE: Added a linter step to the validation phase.\n${revised}` }] },
    );
    const brain = brainAt(server.url);
    const { definitionFromModel } = await import('../../src/llm/anthropic/markdown.js');
    const before = definitionFromModel(draftText);
    const revision = await brain.reviseDefinition(before, 'add a step to run the linter');
    expect(server.requests).toHaveLength(2);
    expect(revision.changed).toBe(true);
    expect(revision.reply).toBe('Added a linter step to the validation phase.');
    expect(revision.definition.phases[3]!.steps[0]!.action).toEqual({ command: 'npx ng lint' });
    expect(lastUserText(server.requests[1]!)).toContain(renderDefinition(before));
  });

  it('says so when the model refuses a change', async () => {
    server = await startFakeAnthropic(() => ({ content: [{ type: 'text', text: 'NO CHANGE: there is no phase 9.' }] }));
    const brain = brainAt(server.url);
    const { definitionFromModel } = await import('../../src/llm/anthropic/markdown.js');
    const revision = await brain.reviseDefinition(definitionFromModel(draftText), 'drop phase 9');
    expect(revision).toMatchObject({ changed: false, reply: 'there is no phase 9.' });
  });

  it('turns plan feedback into edits applied by rules', async () => {
    const answers = [
      {
        accepted: false,
        skipSteps: ['1.2'],
        addCommands: ['npm run lint'],
        reply: 'Skipping 1.2 and adding the linter.',
      },
      { accepted: false, skipSteps: ['9.9'], reply: 'Skipping 9.9.' },
      { accepted: true, reply: 'Proceeding.' },
    ];
    server = await startFakeAnthropic((_, i) => ({
      content: [{ type: 'tool_use', name: 'edit_plan', input: answers[i] }],
    }));
    const brain = brainAt(server.url);
    const plan = samplePlan();
    const changed = await brain.refinePlan(plan, "don't touch the dependencies, and lint at the end");
    expect(changed.kind).toBe('changed');
    expect(changed.plan.steps.map((s) => [s.id, s.status])).toEqual([
      ['1.1', 'pending'],
      ['1.2', 'skipped-by-user'],
      ['extra.1', 'pending'],
    ]);
    expect(changed.plan.steps[2]!.action).toEqual({ command: 'npm run lint' });
    expect((await brain.refinePlan(plan, 'skip the ninth')).kind).toBe('not-understood');
    expect((await brain.refinePlan(changed.plan, 'great, go')).kind).toBe('accepted');
  });
});

function samplePlan(): Plan {
  const step = {
    phase: 1,
    phaseTitle: 'Upgrade',
    options: {},
    targets: [],
    expectedChange: '',
    status: 'pending' as const,
    retries: 0,
    dependsOn: [],
  };
  return {
    schemaVersion: 1,
    runId: 'r',
    createdAt: '',
    transformation: { name: 'X', version: '1', origin: 'local' },
    repository: '/r',
    scope: '',
    baseCommit: 'abc',
    branch: 'b',
    configuration: { validationCommands: [] },
    analysis: { files: 1, languages: {}, templates: [] },
    steps: [
      { ...step, id: '1.1', title: 'Bump', kind: 'codemod' as const },
      { ...step, id: '1.2', title: 'Deps', kind: 'agent' as const },
    ],
    exitCriteria: [],
    guardrails: [],
    feedback: [],
  };
}
