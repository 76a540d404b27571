// V8's compiled code of the TypeScript compiler, kept between runs on Node.js versions without a
// compile cache of their own (before 22.1; bin/atx.js turns Node's on where it exists). Compiling
// the compiler's 9 MB file is about 400 ms of every start that converts code; with its code
// cached, about half of that. Only the CLI turns it on (bin/atx.js), for its own ATX_HOME:
// the cache is ATX_HOME/cache/v8/<file>-<hash of the file>-<hash of Node.js version, arch and
// flags>.bin, so a changed file or another Node.js never meets a stale cache, and V8 itself
// rejects one that does not match it (it is then written again). The build (npm ci) keeps one
// made with its Node.js in dist/cache/v8, so that even a first run in a fresh ATX_HOME (a CI
// job's) finds one. Nothing here is built from a repository's or a definition's data.
import buffer = require('node:buffer');
import crypto = require('node:crypto');
import fs = require('node:fs');
import nodeModule = require('node:module');
import os = require('node:os');
import path = require('node:path');
import vm = require('node:vm');

let cacheDir: string | undefined;

/** The parameters require gives a CommonJS module's code. */
const WRAPPER_PARAMETERS = ['exports', 'require', 'module', '__filename', '__dirname'];

/** Turns the cache on for this process (the CLI's entry calls this), unless NODE_DISABLE_COMPILE_CACHE=1. */
export function enableCompileCache(env: NodeJS.ProcessEnv = process.env): void {
  if (env.NODE_DISABLE_COMPILE_CACHE === '1') return;
  // Node.js's own cache covers every module where it is on.
  if (typeof (nodeModule as { getCompileCacheDir?: () => string | undefined }).getCompileCacheDir?.() === 'string')
    return;
  // ATX_HOME as util/home.ts reads it (an ES module this CommonJS one cannot load).
  cacheDir = path.join(path.resolve(env.ATX_HOME || path.join(os.homedir(), '.atx')), 'cache', 'v8');
}

/** What preloadCompiled did: nothing (cache off, module loaded, or it failed), or loaded the module with the cache it had, wrote, or wrote again. */
export type Preload = 'off' | 'loaded' | 'failed' | 'used' | 'written' | 'rewritten';

/**
 * Loads the CommonJS module `specifier` (resolved from this folder) into the require cache with
 * its cached code, so that the next `require` of it takes it from there; writes the cache when
 * there was none or V8 rejected it. Does nothing when the cache is off or the module is loaded;
 * any failure leaves the module to a plain `require`.
 */
export function preloadCompiled(specifier: string): Preload {
  if (!cacheDir) return 'off';
  const filename = require.resolve(specifier);
  if (require.cache[filename]) return 'loaded';
  const read = readModule(filename);
  if (!read) return 'failed';
  const { source, name } = read;
  const cacheFile = path.join(cacheDir, name);
  // This user's cache, else the one the build made with the same Node.js (npm ci builds atx).
  const cachedData = readIfAny(cacheFile) ?? readIfAny(path.join(builtDir(), name));
  const loaded = new nodeModule(filename, module);
  loaded.filename = filename;
  loaded.paths = (nodeModule as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(
    path.dirname(filename),
  );
  try {
    const compiled = vm.compileFunction(source, WRAPPER_PARAMETERS, {
      filename,
      cachedData,
      produceCachedData: cachedData === undefined,
    }) as ((...args: unknown[]) => void) & { cachedData?: Buffer; cachedDataRejected?: boolean };
    require.cache[filename] = loaded;
    compiled.call(
      loaded.exports,
      loaded.exports,
      nodeModule.createRequire(filename),
      loaded,
      filename,
      path.dirname(filename),
    );
    loaded.loaded = true;
    if (compiled.cachedDataRejected) {
      writeCache(cacheFile, makeCachedData(source, filename));
      return 'rewritten';
    }
    if (cachedData !== undefined) return 'used';
    writeCache(cacheFile, compiled.cachedData);
    return 'written';
  } catch {
    delete require.cache[filename];
    return 'failed';
  }
}

/** Where the build keeps the cache it made (dist/cache/v8), read-only to runs. */
function builtDir(): string {
  return path.join(__dirname, '..', 'cache', 'v8');
}

/**
 * For the build (scripts/compile-cache.mjs): compiles `specifier` and keeps its code cache in
 * dist/cache/v8, under the name a run with this Node.js and no other flags looks for. Returns
 * the file written, or undefined when there is nothing to keep.
 */
export function writeBuiltCache(specifier: string): string | undefined {
  const filename = require.resolve(specifier);
  const read = readModule(filename);
  const data = read && makeCachedData(read.source, filename);
  if (!read || !data) return undefined;
  const file = path.join(builtDir(), read.name);
  writeCache(file, data);
  return fs.existsSync(file) ? file : undefined;
}

/**
 * The module's source, as require reads it, and the name of its cache:
 * <file>-<hash of the bytes>-<hash of Node.js version, arch and flags>.bin.
 */
function readModule(filename: string): { source: string; name: string } | undefined {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(filename);
  } catch {
    return undefined;
  }
  // The compiler's file is ASCII: read as such it is one copy of the bytes, where decoding 9 MB of
  // UTF-8 took 90-120 ms. Any other text is decoded as UTF-8 (without a byte-order mark, as require does).
  let source = buffer.isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
  if (source.charCodeAt(0) === 0xfeff) source = source.slice(1);
  // A new version of the file replaces the caches of the old one, while runs with other flags
  // (V8 rejects a cache made under others) keep one each.
  const hash = (...parts: (string | Buffer)[]) => {
    const digest = crypto.createHash('sha256');
    for (const part of parts) digest.update(part);
    return digest.digest('hex').slice(0, 16);
  };
  const runtime = [process.version, process.arch, ...process.execArgv, process.env.NODE_OPTIONS ?? ''].join('\0');
  const name = `${path.basename(filename, '.js')}-${hash(filename, '\0', bytes)}-${hash(runtime).slice(0, 8)}.bin`;
  return { source, name };
}

function readIfAny(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

/** The code cache of `source` compiled afresh (after V8 rejected the kept one). */
function makeCachedData(source: string, filename: string): Buffer | undefined {
  const compiled = vm.compileFunction(source, WRAPPER_PARAMETERS, {
    filename,
    produceCachedData: true,
  }) as { cachedData?: Buffer };
  return compiled.cachedData;
}

/** Writes whole or not at all (a temporary file renamed over), readable by this user only; failures are ignored. */
function writeCache(cacheFile: string, data: Buffer | undefined): void {
  if (!data) return;
  const temporary = `${cacheFile}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  try {
    fs.mkdirSync(path.dirname(cacheFile), { recursive: true, mode: 0o700 });
    fs.writeFileSync(temporary, data, { mode: 0o600, flag: 'wx' });
    fs.renameSync(temporary, cacheFile);
    // The caches of earlier versions of the file are not needed again.
    const parts = (name: string) => /^(.+)-([0-9a-f]{16})-[0-9a-f]{8}\.bin$/.exec(name);
    const [, base, version] = parts(path.basename(cacheFile))!;
    for (const name of fs.readdirSync(path.dirname(cacheFile))) {
      const other = parts(name);
      if (other && other[1] === base && other[2] !== version)
        fs.rmSync(path.join(path.dirname(cacheFile), name), { force: true });
    }
  } catch {
    fs.rmSync(temporary, { force: true });
  }
}
