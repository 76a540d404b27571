// A failed model request, read into one line a person can act on: the endpoint's host, the HTTP
// status, the API's error type and message, the request id; or, when nothing answered, the
// cause (refused, timed out, unknown host). Never the SDK's stack, never a raw JSON body.
import { APIConnectionTimeoutError, APIError, APIUserAbortError } from '@anthropic-ai/sdk';
import type { ModelFailureDetail } from '../errors.js';

export interface Failure extends ModelFailureDetail {
  /** unavailable: worth retrying (429, 5xx, no connection); config: exit 2; request: this request will never work. */
  kind: 'unavailable' | 'config' | 'request' | 'aborted';
  /** The whole line, starting `the model at HOST …`. */
  line: string;
  /** What the endpoint asked for (`retry-after-ms`, `retry-after`), in ms. */
  retryAfterMs?: number;
}

const retriedStatuses = new Set([408, 409, 429]);
const retriedStreamErrors = new Set(['overloaded_error', 'api_error', 'rate_limit_error', 'timeout_error']);

export function readFailure(
  error: unknown,
  where: { host: string; model: string; baseURL: string; timeoutMs: number },
): Failure | undefined {
  const { host } = where;
  if (error instanceof APIUserAbortError)
    return { kind: 'aborted', host, line: `the request to the model at ${host} was stopped` };
  if (error instanceof APIConnectionTimeoutError) {
    const reason = `did not answer within ${Number((where.timeoutMs / 1000).toFixed(1))} s (timed out)`;
    return { kind: 'unavailable', host, reason, line: `the model at ${host} ${reason}` };
  }
  const network = networkCause(error);
  if (network) return connectionFailure(host, network);
  if (!(error instanceof APIError)) return undefined;
  const type = error.type ?? undefined;
  const requestId = error.requestID ?? undefined;
  const message = apiMessage(error);
  const said = [type, message ? `"${message}"` : undefined].filter(Boolean).join(' ');
  const request = requestId ? ` (request ${requestId})` : '';
  if (error.status === undefined) {
    // An `error` event in the middle of a streamed answer (the HTTP status was 200).
    const reason = `broke off its answer: ${said || 'no reason given'}${request}`;
    const kind = type && retriedStreamErrors.has(type) ? 'unavailable' : 'request';
    return { kind, host, type, requestId, reason, line: `the model at ${host} ${reason}` };
  }
  const status = error.status;
  const reason = `answered ${status}${said ? ` ${said}` : ''}${request}`;
  const detail = { host, status, type, requestId, reason };
  const line = `the model at ${host} ${reason}`;
  if (status === 401)
    return { ...detail, kind: 'config', line: `the API key was refused: ${line}; check ANTHROPIC_API_KEY` };
  if (status === 403)
    return {
      ...detail,
      kind: 'config',
      line: `the API key may not be used for model ${where.model}: ${line}; check ANTHROPIC_API_KEY and ATX_MODEL`,
    };
  if (status === 404) {
    return /model/i.test(message ?? '')
      ? {
          ...detail,
          kind: 'config',
          line: `unknown model ${where.model}: ${line}; set ATX_MODEL to a model this endpoint offers`,
        }
      : {
          ...detail,
          kind: 'config',
          line: `${line}: there is no Messages API at ${endpoint(where.baseURL)}; check ANTHROPIC_BASE_URL`,
        };
  }
  const shouldRetry = error.headers?.get('x-should-retry');
  const retried = shouldRetry === 'true' || (shouldRetry !== 'false' && (retriedStatuses.has(status) || status >= 500));
  return { ...detail, kind: retried ? 'unavailable' : 'request', line, retryAfterMs: retryAfter(error.headers) };
}

/** Protocol, host and port of the endpoint: never a user:password@ it holds, nor a path or query that may hold a key. */
function endpoint(baseURL: string): string {
  try {
    const origin = new URL(baseURL).origin;
    if (origin !== 'null') return origin;
  } catch {
    // Not a URL: cut at the last @ below.
  }
  return baseURL.slice(baseURL.lastIndexOf('@') + 1);
}

/** The API's own message, on one short line; a body that is not an API error is not quoted. */
function apiMessage(error: APIError): string | undefined {
  let text = error.apiMessage ?? undefined;
  // A proxy's HTML or text page: the SDK keeps it as the message when it is not JSON.
  if (!text && error.error === undefined && error.status !== undefined) {
    text = error.message.replace(new RegExp(`^${error.status}\\s*`), '').replace(/<[^>]*>/g, ' ');
    if (/^status code \(no body\)$/.test(text.trim())) text = undefined;
  }
  if (!text) return undefined;
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 200 ? `${line.slice(0, 199)}…` : line || undefined;
}

/** `retry-after-ms` (Anthropic's), else `retry-after` in seconds or as an HTTP date. */
function retryAfter(headers: Headers | undefined): number | undefined {
  const ms = Number.parseFloat(headers?.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers?.get('retry-after');
  if (!value) return undefined;
  const seconds = Number.parseFloat(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

interface NetworkCause {
  code: string;
  message: string;
}

/** The system error under the SDK's "Connection error." (undici wraps it once or twice). */
function networkCause(error: unknown): NetworkCause | undefined {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length) {
    const current = queue.shift();
    if (!current || typeof current !== 'object' || seen.has(current)) continue;
    seen.add(current);
    const code = (current as { code?: unknown }).code;
    if (
      typeof code === 'string' &&
      /^(E[A-Z]+|UND_ERR_\w+|CERT_\w+|UNABLE_TO_\w+|DEPTH_ZERO_\w+|SELF_SIGNED_\w+|ERR_TLS_\w+|ERR_SSL_\w+)$/.test(code)
    ) {
      return { code, message: (current as Error).message ?? code };
    }
    queue.push((current as { cause?: unknown }).cause, ...((current as { errors?: unknown[] }).errors ?? []));
  }
  return undefined;
}

function connectionFailure(host: string, cause: NetworkCause): Failure {
  const { code } = cause;
  const said = (reason: string, kind: Failure['kind'] = 'unavailable'): Failure => ({
    kind,
    host,
    reason,
    line: `the model at ${host} ${reason}`,
  });
  if (code === 'ECONNREFUSED') return said('refused the connection (ECONNREFUSED): nothing is listening there');
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return said(`could not be found: the host name does not resolve (${code})`);
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET' || code === 'UND_ERR_CLOSED')
    return said(`closed the connection before answering (${code})`);
  if (
    code === 'ETIMEDOUT' ||
    code === 'UND_ERR_CONNECT_TIMEOUT' ||
    code === 'UND_ERR_HEADERS_TIMEOUT' ||
    code === 'UND_ERR_BODY_TIMEOUT'
  ) {
    return said(`did not answer in time (timed out, ${code})`);
  }
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'ENETDOWN')
    return said(`cannot be reached from this machine (${code})`);
  if (/^(CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|ERR_TLS_|ERR_SSL_)/.test(code)) {
    return {
      ...said(`has a TLS certificate this machine does not accept (${code})`, 'config'),
      line: `the model at ${host} has a TLS certificate this machine does not accept (${code}); check ANTHROPIC_BASE_URL or NODE_EXTRA_CA_CERTS`,
    };
  }
  return said(`could not be reached (${code}: ${cause.message.replace(/\s+/g, ' ').slice(0, 120)})`);
}
