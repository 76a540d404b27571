// Stub v3 modules for a checkout without node_modules (Lambda's Node.js 18+ runtimes bundle the v3
// SDK): client classes whose send is v3.ts's, commands, paginators and exception classes made by name,
// lib-dynamodb's document clients, util-dynamodb and lib-storage's Upload.
import { marshall, unmarshall, toAttr, fromAttr } from './dynamodb-json.js';
import { documentCommands, camel } from './names.js';
import { state } from './state.js';
import { objectLocation, presignedUrl } from './v2.js';
import { sendFor, type Callback, type Exports } from './v3.js';

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

/** s3-request-presigner's getSignedUrl, as v2's stub signs: no credentials, no clock, not a call. */
export function presignerModule(real: Exports = {}): Exports {
  const getSignedUrl = async (
    client: { config?: { region?: unknown } },
    command: { input?: { Bucket?: string; Key?: string }; constructor: { name: string } },
    options: { expiresIn?: number } = {},
  ) => {
    const region = client.config?.region;
    const resolved = typeof region === 'function' ? await (region as () => Promise<unknown>)() : region;
    return presignedUrl(
      command.constructor.name.replace(/Command$/, ''),
      command.input ?? {},
      resolved,
      options.expiresIn,
    );
  };
  return { ...real, getSignedUrl };
}
