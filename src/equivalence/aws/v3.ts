// v3 clients: the real installed client classes with `send` replaced (as aws-sdk-client-mock does,
// so the handler's own command classes and helpers stay real); v3-stubs.ts makes modules of the same
// shape when no package resolves (Lambda's Node.js 18+ runtimes bundle v3). Either way a
// send is recorded and answered from the table in v3's shapes: `$metadata`, S3 Body a stream with
// transformToString/transformToByteArray, Lambda Payload a Uint8Array, blobs as Uint8Array.
import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import { blobBytes, decodeValue } from './normalise.js';
import { later, state, statusOf, takeCall } from './state.js';

export type Callback = (err: unknown, data?: unknown) => void;
export type Exports = Record<string, unknown>;

/** Helpers from the real package's own dependencies (stream mixin, blob adapter), when it is installed. */
interface RealHelpers {
  stream?: (body: Readable) => unknown;
  blob?: (bytes: Uint8Array) => unknown;
}

function stubStream(bytes: Buffer): Readable {
  let used = false;
  const take = () => {
    if (used) throw new Error('The stream has already been transformed.');
    used = true;
  };
  return Object.assign(Readable.from([bytes]), {
    transformToString: async (encoding = 'utf-8') => (
      take(),
      bytes.toString(encoding.replace('-', '') as BufferEncoding)
    ),
    transformToByteArray: async () => (take(), new Uint8Array(bytes)),
    transformToWebStream: () => (take(), Readable.toWeb(Readable.from([bytes]))),
  });
}

class Uint8ArrayBlobAdapter extends Uint8Array {
  transformToString(encoding = 'utf-8') {
    return Buffer.from(this).toString(encoding.replace('-', '') as BufferEncoding);
  }
}

function metadata(id: string, httpStatusCode = 200) {
  return {
    httpStatusCode,
    requestId: id,
    extendedRequestId: undefined,
    cfId: undefined,
    attempts: 1,
    totalRetryDelay: 0,
  };
}

function v3Value(service: string, operation: string, value: unknown, id: string, helpers: RealHelpers): unknown {
  const out = decodeValue(
    value,
    (b) => new Uint8Array(b),
    (values) => new Set(values),
  ) as Record<string, unknown>;
  if (out === null || typeof out !== 'object' || Array.isArray(out)) return out;
  if (service === 'S3' && operation === 'GetObject' && 'Body' in out) {
    const bytes = blobBytes(out.Body);
    out.Body = helpers.stream ? helpers.stream(Readable.from([bytes])) : stubStream(bytes);
  }
  if (service === 'Lambda' && operation === 'Invoke' && 'Payload' in out) {
    const bytes = new Uint8Array(blobBytes(out.Payload));
    out.Payload = helpers.blob ? helpers.blob(bytes) : new Uint8ArrayBlobAdapter(bytes);
  }
  return { ...out, $metadata: metadata(id) };
}

/** An error class of the service by name: the module's own modeled exception, else its service exception. */
function errorClass(service: string, name: string): (new (o: object) => Error) | undefined {
  const mods = state().v3Exports;
  const mod = mods.get(service === 'DynamoDBDocument' ? 'DynamoDB' : service) ?? {};
  const own = mod[name];
  const isError = (c: unknown): c is new (o: object) => Error =>
    typeof c === 'function' && (c as { prototype?: unknown }).prototype instanceof Error;
  if (isError(own)) return own;
  const base = mod[`${service === 'DynamoDBDocument' ? 'DynamoDB' : service}ServiceException`];
  return isError(base) ? base : undefined;
}

function v3Error(service: string, e: { name: string; message: string }, id: string): Error {
  const status = statusOf(e.name);
  const options = {
    name: e.name,
    message: e.message,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: metadata(id, status),
  };
  const Cls = errorClass(service, e.name);
  const err = Cls ? new Cls(options) : Object.assign(new Error(e.message), options);
  // modeled exceptions fix their own name; a service exception takes it from the options
  return Object.assign(err, { name: e.name, $fault: options.$fault, $metadata: options.$metadata });
}

/** The replacement for `Client.prototype.send` of one service. */
export function sendFor(service: string, helpers: RealHelpers) {
  return function send(
    this: unknown,
    command: { input?: unknown; constructor: { name: string } },
    optionsOrCb?: unknown,
    cb?: Callback,
  ) {
    const callback = (typeof optionsOrCb === 'function' ? optionsOrCb : cb) as Callback | undefined;
    const operation = (command?.constructor?.name ?? 'Unknown').replace(/Command$/, '');
    const { answer, id } = takeCall(service, operation, command?.input ?? {});
    const result = later(() => {
      if ('error' in answer) throw v3Error(service, answer.error, id);
      return v3Value(service, operation, answer.value, id, helpers);
    });
    if (!callback) return result;
    result.then(
      (d) => callback(null, d),
      (e) => callback(e),
    );
  };
}

const patched = new WeakSet<object>();

/** Replace `send` on every client class of a real v3 module (idempotent). */
export function patchRealModule(exports: Exports, entry: string, service: string | undefined): Exports {
  if (patched.has(exports)) return exports;
  patched.add(exports);
  const helpers = realHelpers(entry);
  for (const key of Object.keys(exports)) {
    const value = exports[key] as ((...args: never[]) => unknown) | undefined;
    const proto = (value as { prototype?: { send?: unknown } } | undefined)?.prototype;
    if (!/Client$/.test(key) || typeof value !== 'function' || typeof proto?.send !== 'function') continue;
    Object.defineProperty(value.prototype, 'send', {
      value: sendFor(key.replace(/Client$/, ''), helpers),
      writable: true,
      configurable: true,
    });
  }
  if (service) state().v3Exports.set(service, exports);
  return exports;
}

function realHelpers(entry: string): RealHelpers {
  const req = createRequire(entry);
  const tryLoad = (spec: string): Exports | undefined => {
    try {
      return req(spec) as Exports;
    } catch {
      return undefined;
    }
  };
  const serde = tryLoad('@smithy/util-stream') ?? tryLoad('@smithy/core/serde');
  const mixin = serde?.sdkStreamMixin as ((s: Readable) => unknown) | undefined;
  const adapter = serde?.Uint8ArrayBlobAdapter as { prototype?: { transformToString?: unknown } } | undefined;
  const proto = adapter?.prototype;
  return {
    stream: mixin,
    // what the adapter's own `mutate` does: the bytes, with the adapter's prototype
    blob: typeof proto?.transformToString === 'function' ? (b) => Object.setPrototypeOf(b, proto) : undefined,
  };
}
