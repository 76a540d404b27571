// Runs a handler module before and after conversion. Before: against a recording fake of the v2
// SDK (any service) that resolves `endpoint` as v2 did. After: against the real @aws-sdk clients,
// either mocked with aws-sdk-client-mock or sending through a fake transport that records the real
// HTTP requests (so endpoints, serialisation and middleware really run).
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import ts from 'typescript';
import type { Finding } from '../../../src/codemods/types.js';
import { convertTwice } from './helpers.js';

export const req = createRequire(join(import.meta.dirname, '../../../package.json'));
/** The stream mixin v3 puts on S3 bodies (read once), from the S3 client's own dependency. */
export const { sdkStreamMixin } = createRequire(req.resolve('@aws-sdk/client-s3'))('@smithy/core/serde');

export type Exports = Record<string, (...args: any[]) => Promise<unknown>>;

/** Load CommonJS or TypeScript source as a module; `resolve` answers its requires. */
export function load(text: string, path: string, resolve: (spec: string) => unknown): Exports {
  const compilerOptions = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true };
  const js = ts.transpileModule(text, { fileName: path, compilerOptions }).outputText;
  const module = { exports: {} as Exports };
  new Function('require', 'module', 'exports', js)(resolve, module, module.exports);
  return module.exports;
}

export async function converted(text: string, path: string): Promise<{ text: string; findings: Finding[] }> {
  return convertTwice(text, {}, path);
}

export interface V2Call {
  service: string;
  op: string;
  params: any;
  endpoint?: string;
}
export class V2Error extends Error {
  constructor(
    readonly code: string,
    readonly statusCode: number,
    readonly requestId = 'req-1',
  ) {
    super(code);
  }
}

/** What v2's AWS.Endpoint made of a config: a scheme (https, or http with sslEnabled: false) before a bare host. */
export function v2Endpoint(config: { endpoint?: string; sslEnabled?: boolean }): string | undefined {
  const e = config.endpoint;
  if (!e) return undefined;
  return /^http/.test(e) ? e : `${config.sslEnabled === false ? 'http' : 'https'}://${e}`;
}

/** A fake `aws-sdk` namespace: every service records its calls and answers from `answer`. */
export function fakeV2(answer: (call: V2Call) => unknown, calls: V2Call[]) {
  const client = (service: string) =>
    class {
      constructor(config: { endpoint?: string; sslEnabled?: boolean } = {}) {
        const endpoint = v2Endpoint(config);
        const method = (op: string) => (input: unknown, cb?: (e: unknown, d?: unknown) => void) => {
          const [params, callback] = typeof input === 'function' ? [{}, input as typeof cb] : [input, cb];
          const call = { service, op, params, ...(endpoint ? { endpoint } : {}) };
          const run = () =>
            Promise.resolve().then(() => {
              calls.push(call);
              return answer(call);
            });
          if (callback)
            return void run().then(
              (d) => callback(null, d),
              (e) => callback(e),
            );
          return { promise: run };
        };
        return new Proxy(this, { get: (target, op: string) => (op in target ? (target as any)[op] : method(op)) });
      }
    };
  const ns: Record<string, unknown> = { config: { update() {} } };
  return new Proxy(ns, {
    get: (target, name) => {
      // services are capitalised; `__esModule`, `then` and symbols are not there
      if (typeof name !== 'string' || !/^[A-Z]/.test(name)) return target[name as string];
      const make = () =>
        name === 'DynamoDB' ? Object.assign(client(name), { DocumentClient: client('DocumentClient') }) : client(name);
      if (!(name in target)) target[name] = make();
      return target[name];
    },
  });
}

export interface Sent {
  url: string;
  headers: Record<string, string>;
  body: string;
  target?: string;
}
export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
}

/**
 * Real v3 clients of `classes` send through a fake transport: each request is recorded and
 * answered by `reply`. Returns the recorded requests and a function that undoes the patch.
 */
export function fakeTransport(classes: any[], reply: (sent: Sent) => Reply) {
  const sent: Sent[] = [];
  const handler = {
    async handle(request: any) {
      const query = new URLSearchParams(request.query ?? {}).toString();
      const port = request.port ? `:${request.port}` : '';
      const body = request.body === undefined ? '' : Buffer.from(request.body).toString();
      const url = `${request.protocol}//${request.hostname}${port}${request.path}${query ? `?${query}` : ''}`;
      const s: Sent = { url, headers: request.headers, body, target: request.headers['x-amz-target'] };
      sent.push(s);
      const r = reply(s);
      const stream = Readable.from([Buffer.from(r.body ?? '')]);
      return { response: { statusCode: r.status ?? 200, headers: r.headers ?? {}, body: stream } };
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs: () => ({}),
  };
  const restore: (() => void)[] = [];
  for (const cls of classes) {
    const own = Object.getOwnPropertyDescriptor(cls.prototype, 'send');
    const send = cls.prototype.send;
    cls.prototype.send = function (this: any, ...args: unknown[]) {
      this.config.requestHandler = handler;
      return send.apply(this, args);
    };
    restore.push(() => (own ? Object.defineProperty(cls.prototype, 'send', own) : delete cls.prototype.send));
  }
  return { sent, restore: () => restore.forEach((r) => r()) };
}

/** Resolve a module's value or its error message, so before and after can be compared. */
export async function outcome(fn: () => Promise<unknown>): Promise<{ value?: unknown; error?: string }> {
  try {
    return { value: await fn() };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/** The 1-based lines of `text` that contain `needle`. */
export function linesOf(text: string, needle: string): number[] {
  return text.split('\n').flatMap((l, i) => (l.includes(needle) ? [i + 1] : []));
}
