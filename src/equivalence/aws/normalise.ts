// One form for what a handler sends, whichever SDK it used: v2 and v3 accept the same parameter
// names, but a blob may be a string, a Buffer or a Uint8Array, a timestamp a Date, a DynamoDB set a
// v2 DynamoDBSet or a native Set. Records carry plain JSON-able data only.

/** Per service, the parameter names that are blobs: a string there is its UTF-8 bytes. */
const blobKeys: Record<string, readonly string[]> = {
  S3: ['Body'],
  Lambda: ['Payload', 'InvokeArgs'],
  Kinesis: ['Data'],
  Firehose: ['Data'],
  ApiGatewayManagementApi: ['Data'],
  IoTDataPlane: ['payload'],
  KMS: ['Plaintext', 'CiphertextBlob'],
};

function isBytes(v: object): v is ArrayBufferView | ArrayBuffer {
  return ArrayBuffer.isView(v) || v instanceof ArrayBuffer;
}

export function bytesOf(v: ArrayBufferView | ArrayBuffer): Buffer {
  return v instanceof ArrayBuffer ? Buffer.from(v) : Buffer.from(v.buffer, v.byteOffset, v.byteLength);
}

function isStream(v: object): boolean {
  return (
    typeof (v as { pipe?: unknown }).pipe === 'function' ||
    typeof (v as { getReader?: unknown }).getReader === 'function'
  );
}

/** A v2 DynamoDBSet (`{ wrapperName: 'Set', values, type }`) or a native Set. */
function setValues(v: object): unknown[] | undefined {
  if (v instanceof Set) return [...v];
  const w = v as { wrapperName?: unknown; values?: unknown };
  return w.wrapperName === 'Set' && Array.isArray(w.values) ? w.values : undefined;
}

/** The recorded form of a call's parameters. */
export function normaliseParams(service: string, params: unknown): unknown {
  return plain(params, new Set(blobKeys[service] ?? []), false, new Set());
}

function plain(v: unknown, blobs: Set<string>, blob: boolean, seen: Set<object>): unknown {
  if (v === null || typeof v === 'boolean' || typeof v === 'number') return v;
  if (typeof v === 'string') return blob ? { $bytes: Buffer.from(v, 'utf8').toString('base64') } : v;
  if (typeof v === 'bigint') return v.toString();
  if (typeof v !== 'object') return undefined; // functions, symbols, undefined
  if (isBytes(v)) return { $bytes: bytesOf(v).toString('base64') };
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
  if (isStream(v)) return { $stream: true };
  if (seen.has(v)) return '[Circular]';
  seen.add(v);
  try {
    const set = setValues(v);
    if (set) return { $set: set.map((x) => plain(x, blobs, false, seen)) };
    if (Array.isArray(v)) return v.map((x) => plain(x, blobs, blob, seen) ?? null);
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      const p = plain(x, blobs, blobs.has(k), seen);
      if (p !== undefined) out[k] = p;
    }
    return out;
  } finally {
    seen.delete(v);
  }
}

/**
 * An answer value from the table as an SDK would give it: `{ $bytes: base64 }` becomes bytes
 * (`bytes` makes them: Buffer for v2, Uint8Array for v3), `{ $date: iso }` a Date, `{ $set: [...] }`
 * what `set` makes of the values.
 */
export function decodeValue(v: unknown, bytes: (b: Buffer) => unknown, set: (values: unknown[]) => unknown): unknown {
  if (Array.isArray(v)) return v.map((x) => decodeValue(x, bytes, set));
  if (v === null || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length === 1 && typeof o.$bytes === 'string') return bytes(Buffer.from(o.$bytes, 'base64'));
  if (keys.length === 1 && typeof o.$date === 'string') return new Date(o.$date);
  if (keys.length === 1 && Array.isArray(o.$set)) return set(o.$set.map((x) => decodeValue(x, bytes, set)));
  return Object.fromEntries(keys.map((k) => [k, decodeValue(o[k], bytes, set)]));
}

/** The bytes of a blob answer given as a string, `{ $bytes }`, bytes, or other JSON (serialised). */
export function blobBytes(v: unknown): Buffer {
  if (typeof v === 'string') return Buffer.from(v, 'utf8');
  if (v !== null && typeof v === 'object' && isBytes(v)) return bytesOf(v);
  if (v === undefined) return Buffer.alloc(0);
  return Buffer.from(JSON.stringify(v), 'utf8');
}
