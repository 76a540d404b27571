// v3 clients: the real installed client classes with `send` replaced (as aws-sdk-client-mock does,
// so the handler's own command classes and helpers stay real), or stub modules with the same
// exports' shape when no package resolves (Lambda's Node.js 18+ runtimes bundle v3). Either way a
// send is recorded and answered from the table in v3's shapes: `$metadata`, S3 Body a stream with
// transformToString/transformToByteArray, Lambda Payload a Uint8Array, blobs as Uint8Array.
import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import { documentCommands, camel } from './names.js';
import { blobBytes, decodeValue } from './normalise.js';
import { later, state, statusOf, takeCall } from './state.js';
import { marshall, unmarshall, toAttr, fromAttr } from './dynamodb-json.js';
import { objectLocation } from './v2.js';

type Callback = (err: unknown, data?: unknown) => void;
type Exports = Record<string, unknown>;

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
function sendFor(service: string, helpers: RealHelpers) {
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

// ---- stub modules ----

function commandClass(name: string) {
  const cls = class {
    input: unknown;
    middlewareStack = stubStack();
    constructor(input: unknown = {}) {
      this.input = input;
    }
  };
  Object.defineProperty(cls, 'name', { value: name });
  return cls;
}

function stubStack() {
  const stack = { add() {}, addRelativeTo() {}, use() {}, remove: () => true, clone: () => stack, concat: () => stack };
  return stack;
}

interface ErrorOptions {
  message?: string;
  $fault?: string;
  $metadata?: unknown;
}
class RootError extends Error {
  constructor(o: ErrorOptions = {}) {
    super(o.message);
  }
}

function errorClassStub(name: string, base: new (o: ErrorOptions) => Error) {
  const cls = class extends base {
    $fault: string;
    $metadata: unknown;
    constructor(o: ErrorOptions = {}) {
      super(o);
      this.name = name;
      this.$fault = o.$fault ?? 'client';
      this.$metadata = o.$metadata ?? {};
    }
  };
  Object.defineProperty(cls, 'name', { value: name });
  return cls;
}

/** A module whose names are made on first use: `<X>Command`, `paginate<X>`, exception classes. */
function lazyModule(fixed: Exports, make: (name: string) => unknown): Exports {
  return new Proxy(fixed, {
    get(target, name) {
      if (typeof name !== 'string' || name in target) return target[name as string];
      const made = make(name);
      if (made !== undefined) target[name] = made;
      return made;
    },
  });
}

function clientStub(service: string) {
  const send = sendFor(service, {});
  const cls = class {
    config: Record<string, unknown>;
    middlewareStack = stubStack();
    constructor(config: Record<string, unknown> = {}) {
      this.config = { ...config };
    }
    send(command: never, optionsOrCb?: unknown, cb?: Callback) {
      return send.call(this, command, optionsOrCb, cb);
    }
    destroy() {}
  };
  Object.defineProperty(cls, 'name', { value: `${service}Client` });
  return cls;
}

/** The aggregated client (`new S3()`): `s3.getObject(input)` is `send(new GetObjectCommand(input))`. */
function aggregatedStub(service: string, Client: ReturnType<typeof clientStub>, commands: (name: string) => unknown) {
  const cls = class extends Client {
    constructor(config: Record<string, unknown> = {}) {
      super(config);
      return new Proxy(this, {
        get: (target, name, receiver) => {
          if (typeof name !== 'string' || name in target || !/^[a-z]/.test(name) || name === 'then')
            return Reflect.get(target, name, receiver);
          const Command = commands(`${name.charAt(0).toUpperCase()}${name.slice(1)}Command`) as new (
            i: unknown,
          ) => never;
          return (input: unknown, optionsOrCb?: unknown, cb?: Callback) =>
            target.send(new Command(input), optionsOrCb, cb);
        },
      });
    }
  };
  Object.defineProperty(cls, 'name', { value: service });
  return cls;
}

function paginator(name: string) {
  const op = name.replace(/^paginate/, '');
  return async function* (config: { client: { send(c: unknown): Promise<unknown> } }, input: unknown) {
    const Command = commandClass(`${op}Command`);
    // one page: the table answers every page alike, so following its token would never end
    yield await config.client.send(new Command(input));
  };
}

function errorName(name: string): boolean {
  return (
    /^[A-Z]\w*(Exception|Error|Fault)$/.test(name) ||
    /^(NoSuchKey|NoSuchBucket|NoSuchUpload|NotFound|InvalidObjectState|ObjectNotInActiveTierError|BucketAlreadyExists|BucketAlreadyOwnedByYou)$/.test(
      name,
    )
  );
}

export function v3ClientStub(service: string): Exports {
  const Client = clientStub(service);
  const ServiceException = errorClassStub(`${service}ServiceException`, RootError);
  const fixed: Exports = { [`${service}Client`]: Client, [`${service}ServiceException`]: ServiceException };
  const mod: Exports = lazyModule(fixed, (name) => {
    if (/^[A-Z]\w*Command$/.test(name)) return commandClass(name);
    if (/^paginate[A-Z]/.test(name)) return paginator(name);
    if (/^waitUntil[A-Z]/.test(name)) return async () => ({ state: 'SUCCESS' });
    if (errorName(name)) return errorClassStub(name, ServiceException);
    return undefined;
  });
  fixed[service] = aggregatedStub(service, Client, (name) => mod[name]);
  state().v3Exports.set(service, mod);
  return mod;
}

export function libDynamodbStub(): Exports {
  const send = sendFor('DynamoDBDocument', {});
  class DynamoDBDocumentClient {
    config: Record<string, unknown>;
    middlewareStack = stubStack();
    constructor(
      readonly client: { config?: Record<string, unknown> } = {},
      readonly translateConfig: unknown = undefined,
    ) {
      this.config = client.config ?? {};
    }
    static from(client: { config?: Record<string, unknown> }, translateConfig?: unknown) {
      return new this(client, translateConfig);
    }
    send(command: never, optionsOrCb?: unknown, cb?: Callback) {
      return send.call(this, command, optionsOrCb, cb);
    }
    destroy() {}
  }
  const mod: Exports = { DynamoDBDocumentClient };
  for (const c of documentCommands) mod[`${c}Command`] = commandClass(`${c}Command`);
  class DynamoDBDocument extends DynamoDBDocumentClient {}
  for (const c of documentCommands) {
    const Command = mod[`${c}Command`] as new (i: unknown) => never;
    Object.defineProperty(DynamoDBDocument.prototype, camel(c), {
      value(this: DynamoDBDocument, input: unknown, optionsOrCb?: unknown, cb?: Callback) {
        return this.send(new Command(input), optionsOrCb, cb);
      },
    });
  }
  mod.DynamoDBDocument = DynamoDBDocument;
  mod.paginateQuery = paginator('paginateQuery');
  mod.paginateScan = paginator('paginateScan');
  return mod;
}

export function utilDynamodbStub(): Exports {
  return { marshall, unmarshall, convertToAttr: toAttr, convertToNative: fromAttr };
}

/** lib-storage's Upload: for a body of one part, one PutObject through the client's send. */
export function libStorageStub(): Exports {
  const PutObjectCommand = commandClass('PutObjectCommand');
  class Upload {
    readonly client: { send(c: unknown): Promise<unknown>; config?: { region?: unknown } };
    readonly params: { Bucket?: string; Key?: string };
    constructor(options: { client: Upload['client']; params: Upload['params'] }) {
      this.client = options.client;
      this.params = options.params;
    }
    on() {
      return this;
    }
    async abort() {}
    async done() {
      const out = (await this.client.send(new PutObjectCommand(this.params))) as object;
      const region = typeof this.client.config?.region === 'string' ? this.client.config.region : undefined;
      const { Bucket, Key } = this.params;
      return { ...out, Bucket, Key, Location: objectLocation(Bucket, Key, region) };
    }
  }
  return { Upload };
}
