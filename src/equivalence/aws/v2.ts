// A stub `aws-sdk` (v2) namespace: every service method returns an AWS.Request-like object
// (callback, .promise(), .send(), .createReadStream()) whose call is recorded and answered from the
// table in v2's shapes: blobs as Buffers, S3 Body a Buffer, Lambda Payload a string, errors with
// `code` and `name` both the error code.
import { Readable } from 'node:stream';
import { documentCommands, v2ServiceNames, v3NameOfV2, pascal } from './names.js';
import { blobBytes, decodeValue } from './normalise.js';
import { later, statusOf, takeCall } from './state.js';
import { marshall, unmarshall } from './dynamodb-json.js';

type Callback = (err: unknown, data?: unknown) => void;

class DynamoDBSet {
  readonly wrapperName = 'Set';
  readonly type: string;
  constructor(readonly values: unknown[]) {
    const first = values[0];
    this.type = typeof first === 'number' ? 'Number' : typeof first === 'string' ? 'String' : 'Binary';
  }
}

function v2Value(service: string, operation: string, value: unknown): unknown {
  const out = decodeValue(
    value,
    (b) => b,
    (values) => new DynamoDBSet(values),
  ) as Record<string, unknown>;
  if (out === null || typeof out !== 'object') return out;
  if (service === 'S3' && operation === 'GetObject' && 'Body' in out) out.Body = blobBytes(out.Body);
  if (service === 'Lambda' && operation === 'Invoke' && 'Payload' in out)
    out.Payload = blobBytes(out.Payload).toString('utf8');
  return out;
}

function v2Error(e: { name: string; message: string; code?: string }, id: string): Error {
  const code = e.code ?? e.name;
  const statusCode = statusOf(code);
  return Object.assign(new Error(e.message), {
    code,
    name: code,
    statusCode,
    retryable: statusCode >= 500,
    time: new Date(),
    requestId: id,
  });
}

/** What `service.operation(params)` returns: the request, sent by a callback, .promise() or .send(). */
function request(service: string, operation: string, params: unknown, callback?: Callback) {
  let sent: Promise<unknown> | undefined;
  let requestId = '';
  const send = () => {
    if (!sent) {
      const { answer, id } = takeCall(service, operation, params);
      requestId = id;
      sent = later(() => {
        if ('error' in answer) throw v2Error(answer.error, id);
        return v2Value(service, operation, answer.value);
      });
      sent.catch(() => {}); // settled through the caller's callback or promise
    }
    return sent;
  };
  const req = {
    params,
    operation: operation.charAt(0).toLowerCase() + operation.slice(1),
    httpRequest: { headers: {} as Record<string, string> },
    promise: () => send(),
    send(cb?: Callback) {
      // v2 calls the callback with the AWS.Response as `this`
      const response = (data: unknown, error: { statusCode?: number } | null) => ({
        request: req,
        data,
        error,
        requestId,
        retryCount: 0,
        redirectCount: 0,
        httpResponse: { statusCode: error ? error.statusCode : 200, headers: {} },
      });
      send().then(
        (d) => cb?.call(response(d, null), null, d),
        (e) => cb?.call(response(null, e), e),
      );
    },
    on() {
      return req;
    },
    abort() {
      return req;
    },
    createReadStream() {
      const data = send(); // v2 sends when the stream is made
      return Readable.from(
        (async function* () {
          const body = ((await data) as { Body?: Buffer })?.Body;
          if (body) yield body;
        })(),
      );
    },
  };
  if (callback) req.send(callback);
  return req;
}

function methodCall(service: string, operation: string) {
  return (input?: unknown, cb?: Callback) =>
    typeof input === 'function'
      ? request(service, operation, {}, input as Callback)
      : request(service, operation, input ?? {}, cb);
}

/** The object URL S3 answers an upload with (v2's ManagedUpload and v3's lib-storage Upload alike). */
export function objectLocation(bucket: unknown, key: unknown, region: unknown): string {
  const path = String(key ?? '')
    .split('/')
    .map(encodeURIComponent)
    .join('/');
  return `https://${String(bucket)}.s3.${String(region || process.env.AWS_REGION || 'us-east-1')}.amazonaws.com/${path}`;
}

/**
 * A presigned URL that does not depend on credentials or the clock, the same for v2's getSignedUrl
 * and v3's s3-request-presigner (both default to 900 seconds).
 */
export function presignedUrl(
  operation: string,
  params: { Bucket?: string; Key?: string },
  region: unknown,
  expires: unknown,
): string {
  const base = objectLocation(params.Bucket, params.Key, region);
  return `${base}?X-Amz-Expires=${Number(expires ?? 900)}&X-Amz-Signature=atx-equivalence&x-id=${operation}`;
}

/** `s3.upload(params)`: a ManagedUpload, which sends one PutObject for a body of one part. */
function managedUpload(config: Record<string, unknown>) {
  return (params: { Bucket?: string; Key?: string } = {}, optionsOrCb?: unknown, cb?: Callback) => {
    const callback = (typeof optionsOrCb === 'function' ? optionsOrCb : cb) as Callback | undefined;
    const req = request('S3', 'PutObject', params);
    const result = () =>
      req.promise().then((out) => ({
        ...(out as object),
        Location: objectLocation(params.Bucket, params.Key, config.region),
        key: params.Key,
        Key: params.Key,
        Bucket: params.Bucket,
      }));
    const upload = {
      promise: result,
      send: (done?: Callback) =>
        void result().then(
          (d) => done?.(null, d),
          (e) => done?.(e),
        ),
      on: () => upload,
      abort: () => {},
    };
    if (callback) upload.send(callback);
    return upload;
  };
}

const ownMethods = new Set(['config', 'endpoint', 'constructor', 'then', 'toJSON', 'inspect']);

function serviceClass(v2: string) {
  const service = v3NameOfV2(v2) ?? v2;
  const cls = class {
    config: Record<string, unknown>;
    endpoint: { href: string; host: string } | undefined;
    constructor(config: Record<string, unknown> = {}) {
      this.config = { ...globalConfig, ...config };
      const e = config.endpoint;
      this.endpoint = typeof e === 'string' ? { href: e, host: e.replace(/^\w+:\/\//, '') } : undefined;
      return new Proxy(this, {
        get: (target, name, receiver) => {
          if (typeof name !== 'string' || name in target || ownMethods.has(name))
            return Reflect.get(target, name, receiver);
          if (service === 'S3' && name === 'upload') return managedUpload(target.config);
          // AWS.Service's own methods: X-Ray's captureAWSClient customises requests; makeRequest is an operation call
          if (name === 'customizeRequests' || name === 'setupRequestListeners') return () => {};
          if (name === 'makeRequest')
            return (op: string, params?: unknown, cb?: Callback) =>
              typeof params === 'function'
                ? request(service, pascal(op), {}, params as Callback)
                : request(service, pascal(op), params ?? {}, cb);
          return /^[a-z]/.test(name) ? methodCall(service, pascal(name)) : undefined;
        },
      });
    }
    getSignedUrl(op: string, params: { Bucket?: string; Key?: string; Expires?: number }, cb?: Callback) {
      const url = presignedUrl(pascal(op), params, this.config.region, params.Expires);
      if (cb) return void later(() => cb(null, url));
      return url;
    }
    getSignedUrlPromise(op: string, params: { Bucket?: string; Key?: string }) {
      return Promise.resolve(this.getSignedUrl(op, params));
    }
  };
  Object.defineProperty(cls, 'name', { value: v2 });
  return cls;
}

const v2DocumentMethods = Object.fromEntries(
  documentCommands.map((c) => [c.charAt(0).toLowerCase() + c.slice(1), c] as const),
);

class DocumentClient {
  options: Record<string, unknown>;
  constructor(options: Record<string, unknown> = {}) {
    this.options = options;
    for (const [method, op] of Object.entries(v2DocumentMethods)) {
      Object.defineProperty(this, method, { value: methodCall('DynamoDBDocument', op), enumerable: false });
    }
  }
  createSet(list: unknown[]) {
    return new DynamoDBSet(list);
  }
}

const Converter = {
  input: (v: unknown) => marshall({ v }).v,
  output: (v: unknown) => unmarshall({ v: v as never }).v,
  marshall: (v: Record<string, unknown>) => marshall(v),
  unmarshall: (v: Record<string, never>) => unmarshall(v),
};

const globalConfig: Record<string, unknown> = {};

/** The `AWS` namespace: services made on first use, config, credentials and endpoint classes. */
export function v2Namespace(): Record<string, unknown> {
  class Config {
    constructor(options: Record<string, unknown> = {}) {
      Object.assign(this, options);
    }
    update(options: Record<string, unknown>) {
      Object.assign(this, options);
      Object.assign(globalConfig, options);
    }
    getCredentials(cb: Callback) {
      later(() => cb(null));
    }
  }
  class Credentials {
    constructor(...args: unknown[]) {
      const [first] = args;
      Object.assign(
        this,
        typeof first === 'object' && first ? first : { accessKeyId: first, secretAccessKey: args[1] },
      );
    }
    getPromise() {
      return Promise.resolve();
    }
    get(cb: Callback) {
      later(() => cb(null));
    }
  }
  class Endpoint {
    href: string;
    host: string;
    constructor(e: string) {
      this.href = /^\w+:\/\//.test(e) ? e : `https://${e}`;
      this.host = this.href.replace(/^\w+:\/\//, '').replace(/\/.*$/, '');
    }
  }
  const config = new Config();
  const ns: Record<string, unknown> = {
    config,
    Config,
    Credentials,
    SharedIniFileCredentials: Credentials,
    EnvironmentCredentials: Credentials,
    Endpoint,
    VERSION: '2.1693.0',
  };
  const services = new Set(v2ServiceNames);
  return new Proxy(ns, {
    get(target, name) {
      if (typeof name !== 'string' || name in target || !services.has(name)) return target[name as string];
      const cls = serviceClass(name);
      if (name === 'DynamoDB') Object.assign(cls, { DocumentClient, Converter });
      target[name] = cls;
      return cls;
    },
    has: (target, name) => name in target || (typeof name === 'string' && services.has(name)),
  });
}

/** `aws-sdk/clients/<file>`: the one service class. */
export function v2Client(ns: Record<string, unknown>, v2: string): unknown {
  return ns[v2];
}
