// runAgentStep against the local Messages API: the request it opens with (the plan around the
// step, in order), and the record of what the model did (tool calls with their verdicts, tokens
// of this step only, the final message).
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runAgentStep } from '../../src/llm/anthropic/agent.js';
import { ModelClient } from '../../src/llm/anthropic/client.js';
import type { Plan, PlanStep } from '../../src/planner/types.js';
import { tempDir } from '../helpers/cli.js';
import { lastUserText, startFakeAnthropic, type FakeReply, type FakeServer } from './fake-anthropic.js';

let server: FakeServer | undefined;
afterEach(async () => server?.close());

const text = 'Add `MIGRATION_NOTES.md` with a **bold** heading; rename `get_user` in src/users.js.';
const step: PlanStep = {
  id: '2.1',
  phase: 2,
  phaseTitle: 'Rename',
  title: 'Add MIGRATION_NOTES.md with a bold heading',
  text,
  kind: 'agent',
  options: {},
  targets: ['src/users.js'],
  expectedChange: 'carried out by the model',
  status: 'pending',
  retries: 0,
  dependsOn: [],
};

const plan: Plan = {
  schemaVersion: 1,
  runId: 'r1',
  createdAt: '2026-01-01T00:00:00Z',
  transformation: { name: 'Team/rename', version: '3', origin: 'local' },
  repository: '/repo',
  scope: '',
  baseCommit: 'abc',
  branch: 'atx/x',
  configuration: {
    validationCommands: [],
    additionalPlanContext: 'Callers are in `billing_api`.',
    targetVersion: 20,
    buildCommand: 'npm run build',
  },
  definition: {
    title: 'Rename exports',
    objective: 'Exports follow camelCase.',
    summary: 'Rename snake_case exports.',
    phases: [{ number: 2, title: 'Rename', description: 'One export at a time.' }],
  },
  analysis: {
    files: 2,
    languages: { javascript: 1, json: 1 },
    packageManager: 'pnpm',
    lockfile: 'pnpm-lock.yaml',
    templates: ['template.yaml'],
    tree: ['src/', '  users.js', 'package.json'],
  },
  steps: [step],
  exitCriteria: [{ id: 'exit-1', description: 'No snake_case export remains.' }],
  guardrails: ['Never modify files under legacy/.'],
  protectedPaths: [{ guardrail: 'Never modify files under legacy/.', paths: ['legacy/**'] }],
  feedback: ['also run npm run lint'],
  knowledge: { applied: [], excludePaths: [], context: ['Callbacks in src/users.js: the handler is exported twice.'] },
};

const progress = {
  steps: [
    { id: '1.1', title: 'Move to Node.js 20', status: 'completed' as const, filesChanged: ['.nvmrc', 'template.yaml'] },
  ],
  findings: [
    {
      file: 'src/users.js',
      line: 4,
      rule: 'nodejs/unawaited',
      message: 'a promise is not awaited',
      severity: 'manual' as const,
    },
  ],
};

async function checkout(): Promise<string> {
  const dir = await tempDir('atx-agent-');
  await mkdir(join(dir, 'src'));
  await writeFile(join(dir, 'src/users.js'), 'export const get_user = 1;\n');
  return dir;
}

describe('an agent step request', () => {
  it('holds the plan around the step in a fixed order, and the step text exactly, last', async () => {
    server = await startFakeAnthropic(() => ({ content: [{ type: 'text', text: 'Nothing to do.' }] }));
    const model = new ModelClient({ apiKey: 'sk-test-key-123456', model: 'm', baseURL: server.url });
    await runAgentStep(model, step, { checkoutDir: await checkout(), trustAllTools: false, plan, progress });

    expect(server.requests).toHaveLength(1);
    const sent = lastUserText(server.requests[0]!);
    const order = [
      '# Transformation: Rename exports (Team/rename v3)',
      'Exports follow camelCase.',
      'Rename snake_case exports.',
      '- Never modify files under legacy/.',
      '- legacy/** (Never modify files under legacy/.)',
      '- No snake_case export remains.',
      'Target version: 20',
      'Additional plan context: Callers are in `billing_api`.',
      'Package manager: pnpm (lockfile pnpm-lock.yaml)',
      'Languages: javascript 1, json 1',
      'Infrastructure templates: template.yaml',
      'Build command (run by atx after each phase): npm run build',
      'src/\n  users.js\npackage.json',
      '- Callbacks in src/users.js: the handler is exported twice.',
      '- also run npm run lint',
      '- 1.1 Move to Node.js 20 → completed; changed .nvmrc, template.yaml',
      '- src/users.js:4 nodejs/unawaited: a promise is not awaited',
      '# Your step: 2.1 (phase 2: Rename)',
      'About this phase: One export at a time.',
      text,
      'Files the step names: src/users.js',
    ];
    let at = -1;
    for (const part of order) {
      const found = sent.indexOf(part, at + 1);
      expect(found, part).toBeGreaterThan(at);
      at = found;
    }
  });

  it('of a plan written before the text was kept asks with the title', async () => {
    server = await startFakeAnthropic(() => ({ content: [{ type: 'text', text: 'Done.' }] }));
    const model = new ModelClient({ apiKey: 'sk-test-key-123456', model: 'm', baseURL: server.url });
    const { text: _text, ...old } = step;
    await runAgentStep(model, old, { checkoutDir: await checkout(), trustAllTools: false });
    expect(lastUserText(server.requests[0]!)).toMatch(
      /# Your step: 2\.1 \(phase 2: Rename\)\n\nAdd MIGRATION_NOTES\.md with a bold heading\n/,
    );
  });
});

describe('the record of an agent step', () => {
  it("lists each tool call with its verdict, the final message, and this step's tokens only", async () => {
    const script: FakeReply[] = [
      // The first step: one request.
      { content: [{ type: 'text', text: 'Nothing here.' }] },
      // The second: a read, an edit, a path outside, a command declined, a command that fails.
      {
        content: [
          { type: 'tool_use', name: 'read_file', input: { path: 'src/users.js' } },
          {
            type: 'tool_use',
            name: 'edit_file',
            input: { path: 'src/users.js', old_text: 'get_user', new_text: 'getUser' },
          },
          { type: 'tool_use', name: 'read_file', input: { path: '/etc/passwd' } },
          { type: 'tool_use', name: 'run_command', input: { command: 'npm test' } },
        ],
      },
      {
        content: [
          { type: 'tool_use', name: 'run_command', input: { command: 'exit 3' } },
          { type: 'tool_use', name: 'search', input: { pattern: '(' } },
        ],
      },
      { content: [{ type: 'text', text: 'Renamed get_user to getUser.' }] },
    ];
    server = await startFakeAnthropic((_, i) => script[i]!);
    const model = new ModelClient({ apiKey: 'sk-test-key-123456', model: 'm', baseURL: server.url });
    const dir = await checkout();
    const first = await runAgentStep(model, step, { checkoutDir: dir, trustAllTools: false });
    const answers = [false, true];
    const second = await runAgentStep(model, step, {
      checkoutDir: dir,
      trustAllTools: false,
      confirm: async () => answers.shift()!,
    });

    expect(first.agent).toMatchObject({ message: 'Nothing here.', toolCalls: [], filesWritten: [], requests: 1 });
    expect(second.agent!.toolCalls).toEqual([
      { tool: 'read_file', path: 'src/users.js', allowed: true, ok: true },
      { tool: 'edit_file', path: 'src/users.js', allowed: true, ok: true },
      { tool: 'read_file', path: '/etc/passwd', allowed: false, ok: false, error: expect.stringMatching(/is refused/) },
      { tool: 'run_command', command: 'npm test', allowed: false, ok: false, error: 'declined' },
      { tool: 'run_command', command: 'exit 3', allowed: true, ok: false, error: 'exit code 3' },
      { tool: 'search', pattern: '(', allowed: true, ok: false, error: 'invalid regular expression: (' },
    ]);
    expect(second.agent).toMatchObject({
      message: 'Renamed get_user to getUser.',
      filesWritten: ['src/users.js'],
      requests: 3,
    });
    // Tokens by difference: the two steps add up to what the client counted, none counted twice.
    const total = model.usage();
    expect(first.agent!.tokens.input + second.agent!.tokens.input).toBe(total.inputTokens);
    expect(first.agent!.tokens.output + second.agent!.tokens.output).toBe(total.outputTokens);
    expect(first.agent!.tokens.input).toBeGreaterThan(0);
    expect(second.agent!.durationMs).toBeGreaterThanOrEqual(0);
  });
});
