// A session whose model goes away: said plainly once, then the conversation goes on with the
// offline rules, asking the model nothing more. `/usage` shows what the model used per call kind.
import { afterEach, describe, expect, it } from 'vitest';
import { createAnthropicBrain } from '../../src/llm/anthropic/brain.js';
import { closedPort, startFakeAnthropic, type FakeServer } from '../llm/fake-anthropic.js';
import { harness } from './harness.js';

const key = 'sk-ant-api03-secret-value-for-tests';
let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('a session whose model cannot be reached', () => {
  it('says so in one line with the host and the cause, and goes on with the offline rules', async () => {
    const url = await closedPort();
    const h = await harness(
      createAnthropicBrain({ apiKey: key, model: 'claude-test', baseURL: url, retrySeconds: 0.6 }),
    );
    const answer = await h.say('I want to create a new one');
    const host = new URL(url).host;
    const notice = h.messages.find((m) => m.style === 'warning')!;
    expect(notice.text).toMatch(
      new RegExp(
        `^the model at ${host} is unavailable \\(refused the connection \\(ECONNREFUSED\\)[^\\n]*\\); going on with the offline rules$`,
      ),
    );
    expect(answer).toMatch(/Describe the transformation/);
    // The rest of the session is the offline brain's: a draft from its rules, no second notice.
    await h.say('react 17 to 19 migration');
    expect(await h.say('none, follow best practices')).toMatch(/### Phase 1: React 17 to 18/);
    expect(h.messages.filter((m) => m.style === 'warning' && /unavailable/.test(m.text))).toHaveLength(1);
    expect(await h.say('/usage')).toMatch(/^No model requests so far \(offline rules/);
    expect(h.conversation.state.phase).toBe('review');
  });

  it('stops asking the model once it is overloaded past the budget; /usage shows what was used, per kind', async () => {
    server = await startFakeAnthropic((request, i) =>
      i === 0
        ? { content: [{ type: 'tool_use', name: 'record_intent', input: { kind: 'create' } }] }
        : {
            status: 529,
            error: { type: 'overloaded_error', message: 'Overloaded' },
            headers: {},
            requestId: `req_${i}`,
          },
    );
    const h = await harness(
      createAnthropicBrain({ apiKey: key, model: 'claude-test', baseURL: server.url, retrySeconds: 0.6 }),
    );
    expect(await h.say('something of my own')).toMatch(/Describe the transformation/);
    await h.say('vue 2 to 3 migration');
    const drafted = await h.say('none, follow best practices');
    expect(drafted).toMatch(
      new RegExp(
        `the model at ${new URL(server.url).host} is unavailable \\(answered 529 overloaded_error "Overloaded" \\(request req_\\d\\); gave up after 1 retry: .*\\); going on with the offline rules`,
      ),
    );
    expect(drafted).toMatch(/Here is the draft:[\s\S]*### Phase 1: Vue 2 to 3/);
    const asked = server.requests.length;
    expect(asked).toBe(3);
    await h.say('save it as a draft');
    await h.say('yes');
    expect(h.messages.map((m) => m.text).join('\n')).toMatch(/Saved Vue-2-to-3-Migration version 1 as a draft/);
    expect(server.requests).toHaveLength(asked);

    const usage = await h.say('/usage');
    expect(usage).toMatch(/^Model tokens used so far/);
    expect(usage).toMatch(/\n {2}interpret +\d+ in +\d+ out {2}1 request, \d+\.\d s\n/);
    expect(usage).toMatch(/\n {2}total +\d+ in +\d+ out {2}1 request/);
    expect(usage).not.toMatch(/draft|revise|plan|agent/);
    // Asking for usage changes nothing in the conversation.
    expect(h.conversation.state.phase).toBe('review');
  });
});
