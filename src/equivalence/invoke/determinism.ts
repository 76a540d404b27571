// Child side: the clock and the random sources a handler reads, made the same on every run, so
// that the before and after runs of a handler can be compared value for value.
//
// - Date: `new Date()` and `Date()` / `Date.now()` read one fixed instant; a Date built from
//   arguments, Date.parse, Date.UTC and all arithmetic are the real ones.
// - Math.random: a seeded generator (mulberry32).
// - crypto.randomBytes / randomFillSync / randomFill / randomUUID / getRandomValues: bytes from a
//   second seeded stream, so generated ids (uuid v4, request ids) are equal across runs too.
//   Nothing in this process needs real randomness: it never talks to a network.
import crypto from 'node:crypto';

export interface DeterminismOptions {
  /** The instant every "now" reads, in ms since the epoch. */
  epochMs: number;
  seed: number;
}

/** mulberry32: a small, well-mixed 32-bit generator; enough for reproducible test values. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function installDeterminism(options: DeterminismOptions): void {
  fixClock(options.epochMs);
  Math.random = seededRandom(options.seed);
  seedCrypto(seededRandom(options.seed ^ 0x5bd1e995));
}

function fixClock(epochMs: number): void {
  const RealDate = Date;
  // A function, not a class: `Date()` called without `new` must answer the fixed instant as a string.
  function FixedDate(this: unknown, ...args: unknown[]): unknown {
    if (!new.target) return new RealDate(epochMs).toString();
    return Reflect.construct(RealDate, args.length ? args : [epochMs], new.target);
  }
  Object.setPrototypeOf(FixedDate, RealDate);
  FixedDate.prototype = RealDate.prototype;
  Object.defineProperty(FixedDate, 'now', { value: () => epochMs, writable: true, configurable: true });
  globalThis.Date = FixedDate as unknown as DateConstructor;
}

function seedCrypto(next: () => number): void {
  const fill = <T extends ArrayBufferView>(view: T, offset = 0, size?: number): T => {
    const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
    const end = size === undefined ? bytes.length : Math.min(bytes.length, offset + size);
    for (let i = offset; i < end; i++) bytes[i] = Math.floor(next() * 256);
    return view;
  };
  const randomBytes = (size: number, callback?: (err: Error | null, buf: Buffer) => void): Buffer | undefined => {
    const buf = fill(Buffer.alloc(size));
    if (typeof callback !== 'function') return buf;
    process.nextTick(() => callback(null, buf));
    return undefined;
  };
  const randomUUID = (): string => {
    const b = fill(new Uint8Array(16));
    b[6] = (b[6]! & 0x0f) | 0x40;
    b[8] = (b[8]! & 0x3f) | 0x80;
    const hex = Buffer.from(b).toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  };
  const randomFill = (view: ArrayBufferView, ...rest: unknown[]): void => {
    const callback = rest.pop() as (err: Error | null, buf: ArrayBufferView) => void;
    const [offset, size] = rest as [number | undefined, number | undefined];
    fill(view, offset, size);
    process.nextTick(() => callback(null, view));
  };
  const target = crypto as unknown as Record<string, unknown>;
  Object.assign(target, {
    randomBytes,
    pseudoRandomBytes: randomBytes,
    randomFillSync: (view: ArrayBufferView, offset?: number, size?: number) => fill(view, offset, size),
    randomFill,
    randomUUID,
  });
  const getRandomValues = <T extends ArrayBufferView | null>(view: T): T => (view ? fill(view) : view);
  for (const holder of [crypto.webcrypto, globalThis.crypto]) {
    if (!holder) continue;
    Object.defineProperty(holder, 'getRandomValues', { value: getRandomValues, configurable: true, writable: true });
    Object.defineProperty(holder, 'randomUUID', { value: randomUUID, configurable: true, writable: true });
  }
}
