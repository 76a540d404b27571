// Node.js command-line flags whose meaning changed between majors: the data the commands
// codemod applies. Each entry was checked against the pull request that changed it and against
// the node binaries of the npm registry's `node` package (16.20.2, 18.20.8, 20.20.2, 22.23.3 and
// 24.21.0: `node <flag> -e 0`, also through NODE_OPTIONS).

export interface FlagChange {
  /** The flag as written, without a value (`--experimental-fetch`). */
  flag: string;
  /** Other spellings Node.js accepts for the same option. */
  aliases?: readonly string[];
  /**
   * The first major concerned. `remove` and `rename`: the first major whose every release
   * behaves without the flag as with it; `report`: the first major with a release that breaks.
   */
  major: number;
  /**
   * `remove`: the flag turns on what is now the default, and Node.js still accepts it as a
   * no-op or rejects it; dropping it changes nothing. `rename`: the same option under a new name.
   * `report`: the behaviour changed; a person decides.
   */
  action: 'remove' | 'rename' | 'report';
  renameTo?: string;
  severity?: 'warning' | 'manual';
  /** Why, for the finding. */
  why: string;
  source: string;
}

export const FLAG_CHANGES: readonly FlagChange[] = [
  {
    flag: '--experimental-modules',
    major: 14,
    action: 'remove',
    why: 'ES modules need no flag since Node.js 13.2 and 12.17; the flag is a no-op',
    source: 'https://github.com/nodejs/node/pull/29866',
  },
  {
    flag: '--experimental-json-modules',
    major: 18,
    action: 'remove',
    why: 'JSON modules need no flag since Node.js 17.5 and 16.15; the flag is a no-op',
    source: 'https://github.com/nodejs/node/pull/41736',
  },
  {
    flag: '--experimental-fetch',
    major: 18,
    action: 'remove',
    why: 'fetch is on by default since Node.js 18.0; the flag is a no-op',
    source: 'https://github.com/nodejs/node/pull/41811',
  },
  {
    flag: '--experimental-global-webcrypto',
    major: 19,
    action: 'remove',
    why: 'the global crypto (Web Crypto) is on by default since Node.js 19.0; the flag is a no-op',
    source: 'https://github.com/nodejs/node/pull/42083',
  },
  {
    flag: '--experimental-global-customevent',
    major: 19,
    action: 'remove',
    why: 'the global CustomEvent is on by default since Node.js 19.0; the flag is a no-op',
    source: 'https://github.com/nodejs/node/pull/44860',
  },
  {
    flag: '--experimental-specifier-resolution',
    aliases: ['--es-module-specifier-resolution'],
    major: 19,
    action: 'report',
    severity: 'manual',
    why: 'was removed in Node.js 19: it is still accepted but does nothing, so imports without a file extension or of a folder fail. Write full import paths, or use a resolve hook (module.register)',
    source: 'https://github.com/nodejs/node/pull/44859',
  },
  {
    flag: '--experimental-loader',
    aliases: ['--loader'],
    major: 20,
    action: 'report',
    severity: 'warning',
    why: 'module customization hooks run off the main thread since Node.js 20, and the globalPreload hook was removed in 21. Check the loader supports this Node.js; prefer --import with module.register()',
    source: 'https://github.com/nodejs/node/pull/44710',
  },
  {
    flag: '--experimental-websocket',
    major: 22,
    action: 'remove',
    why: 'the global WebSocket is on by default since Node.js 22.0; the flag is a no-op',
    source: 'https://github.com/nodejs/node/pull/51594',
  },
  {
    flag: '--experimental-policy',
    major: 22,
    action: 'report',
    severity: 'manual',
    why: 'was removed in Node.js 22.2 (policies are gone); Node.js 22 and later refuse to start with it. Use the permission model (--permission) or drop the flag',
    source: 'https://github.com/nodejs/node/pull/52583',
  },
  {
    flag: '--experimental-network-imports',
    major: 22,
    action: 'report',
    severity: 'manual',
    why: 'was removed from Node.js 22; Node.js refuses to start with it. Vendor or install the modules that were imported over https',
    source: 'https://github.com/nodejs/node/pull/53822',
  },
  {
    flag: '--experimental-require-module',
    major: 23,
    action: 'remove',
    why: 'require() of ES modules is on by default since Node.js 23.0 and 22.12; the flag is a no-op',
    source: 'https://github.com/nodejs/node/pull/55085',
  },
  {
    flag: '--experimental-detect-module',
    major: 23,
    action: 'remove',
    why: 'module syntax detection is on by default since Node.js 22.7; the flag is a no-op',
    source: 'https://github.com/nodejs/node/pull/53619',
  },
  {
    flag: '--no-experimental-fetch',
    major: 23,
    action: 'report',
    severity: 'manual',
    why: 'was removed in Node.js 23: fetch can no longer be turned off, and Node.js refuses to start with the flag',
    source: 'https://github.com/nodejs/node/pull/52611',
  },
  {
    flag: '--no-experimental-global-webcrypto',
    major: 23,
    action: 'report',
    severity: 'manual',
    why: 'was removed in Node.js 23: the global crypto can no longer be turned off, and Node.js refuses to start with the flag',
    source: 'https://github.com/nodejs/node/pull/52564',
  },
  {
    flag: '--no-experimental-global-customevent',
    major: 23,
    action: 'report',
    severity: 'manual',
    why: 'was removed in Node.js 23: the global CustomEvent can no longer be turned off, and Node.js refuses to start with the flag',
    source: 'https://github.com/nodejs/node/pull/52723',
  },
  {
    flag: '--trace-atomics-wait',
    major: 23,
    action: 'report',
    severity: 'manual',
    why: 'was removed in Node.js 23 (end of life of DEP0165); Node.js refuses to start with it',
    source: 'https://github.com/nodejs/node/pull/52747',
  },
  {
    flag: '--experimental-default-type',
    major: 23,
    action: 'report',
    severity: 'manual',
    why: 'was removed (Node.js 24 refuses to start with it). Use .mjs/.cjs extensions or "type" in package.json; ES module syntax is detected by default',
    source: 'https://github.com/nodejs/node/pull/56092',
  },
  {
    flag: '--experimental-strip-types',
    major: 24,
    action: 'remove',
    why: 'TypeScript type stripping is on by default since Node.js 23.6 and 22.18; the flag is a no-op',
    source: 'https://github.com/nodejs/node/pull/56350',
  },
  {
    flag: '--experimental-permission',
    major: 24,
    action: 'rename',
    renameTo: '--permission',
    why: 'the permission model is stable as --permission since Node.js 23.5 and 22.13, and Node.js 24 refuses the old name',
    source: 'https://github.com/nodejs/node/pull/56201',
  },
  {
    flag: '--experimental-async-context-frame',
    major: 24,
    action: 'remove',
    why: 'AsyncLocalStorage uses AsyncContextFrame by default since Node.js 24 (--no-async-context-frame turns it off), and Node.js 24 refuses the old flag',
    source: 'https://github.com/nodejs/node/pull/55552',
  },
  {
    flag: '--harmony-import-assertions',
    major: 24,
    action: 'report',
    severity: 'manual',
    why: "V8 dropped import assertions: Node.js 24 refuses the flag. Write import attributes (`with { type: 'json' }` instead of `assert { … }`) and drop the flag",
    source: 'https://github.com/nodejs/node/pull/52104',
  },
];

/** Flags that take the next argument as their value when written without `=` (from `node --help`, 16 to 24). */
export const VALUE_FLAGS: ReadonlySet<string> = new Set([
  '-r',
  '--require',
  '--import',
  '--loader',
  '--experimental-loader',
  '-C',
  '--conditions',
  '--input-type',
  '--env-file',
  '--env-file-if-exists',
  '--title',
  '--inspect-port',
  '--debug-port',
  '--icu-data-dir',
  '--openssl-config',
  '--redirect-warnings',
  '--report-dir',
  '--report-directory',
  '--report-filename',
  '--report-signal',
  '--diagnostic-dir',
  '--cpu-prof-dir',
  '--cpu-prof-name',
  '--cpu-prof-interval',
  '--heap-prof-dir',
  '--heap-prof-name',
  '--heap-prof-interval',
  '--heapsnapshot-signal',
  '--heapsnapshot-near-heap-limit',
  '--dns-result-order',
  '--disable-proto',
  '--disable-warning',
  '--unhandled-rejections',
  '--use-largepages',
  '--v8-pool-size',
  '--secure-heap',
  '--secure-heap-min',
  '--snapshot-blob',
  '--tls-cipher-list',
  '--tls-keylog',
  '--trace-event-categories',
  '--trace-event-file-pattern',
  '--max-http-header-size',
  '--experimental-policy',
  '--policy-integrity',
  '--experimental-specifier-resolution',
  '--es-module-specifier-resolution',
  '--experimental-default-type',
  '--experimental-sea-config',
  '--experimental-config-file',
  '--allow-fs-read',
  '--allow-fs-write',
  '--watch-path',
  '--watch-kill-signal',
  '--localstorage-file',
  '--run',
  '--trace-require-module',
  '--test-reporter',
  '--test-reporter-destination',
  '--test-name-pattern',
  '--test-skip-pattern',
  '--test-concurrency',
  '--test-timeout',
  '--test-shard',
  '--test-coverage-include',
  '--test-coverage-exclude',
  '--test-coverage-branches',
  '--test-coverage-functions',
  '--test-coverage-lines',
  '--test-global-setup',
  '--test-random-seed',
  '--test-rerun-failures',
  '--test-isolation',
  '--experimental-test-isolation',
]);

/** Flags whose value is the code to run: nothing after them is a Node.js option. */
export const EVAL_FLAGS: ReadonlySet<string> = new Set(['-e', '--eval', '-p', '--print']);

export function flagChange(flag: string): FlagChange | undefined {
  return FLAG_CHANGES.find((change) => change.flag === flag || change.aliases?.includes(flag));
}

/** V8 flags appear and disappear with each V8 version; only the target's `node --v8-options` can tell. */
export function isV8FeatureFlag(flag: string): boolean {
  return /^--(no-)?(harmony[-_]\w[\w-]*|experimental[-_]wasm[-_](?!modules$)[\w-]+)$/.test(flag);
}
