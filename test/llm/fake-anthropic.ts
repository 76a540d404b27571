// A local stand-in for the Anthropic Messages API on 127.0.0.1: plain and streamed (SSE)
// replies, tool use, rate limits. The real SDK is pointed at it through its base URL.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeBlock = { type: 'text'; text: string } | { type: 'tool_use'; name: string; input: unknown };

export interface FakeReply {
  content?: FakeBlock[];
  stopReason?: 'end_turn' | 'tool_use';
  /** An HTTP error instead of a message (e.g. 429 for a rate limit). */
  status?: number;
}

export interface FakeRequest {
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

export async function startFakeAnthropic(reply: (request: FakeRequest, index: number) => FakeReply): Promise<FakeServer> {
  const requests: FakeRequest[] = [];
  let toolIds = 0;
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      if (req.method !== 'POST' || !req.url?.startsWith('/v1/messages')) {
        res.writeHead(404).end();
        return;
      }
      const request: FakeRequest = { headers: req.headers, body: JSON.parse(raw) };
      requests.push(request);
      const answer = reply(request, requests.length - 1);
      if (answer.status) {
        res.writeHead(answer.status, { 'content-type': 'application/json', 'retry-after-ms': '20' });
        res.end(JSON.stringify({ type: 'error', error: { type: answer.status === 429 ? 'rate_limit_error' : 'api_error', message: 'try again' } }));
        return;
      }
      const content = (answer.content ?? []).map((b) => (b.type === 'tool_use' ? { ...b, id: `toolu_${++toolIds}` } : b));
      const stopReason = answer.stopReason ?? (content.some((b) => b.type === 'tool_use') ? 'tool_use' : 'end_turn');
      const usage = { input_tokens: Math.ceil(raw.length / 4), output_tokens: Math.ceil(JSON.stringify(content).length / 4) };
      const message = { id: `msg_${requests.length}`, type: 'message', role: 'assistant', model: request.body.model, stop_reason: stopReason, stop_sequence: null };
      if (!request.body.stream) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ...message, content, usage }));
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      const send = (type: string, data: object) => res.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`);
      send('message_start', { message: { ...message, content: [], stop_reason: null, usage: { input_tokens: usage.input_tokens, output_tokens: 1 } } });
      content.forEach((block, index) => {
        if (block.type === 'text') {
          send('content_block_start', { index, content_block: { type: 'text', text: '' } });
          for (const piece of block.text.match(/[\s\S]{1,40}/g) ?? []) send('content_block_delta', { index, delta: { type: 'text_delta', text: piece } });
        } else {
          send('content_block_start', { index, content_block: { type: 'tool_use', id: (block as { id: string }).id, name: block.name, input: {} } });
          const json = JSON.stringify(block.input);
          for (const piece of json.match(/[\s\S]{1,25}/g) ?? []) send('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: piece } });
        }
        send('content_block_stop', { index });
      });
      send('message_delta', { delta: { stop_reason: stopReason, stop_sequence: null }, usage: { output_tokens: usage.output_tokens } });
      send('message_stop', {});
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The text of the last user message (string content, or tool results joined). */
export function lastUserText(request: FakeRequest): string {
  const last = request.body.messages.at(-1)!;
  if (typeof last.content === 'string') return last.content;
  return (last.content as Array<{ type: string; text?: string; content?: string }>).map((b) => b.text ?? b.content ?? '').join('\n');
}
