// The request that opens an agent step passes the redactor, as tool results do: a secret value
// typed into the plan (plan context, build command) reaches the model only as [redacted].
import { afterEach, describe, expect, it } from 'vitest';
import { runAgentStep } from '../../src/llm/anthropic/agent.js';
import { ModelClient } from '../../src/llm/anthropic/client.js';
import type { Plan, PlanStep } from '../../src/planner/types.js';
import { redactedMark } from '../../src/util/secrets.js';
import { tempDir } from '../helpers/cli.js';
import { startFakeAnthropic, type FakeServer } from './fake-anthropic.js';

let server: FakeServer | undefined;
const saved = process.env.MY_SERVICE_TOKEN;
afterEach(async () => {
  await server?.close();
  if (saved === undefined) delete process.env.MY_SERVICE_TOKEN;
  else process.env.MY_SERVICE_TOKEN = saved;
});

const secret = 'svc-9f8e7d6c5b4a3210';
const step: PlanStep = {
  id: '1.1',
  phase: 1,
  phaseTitle: 'Build',
  title: 'Fix the build',
  kind: 'agent',
  options: {},
  targets: [],
  expectedChange: 'carried out by the model',
  status: 'pending',
  retries: 0,
  dependsOn: [],
};
const plan: Plan = {
  schemaVersion: 1,
  runId: 'r1',
  createdAt: '2026-01-01T00:00:00Z',
  transformation: { name: 'Team/build', version: '1', origin: 'local' },
  repository: '/repo',
  scope: '',
  baseCommit: 'abc',
  branch: 'atx/x',
  configuration: {
    validationCommands: [],
    additionalPlanContext: `The registry token is ${secret}.`,
    buildCommand: `SERVICE_TOKEN=${secret} npm run build`,
  },
  analysis: { files: 1, languages: {}, templates: [] },
  steps: [step],
  exitCriteria: [],
  guardrails: [],
  feedback: [],
};

describe('the request of an agent step', () => {
  it('reaches the model with a secret value from the plan redacted', async () => {
    process.env.MY_SERVICE_TOKEN = secret;
    server = await startFakeAnthropic(() => ({ content: [{ type: 'text', text: 'Nothing to do.' }] }));
    const model = new ModelClient({ apiKey: 'sk-test-key-123456', model: 'm', baseURL: server.url });
    await runAgentStep(model, step, { checkoutDir: await tempDir('atx-redact-'), trustAllTools: false, plan });

    const sent = JSON.stringify(server.requests[0]!.body.messages[0]);
    expect(sent).not.toContain(secret);
    expect(sent).toContain(`The registry token is ${redactedMark}.`);
    expect(sent).toContain(`SERVICE_TOKEN=${redactedMark} npm run build`);
  });
});
