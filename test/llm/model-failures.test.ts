// What a person sees when the model fails, against the local Messages API (streamed and not):
// retry-after is honoured, one retry budget is shared by every call, and each failure ends as
// one line with the host, the HTTP status, the API's error type and message and the request id.
import { afterEach, describe, expect, it } from 'vitest';
import { ModelClient, type ModelSettings } from '../../src/llm/anthropic/client.js';
import { createAnthropicBrain } from '../../src/llm/anthropic/brain.js';
import { ModelConfigError, ModelRequestError, ModelUnavailableError } from '../../src/llm/errors.js';
import { createBrain } from '../../src/llm/index.js';
import { UsageError } from '../../src/errors.js';
import { closedPort, lastUserText, startFakeAnthropic, type FakeReply, type FakeServer } from './fake-anthropic.js';
import { failure } from '../helpers/failure.js';

const key = 'sk-ant-test-0123456789abcdef';
let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const intent = (kind: string): FakeReply => ({
  content: [{ type: 'tool_use', name: 'record_intent', input: { kind } }],
});
const text = (said: string): FakeReply => ({ content: [{ type: 'text', text: said }] });
const overloaded = (retryAfter: string): FakeReply => ({
  status: 529,
  error: { type: 'overloaded_error', message: 'Overloaded' },
  headers: { 'retry-after': retryAfter },
});

function settings(url: string, more: Partial<ModelSettings> = {}): ModelSettings {
  return { apiKey: key, model: 'claude-test', baseURL: url, ...more };
}

function host(url: string): string {
  return new URL(url).host;
}

describe('a model that is overloaded for a while', () => {
  it('is retried after the retry-after it asks for, then answers (not streamed)', async () => {
    server = await startFakeAnthropic((_, i) =>
      i === 0 ? { ...overloaded('1'), requestId: 'req_529_a' } : intent('create'),
    );
    const retries: string[] = [];
    const brain = createAnthropicBrain({ ...settings(server.url), onRetry: (line) => retries.push(line) });
    expect(await brain.interpret('choose', 'a new one')).toEqual({ kind: 'create' });
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]!.at - server.requests[0]!.at).toBeGreaterThanOrEqual(950);
    expect(retries).toEqual([
      `the model at ${host(server.url)} answered 529 overloaded_error "Overloaded" (request req_529_a); trying again in 1 s`,
    ]);
  });

  it('is retried after the retry-after it asks for, then answers (streamed)', async () => {
    server = await startFakeAnthropic((_, i) => (i === 0 ? overloaded('1') : text('NO CHANGE: nothing to do.')));
    const retries: string[] = [];
    const model = new ModelClient(settings(server.url, { onRetry: (line) => retries.push(line) }));
    expect(await model.streamText('system', [{ role: 'user', content: 'hello' }])).toBe('NO CHANGE: nothing to do.');
    expect(server.requests.map((r) => r.body.stream)).toEqual([true, true]);
    expect(server.requests[1]!.at - server.requests[0]!.at).toBeGreaterThanOrEqual(950);
    expect(retries).toEqual([
      expect.stringMatching(/answered 529 overloaded_error "Overloaded" \(request req_fake_1\); trying again in 1 s$/),
    ]);
  });

  it('shares one retry budget across every call: what one call waited, the next cannot', async () => {
    // 0.6 s of the 1 s budget go to the first call; the second call's 0.6 s wait no longer fits.
    server = await startFakeAnthropic((_, i) => (i === 0 || i === 2 ? overloaded('0.6') : text('fine')));
    const model = new ModelClient(settings(server.url, { retrySeconds: 1 }));
    expect(await model.streamText('s', [{ role: 'user', content: 'one' }])).toBe('fine');
    const error = await failure(model.streamText('s', [{ role: 'user', content: 'two' }]));
    expect(server.requests).toHaveLength(3);
    expect(error).toBeInstanceOf(ModelUnavailableError);
    expect(error.message).toBe(
      `the model at ${host(server.url)} answered 529 overloaded_error "Overloaded" (request req_fake_3); not retried: the retry budget of 1 s (ATX_MODEL_RETRY_SECONDS) has 0.4 s left, less than the 0.6 s to wait`,
    );
  });
});

describe('a model that keeps failing', () => {
  it('gives up once the budget is spent, naming host, status, type, message and request id (not streamed)', async () => {
    server = await startFakeAnthropic(() => ({
      status: 500,
      error: { type: 'api_error', message: 'Internal server error' },
      headers: {},
      requestId: 'req_500',
    }));
    const brain = createAnthropicBrain({ ...settings(server.url), retrySeconds: 1 });
    const started = Date.now();
    const error = await failure(brain.interpret('choose', 'a new one'));
    expect(error).toBeInstanceOf(ModelUnavailableError);
    expect(error.message).toMatch(
      new RegExp(
        `^the model at ${host(server.url)} answered 500 api_error "Internal server error" \\(request req_500\\); gave up after \\d retr(y|ies): the retry budget of 1 s \\(ATX_MODEL_RETRY_SECONDS\\)`,
      ),
    );
    expect(error.message).not.toContain('\n');
    expect((error as ModelUnavailableError).detail).toMatchObject({
      host: host(server.url),
      status: 500,
      type: 'api_error',
      requestId: 'req_500',
    });
    // Backoff of 0.5 s, then 1 s would pass the budget: a few requests, about a second.
    expect(server.requests.length).toBeGreaterThanOrEqual(2);
    expect(server.requests.length).toBeLessThanOrEqual(3);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('gives up the same way when the stream breaks off with an error event', async () => {
    server = await startFakeAnthropic(() => ({
      streamError: { type: 'overloaded_error', message: 'Overloaded' },
      requestId: 'req_stream',
    }));
    const brain = createAnthropicBrain({ ...settings(server.url), retrySeconds: 0 });
    const error = await failure(brain.draftDefinition({ description: 'x', documents: [] }));
    expect(error).toBeInstanceOf(ModelUnavailableError);
    expect(error.message).toBe(
      `the model at ${host(server.url)} broke off its answer: overloaded_error "Overloaded" (request req_stream); not retried: the retry budget of 0 s (ATX_MODEL_RETRY_SECONDS) is spent`,
    );
  });

  it('says a refused connection plainly: the host and the cause, no "Connection error."', async () => {
    const url = await closedPort();
    const error = await failure(
      createAnthropicBrain({ ...settings(url), retrySeconds: 0.6 }).interpret('choose', 'a new one'),
    );
    expect(error).toBeInstanceOf(ModelUnavailableError);
    expect(error.message).toMatch(new RegExp(`^the model at ${host(url)} refused the connection \\(ECONNREFUSED\\)`));
    expect(error.message).not.toMatch(/Connection error|\n/);
  });

  it('says a request that got no answer timed out', async () => {
    server = await startFakeAnthropic(() => ({ hang: true }));
    const error = await failure(
      new ModelClient(settings(server.url, { retrySeconds: 0, timeoutSeconds: 0.5 })).streamText('s', [
        { role: 'user', content: 'x' },
      ]),
    );
    expect(error).toBeInstanceOf(ModelUnavailableError);
    expect(error.message).toMatch(
      new RegExp(`^the model at ${host(server.url)} did not answer within 0.5 s \\(timed out\\)`),
    );
  });

  it('quotes no HTML or JSON body: a proxy page becomes its text', async () => {
    server = await startFakeAnthropic(() => ({
      status: 502,
      rawBody: '<html><body><h1>502 Bad Gateway</h1>\n<hr>nginx</body></html>',
      headers: {},
    }));
    const error = await failure(
      new ModelClient(settings(server.url, { retrySeconds: 0 })).streamText('s', [{ role: 'user', content: 'x' }]),
    );
    expect(error.message).toMatch(
      new RegExp(`^the model at ${host(server.url)} answered 502 "502 Bad Gateway nginx" \\(request req_fake_1\\)`),
    );
    expect(error.message).not.toMatch(/[<{]/);
  });
});

describe('a request the model will never accept', () => {
  it('an unknown model or a refused key is a configuration error (exit 2), not retried', async () => {
    server = await startFakeAnthropic((_, i) =>
      i === 0
        ? { status: 404, error: { type: 'not_found_error', message: 'model: claude-nope' }, requestId: 'req_404' }
        : { status: 401, error: { type: 'authentication_error', message: 'invalid x-api-key' }, requestId: 'req_401' },
    );
    const unknown = await failure(
      createAnthropicBrain({ ...settings(server.url), model: 'claude-nope' }).interpret('choose', 'new'),
    );
    expect(unknown).toBeInstanceOf(ModelConfigError);
    expect(unknown.message).toBe(
      `unknown model claude-nope: the model at ${host(server.url)} answered 404 not_found_error "model: claude-nope" (request req_404); set ATX_MODEL to a model this endpoint offers`,
    );
    const refused = await failure(
      new ModelClient(settings(server.url)).streamText('s', [{ role: 'user', content: 'x' }]),
    );
    expect(refused).toBeInstanceOf(ModelConfigError);
    expect(refused.message).toMatch(
      /^the API key was refused: the model at \S+ answered 401 authentication_error "invalid x-api-key" \(request req_401\); check ANTHROPIC_API_KEY$/,
    );
    expect(server.requests).toHaveLength(2);
  });

  it('a 400 fails at once with the API message', async () => {
    server = await startFakeAnthropic(() => ({
      status: 400,
      error: { type: 'invalid_request_error', message: 'prompt is too long: 250000 tokens > 200000 maximum' },
    }));
    const error = await failure(
      new ModelClient(settings(server.url)).streamText('s', [{ role: 'user', content: 'x' }]),
    );
    expect(error).toBeInstanceOf(ModelRequestError);
    expect(error.message).toBe(
      `the model at ${host(server.url)} answered 400 invalid_request_error "prompt is too long: 250000 tokens > 200000 maximum" (request req_fake_1)`,
    );
    expect(server.requests).toHaveLength(1);
  });

  it('a text answer where a tool call was required is asked again once, with a reminder, then is a clear error', async () => {
    server = await startFakeAnthropic((_, i) =>
      i === 1 ? intent('create') : text('I think the user wants to create something.'),
    );
    const brain = createAnthropicBrain(settings(server.url));
    expect(await brain.interpret('choose', 'a new one')).toEqual({ kind: 'create' });
    expect(lastUserText(server.requests[1]!)).toBe('Answer only by calling the record_intent tool, with no text.');
    expect(server.requests[1]!.body.messages[1]).toEqual({
      role: 'assistant',
      content: 'I think the user wants to create something.',
    });

    const error = await failure(brain.interpret('choose', 'something else'));
    expect(error).toBeInstanceOf(ModelRequestError);
    expect(error.message).toBe(
      `the model at ${host(server.url)} answered with text where a call to record_intent was required, twice (request req_fake_4): "I think the user wants to create something."`,
    );
    expect(server.requests).toHaveLength(4);
  });
});

describe('the retry budget from the environment', () => {
  it('ATX_MODEL_RETRY_SECONDS sets it; a value that is not seconds is refused', async () => {
    server = await startFakeAnthropic(() => ({
      status: 503,
      error: { type: 'api_error', message: 'Service unavailable' },
    }));
    const brain = await createBrain({
      ANTHROPIC_API_KEY: key,
      ANTHROPIC_BASE_URL: server.url,
      ATX_MODEL_RETRY_SECONDS: '0',
    });
    const error = await failure(brain.interpret('choose', 'new'));
    expect(error).toBeInstanceOf(ModelUnavailableError);
    expect(error.message).toMatch(
      /answered 503 api_error "Service unavailable" \(request req_fake_1\); not retried: the retry budget of 0 s/,
    );
    expect(server.requests).toHaveLength(1);
    for (const bad of ['soon', '-1', '2m']) {
      await expect(createBrain({ ANTHROPIC_API_KEY: key, ATX_MODEL_RETRY_SECONDS: bad }), bad).rejects.toThrow(
        UsageError,
      );
    }
    await expect(createBrain({ ANTHROPIC_API_KEY: key, ATX_MODEL_TIMEOUT_SECONDS: '0' })).rejects.toThrow(
      /ATX_MODEL_TIMEOUT_SECONDS must be a number of seconds above 0/,
    );
  });
});
