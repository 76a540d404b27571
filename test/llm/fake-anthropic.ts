// A local stand-in for the Anthropic Messages API on 127.0.0.1: plain and streamed (SSE)
// replies, tool use, and failures as the real API sends them (status, error type and message,
// request-id, retry-after; an error event in the middle of a stream; no answer at all).
// The real SDK is pointed at it through its base URL.
import { createServer as createNetServer } from 'node:net';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeBlock = { type: 'text'; text: string } | { type: 'tool_use'; name: string; input: unknown };

export interface FakeReply {
  content?: FakeBlock[];
  stopReason?: 'end_turn' | 'tool_use';
  /** An HTTP error instead of a message (e.g. 429 for a rate limit). */
  status?: number;
  /** The error's type and message in the body (by default as the API names the status). */
  error?: { type?: string; message?: string };
  /** A body that is not JSON (a proxy's page) instead of the API's error document. */
  rawBody?: string;
  /** Response headers; an error without them gets `retry-after-ms: 20`. */
  headers?: Record<string, string>;
  /** The `request-id` header (default `req_fake_<n>`). */
  requestId?: string;
  /** Streamed requests: the answer starts, then breaks off with this error event. */
  streamError?: { type: string; message: string };
  /** Never answer (the client's timeout fires). */
  hang?: boolean;
  /** Wait this long before answering (time the model "works"). */
  delayMs?: number;
}

const errorTypes: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  529: 'overloaded_error',
};

export interface FakeRequest {
  /** When it arrived (Date.now()). */
  at: number;
  headers: IncomingHttpHeaders;
  body: {
    model: string;
    stream?: boolean;
    system?: string;
    tools?: Array<{ name: string }>;
    tool_choice?: { type: string; name?: string };
    messages: Array<{ role: string; content: unknown }>;
  };
}

export interface FakeServer {
  url: string;
  requests: FakeRequest[];
  close(): Promise<void>;
}

export async function startFakeAnthropic(
  reply: (request: FakeRequest, index: number) => FakeReply,
): Promise<FakeServer> {
  const requests: FakeRequest[] = [];
  const ids = { tools: 0 };
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      if (req.method !== 'POST' || !req.url?.startsWith('/v1/messages')) {
        res.writeHead(404).end();
        return;
      }
      const request: FakeRequest = { at: Date.now(), headers: req.headers, body: JSON.parse(raw) };
      requests.push(request);
      const answer = reply(request, requests.length - 1);
      if (answer.hang) return;
      const number = requests.length;
      setTimeout(() => respond(res, request, answer, { raw, number, ids }), answer.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        // A request left hanging on purpose must not keep the server open.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function respond(
  res: ServerResponse,
  request: FakeRequest,
  answer: FakeReply,
  at: { raw: string; number: number; ids: { tools: number } },
): void {
  const requestId = answer.requestId ?? `req_fake_${at.number}`;
  if (answer.status) {
    const type = answer.error?.type ?? errorTypes[answer.status] ?? 'api_error';
    const headers = {
      'content-type': answer.rawBody ? 'text/html' : 'application/json',
      'request-id': requestId,
      ...(answer.headers ?? { 'retry-after-ms': '20' }),
    };
    res.writeHead(answer.status, headers);
    res.end(
      answer.rawBody ??
        JSON.stringify({ type: 'error', error: { type, message: answer.error?.message ?? 'try again' } }),
    );
    return;
  }
  const content = (answer.content ?? []).map((b) =>
    b.type === 'tool_use' ? { ...b, id: `toolu_${++at.ids.tools}` } : b,
  );
  const stopReason = answer.stopReason ?? (content.some((b) => b.type === 'tool_use') ? 'tool_use' : 'end_turn');
  const usage = {
    input_tokens: Math.ceil(at.raw.length / 4),
    output_tokens: Math.ceil(JSON.stringify(content).length / 4),
  };
  const message = {
    id: `msg_${at.number}`,
    type: 'message',
    role: 'assistant',
    model: request.body.model,
    stop_reason: stopReason,
    stop_sequence: null,
  };
  if (!request.body.stream) {
    res.writeHead(200, { 'content-type': 'application/json', 'request-id': requestId });
    res.end(JSON.stringify({ ...message, content, usage }));
    return;
  }
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', 'request-id': requestId });
  const send = (type: string, data: object) =>
    res.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`);
  send('message_start', {
    message: {
      ...message,
      content: [],
      stop_reason: null,
      usage: { input_tokens: usage.input_tokens, output_tokens: 1 },
    },
  });
  if (answer.streamError) {
    send('error', { error: answer.streamError });
    res.end();
    return;
  }
  content.forEach((block, index) => {
    if (block.type === 'text') {
      send('content_block_start', { index, content_block: { type: 'text', text: '' } });
      for (const piece of block.text.match(/[\s\S]{1,40}/g) ?? [])
        send('content_block_delta', { index, delta: { type: 'text_delta', text: piece } });
    } else {
      send('content_block_start', {
        index,
        content_block: { type: 'tool_use', id: (block as { id: string }).id, name: block.name, input: {} },
      });
      const json = JSON.stringify(block.input);
      for (const piece of json.match(/[\s\S]{1,25}/g) ?? [])
        send('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: piece } });
    }
    send('content_block_stop', { index });
  });
  send('message_delta', {
    delta: { stop_reason: stopReason, stop_sequence: null },
    usage: { output_tokens: usage.output_tokens },
  });
  send('message_stop', {});
  res.end();
}

/** The address of a port nothing listens on: connections to it are refused. */
export async function closedPort(): Promise<string> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

/** The text of the last user message (string content, or tool results joined). */
export function lastUserText(request: FakeRequest): string {
  const last = request.body.messages.at(-1)!;
  if (typeof last.content === 'string') return last.content;
  return (last.content as Array<{ type: string; text?: string; content?: string }>)
    .map((b) => b.text ?? b.content ?? '')
    .join('\n');
}
