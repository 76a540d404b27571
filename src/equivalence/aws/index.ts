// Scripted AWS answers for the equivalence check: after installAwsInterception, the SDK modules a
// handler loads (aws-sdk v2, @aws-sdk/client-*, lib-dynamodb, util-dynamodb, lib-storage,
// s3-request-presigner; by require or import)
// record every call as { service, operation, params } in one form for v2 and v3, and answer it
// from the table in the shapes of the SDK the handler used.
import Module, { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import * as esmHooks from './hooks.js';
import { sdkModule, type SdkModule } from './names.js';
import { setState, stateKey, type State } from './state.js';
import { v2Client, v2Namespace } from './v2.js';
import { patchRealModule } from './v3.js';
import { libDynamodbStub, libStorageStub, presignerModule, utilDynamodbStub, v3ClientStub } from './v3-stubs.js';

export interface AwsCall {
  service: string;
  operation: string;
  params: unknown;
}
export type Answer = { value: unknown } | { error: { name: string; message: string; code?: string } };
export interface AnswerRule {
  service?: string;
  operation?: string;
  answer: Answer;
}
export interface AnswerTable {
  rules: AnswerRule[];
}

type Load = (request: string, parent: unknown, isMain: boolean) => unknown;
type ResolveFilename = (request: string, parent: unknown, isMain: boolean, options?: unknown) => string;
const CjsModule = Module as unknown as { _load: Load; _resolveFilename: ResolveFilename };

export function installAwsInterception(options: { answers: AnswerTable; onCall(call: AwsCall): void }): void {
  const previous = (globalThis as Record<symbol, State | undefined>)[stateKey];
  const s: State = {
    answers: options.answers,
    onCall: options.onCall,
    seq: 0,
    modules: new Map(),
    v3Exports: new Map(),
    cjsHooked: previous?.cjsHooked,
    esmHooked: previous?.esmHooked,
  };
  s.esm = (spec, parentUrl) => createRequire(fileURLToPath(parentUrl))(spec);
  setState(s);
  if (!s.cjsHooked) hookRequire();
  s.cjsHooked = true;
  const viaFlag = process.execArgv.some((arg) => arg.includes(awsLoaderUrl));
  const inThread = (Module as { registerHooks?: (hooks: object) => unknown }).registerHooks;
  if (!s.esmHooked && !viaFlag && typeof inThread === 'function') {
    inThread({ resolve: esmHooks.resolve, load: esmHooks.load });
    s.esmHooked = true;
  } else if (!s.esmHooked && !viaFlag && typeof (Module as { register?: unknown }).register === 'function') {
    Module.register(awsLoaderUrl);
    s.esmHooked = true;
  }
}

/**
 * The ESM hooks. Node.js from 18.19 and 20.6 takes them from installAwsInterception (module.register);
 * an older Node.js (16) needs them on the child's command line: `--experimental-loader <awsLoaderUrl>`.
 */
export const awsLoaderUrl = new URL('./hooks.js', import.meta.url).href;

function current(): State {
  return (globalThis as Record<symbol, State>)[stateKey];
}

function hookRequire(): void {
  const load = CjsModule._load;
  CjsModule._load = function (request: string, parent: unknown, isMain: boolean) {
    const mod = typeof request === 'string' ? sdkModule(request) : undefined;
    if (!mod) return load.call(this, request, parent, isMain);
    return sdkExports(request, mod, parent, () => load.call(this, request, parent, isMain));
  };
}

/** The module given for an SDK specifier: the real v3 package (send replaced) where it resolves, else a stub. */
function sdkExports(request: string, mod: SdkModule, parent: unknown, loadReal: () => unknown): unknown {
  const s = current();
  if (mod.kind === 'v2') {
    const ns = cached(s, 'aws-sdk', v2Namespace);
    return mod.service ? v2Client(ns, mod.service) : ns;
  }
  let entry: string | undefined;
  try {
    entry = CjsModule._resolveFilename(request, parent, false);
  } catch {
    entry = undefined;
  }
  if (entry) {
    const real = loadReal() as Record<string, unknown>;
    if (mod.kind === 'v3-presigner') return cached(s, entry, () => presignerModule(real));
    const service = mod.kind === 'v3-client' ? mod.service : undefined;
    return mod.kind === 'v3-util-dynamodb' || mod.kind === 'v3-lib-storage'
      ? real
      : patchRealModule(real, entry, service);
  }
  if (mod.kind === 'v3-client') return cached(s, request, () => v3ClientStub(mod.service));
  if (mod.kind === 'v3-lib-dynamodb') return cached(s, request, libDynamodbStub);
  if (mod.kind === 'v3-lib-storage') return cached(s, request, libStorageStub);
  if (mod.kind === 'v3-presigner') return cached(s, request, () => presignerModule());
  return cached(s, request, utilDynamodbStub);
}

function cached<T>(s: State, key: string, make: () => T): T {
  if (!s.modules.has(key)) s.modules.set(key, make());
  return s.modules.get(key) as T;
}
