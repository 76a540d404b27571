// Child side: no handler reaches a network. Every outbound attempt is refused the way a closed
// port refuses it (an ECONNREFUSED error, asynchronously, on the object the handler holds) and
// recorded as one line: `GET http://host/path`, `fetch POST https://…`, `tcp host:port`,
// `tls host:port`, `dns host`. A socket opened by http/https.request is recorded once, as the
// request. (UDP via dgram is not covered.)
import { createRequire } from 'node:module';
import type * as http from 'node:http';
import type * as net from 'node:net';

// Through require, not import: an ES import of node:http reads every export of the module,
// which loads undici (20 ms of each invocation's process) for http's WebSocket getters.
const require = createRequire(import.meta.url);
const dns = require('node:dns') as typeof import('node:dns');
const httpModule = require('node:http') as typeof http;
const https = require('node:https') as typeof import('node:https');
const netModule = require('node:net') as typeof net;

type Args = unknown[];

export function refusedError(target: string, syscall = 'connect'): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(`${syscall} ECONNREFUSED ${target}`);
  error.code = 'ECONNREFUSED';
  error.errno = -111;
  error.syscall = syscall;
  return error;
}

/** host:port (or the socket path) of net.Socket#connect's many argument forms. */
function socketTarget(args: Args): string {
  const list = Array.isArray(args[0]) ? (args[0] as Args) : args;
  const first = list[0];
  if (first && typeof first === 'object') {
    const o = first as { host?: string; hostname?: string; port?: number | string; path?: string };
    if (o.path) return String(o.path);
    return `${o.host ?? o.hostname ?? 'localhost'}:${o.port ?? ''}`;
  }
  if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first)))
    return `${typeof list[1] === 'string' ? list[1] : 'localhost'}:${first}`;
  return String(first);
}

/** METHOD url of http.request's argument forms: (url[, options][, cb]) or (options[, cb]). */
function requestTarget(scheme: string, args: Args): string {
  let url: URL | undefined;
  let options: Record<string, unknown> = {};
  if (typeof args[0] === 'string' || args[0] instanceof URL) {
    try {
      url = new URL(String(args[0]));
    } catch {
      return `${scheme}:${String(args[0])}`;
    }
    if (args[1] && typeof args[1] === 'object') options = args[1] as Record<string, unknown>;
  } else if (args[0] && typeof args[0] === 'object') options = args[0] as Record<string, unknown>;
  const method = String(options.method ?? 'GET').toUpperCase();
  if (url && !options.host && !options.hostname) return `${method} ${url.href}`;
  const host = String(options.hostname ?? options.host ?? url?.hostname ?? 'localhost');
  const port = options.port ? `:${String(options.port)}` : '';
  const path = String(options.path ?? (url ? url.pathname + url.search : '/'));
  return `${method} ${scheme}://${host}${port}${path}`;
}

export function refuseNetwork(record: (attempt: string) => void): void {
  let insideRequest = 0;
  const socketProto = netModule.Socket.prototype as unknown as { connect: (...args: Args) => net.Socket };
  socketProto.connect = function (this: net.Socket, ...args: Args) {
    const target = socketTarget(args);
    const encrypted = (this as unknown as { encrypted?: boolean }).encrypted === true;
    if (insideRequest === 0) record(`${encrypted ? 'tls' : 'tcp'} ${target}`);
    process.nextTick(() => this.destroy(refusedError(target)));
    return this;
  };

  for (const [scheme, mod] of [
    ['http', httpModule],
    ['https', https],
  ] as const) {
    const { request } = mod;
    const wrapped = (...args: Args) => {
      record(requestTarget(scheme, args));
      insideRequest++;
      try {
        return (request as (...a: Args) => http.ClientRequest)(...args);
      } finally {
        insideRequest--;
      }
    };
    // http.get is request + end(); redefined on the wrapper so it is not recorded twice.
    const get = (...args: Args) => {
      const req = wrapped(...args);
      req.end();
      return req;
    };
    Object.assign(mod, { request: wrapped, get });
  }

  const lookupLike = (name: string) =>
    function (hostname: unknown, ...rest: Args) {
      record(`dns ${String(hostname)}`);
      const callback = rest.pop();
      const error = refusedError(String(hostname), name === 'lookup' ? 'getaddrinfo' : name);
      if (typeof callback === 'function') process.nextTick(() => callback(error));
    };
  const promiseLike = (name: string) => async (hostname: unknown) => {
    record(`dns ${String(hostname)}`);
    throw refusedError(String(hostname), name === 'lookup' ? 'getaddrinfo' : name);
  };
  const dnsTable = dns as unknown as Record<string, unknown>;
  const dnsPromises = dns.promises as unknown as Record<string, unknown>;
  for (const name of Object.keys(dnsTable)) {
    if (/^(lookup|lookupService|resolve\w*|reverse)$/.test(name) && typeof dnsTable[name] === 'function')
      dnsTable[name] = lookupLike(name);
  }
  for (const name of Object.keys(dnsPromises)) {
    if (/^(lookup|lookupService|resolve\w*|reverse)$/.test(name) && typeof dnsPromises[name] === 'function')
      dnsPromises[name] = promiseLike(name);
  }

  // What undici answers when the connection is refused: TypeError('fetch failed') with the cause.
  // A Node.js without a global fetch (16) keeps having none.
  // Asked of the property, not its value: reading globalThis.fetch loads undici (15 ms a process).
  if (!Object.getOwnPropertyDescriptor(globalThis, 'fetch')) return;
  const refusedFetch = async (input: string | URL | Request, init?: RequestInit) => {
    const request = typeof input === 'object' && 'method' in input ? input : undefined;
    const url = request ? request.url : String(input);
    const method = (init?.method ?? request?.method ?? 'GET').toUpperCase();
    record(`fetch ${method} ${url}`);
    let host = url;
    try {
      const parsed = new URL(url);
      host = `${parsed.hostname}:${parsed.port || (parsed.protocol === 'https:' ? 443 : 80)}`;
    } catch {
      // Not a URL: undici would fail on it too; the record keeps what was asked.
    }
    throw new TypeError('fetch failed', { cause: refusedError(host) });
  };
  Object.defineProperty(globalThis, 'fetch', { value: refusedFetch, writable: true, configurable: true });
}
