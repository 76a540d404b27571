// Yes and no are read by atx itself, the same way by both brains; never sent to the model.
import { afterEach, describe, expect, it } from 'vitest';
import { createAnthropicBrain } from '../../src/llm/anthropic/brain.js';
import { createOfflineBrain } from '../../src/llm/index.js';
import { startFakeAnthropic, type FakeServer } from './fake-anthropic.js';

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const yes = [
  'yes',
  'y',
  'Y',
  'ok',
  'OK.',
  'okay',
  'sure',
  'Sure!',
  'go ahead',
  'yes please, go ahead',
  'yep',
  'yeah',
  'do it',
  'looks good',
  "that's fine",
  'sounds right',
  'alright, thanks',
];
const no = [
  'no',
  'n',
  'No.',
  'nope',
  'nah',
  "don't",
  'don’t',
  'do not',
  'stop',
  'cancel',
  "no, don't run it",
  'not now',
  'never mind',
  'no thanks',
];
const unclear = [
  '',
  'maybe',
  'what does it do?',
  'yes and no',
  'no, go ahead',
  'yes but first change the path',
  'not sure',
  'MyOrg/thing',
  'sure, what is it for?',
];

describe('yes/no answers', () => {
  it('are read by rules in the model brain: no request is made', async () => {
    server = await startFakeAnthropic(() => ({
      content: [{ type: 'tool_use', name: 'record_intent', input: { kind: 'yes' } }],
    }));
    const brain = createAnthropicBrain({
      apiKey: 'sk-ant-test-0123456789abcdef',
      model: 'claude-test',
      baseURL: server.url,
    });
    for (const said of yes) expect(await brain.interpret('yes-no', said), said).toEqual({ kind: 'yes' });
    for (const said of no) expect(await brain.interpret('yes-no', said), said).toEqual({ kind: 'no' });
    for (const said of unclear) expect(await brain.interpret('yes-no', said), said).toEqual({ kind: 'unknown' });
    expect(server.requests).toHaveLength(0);
    expect(brain.usage().requests).toBe(0);
  });

  it('read the same by the offline brain', async () => {
    const brain = createOfflineBrain();
    for (const said of yes) expect((await brain.interpret('yes-no', said)).kind, said).toBe('yes');
    for (const said of no) expect((await brain.interpret('yes-no', said)).kind, said).toBe('no');
    for (const said of unclear) expect((await brain.interpret('yes-no', said)).kind, said).toBe('unknown');
  });
});
