// The compiled-code cache of the TypeScript compiler on Node.js versions without their own
// (dist/util/compile-cache.cjs, turned on by bin/atx.js): run in child processes, as the CLI
// loads it, against a small CommonJS module of the test's own.
import { readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import module from 'node:module';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { atx, makeRepo, projectRoot, tempDir } from '../helpers/cli.js';

const cacheModule = join(projectRoot, 'dist', 'util', 'compile-cache.cjs');
/** Node.js 22.1 and newer keep compiled code themselves; atx's cache stays off there. */
const nodeHasCache = typeof (module as { enableCompileCache?: unknown }).enableCompileCache === 'function';

/** Loads `file` as the CLI loads the compiler: the cache on for `home`, then preload, then require. */
async function load(file: string, home: string, env: Record<string, string> = {}) {
  const script = `
    const cache = require(${JSON.stringify(cacheModule)});
    cache.enableCompileCache(process.env);
    const how = cache.preloadCompiled(${JSON.stringify(file)});
    const loaded = require(${JSON.stringify(file)});
    process.stdout.write(JSON.stringify({ how, answer: loaded.answer(), file: loaded.file }));`;
  const run = await execa(process.execPath, ['-e', script], { env: { ATX_HOME: home, ...env }, extendEnv: false });
  return JSON.parse(run.stdout) as { how: string; answer: number; file: string };
}

async function cacheFiles(home: string): Promise<string[]> {
  return (await readdir(join(home, 'cache', 'v8')).catch(() => [] as string[])).sort();
}

describe.skipIf(nodeHasCache)('the compiled-code cache', () => {
  it('is written once, in ATX_HOME for this user only, and used from then on', async () => {
    const home = await tempDir();
    const dir = await tempDir();
    const file = join(dir, 'compiler.js');
    await writeFile(file, 'exports.answer = () => 6 * 7;\nexports.file = __filename;\n');

    expect(await load(file, home)).toEqual({ how: 'written', answer: 42, file });
    const [cached] = await cacheFiles(home);
    expect(cached).toMatch(/^compiler-[0-9a-f]{16}-[0-9a-f]{8}\.bin$/);
    expect((await stat(join(home, 'cache', 'v8'))).mode & 0o777).toBe(0o700);
    expect((await stat(join(home, 'cache', 'v8', cached!))).mode & 0o777).toBe(0o600);
    const bytes = await readFile(join(home, 'cache', 'v8', cached!));

    expect(await load(file, home)).toEqual({ how: 'used', answer: 42, file });
    expect(await readFile(join(home, 'cache', 'v8', cached!))).toEqual(bytes);
  });

  it('writes a damaged cache again and a changed file a new one, and loads the module all the same', async () => {
    const home = await tempDir();
    const dir = await tempDir();
    const file = join(dir, 'compiler.js');
    await writeFile(file, 'exports.answer = () => 1;\nexports.file = __filename;\n');
    await load(file, home);
    const [first] = await cacheFiles(home);
    await writeFile(join(home, 'cache', 'v8', first!), Buffer.alloc(4096, 7));
    expect(await load(file, home)).toMatchObject({ how: 'rewritten', answer: 1 });
    expect(await load(file, home)).toMatchObject({ how: 'used', answer: 1 });

    // The same length, other code: V8 alone would not tell (it checks the length); the name does.
    await writeFile(file, 'exports.answer = () => 2;\nexports.file = __filename;\n');
    expect(await load(file, home)).toMatchObject({ how: 'written', answer: 2 });
    const after = await cacheFiles(home);
    expect(after).toHaveLength(1);
    expect(after[0]).not.toBe(first);

    // Other flags (V8 would reject the cache made without them) keep a cache of their own beside it.
    expect(await load(file, home, { NODE_OPTIONS: '--max-old-space-size=300' })).toMatchObject({ how: 'written' });
    expect(await load(file, home)).toMatchObject({ how: 'used', answer: 2 });
    expect(await load(file, home, { NODE_OPTIONS: '--max-old-space-size=300' })).toMatchObject({ how: 'used' });
    expect(await cacheFiles(home)).toHaveLength(2);
  });

  it('reads a module beyond ASCII as UTF-8, without its byte-order mark, as require does', async () => {
    const home = await tempDir();
    const dir = await tempDir();
    const file = join(dir, 'compiler.js');
    await writeFile(
      file,
      '\uFEFFexports.answer = () => "→ é".codePointAt(0) + "→ é".length;\nexports.file = __filename;\n',
    );
    const expected = '→ é'.codePointAt(0)! + '→ é'.length;
    expect(await load(file, home)).toMatchObject({ how: 'written', answer: expected });
    expect(await load(file, home)).toMatchObject({ how: 'used', answer: expected });
  });

  it('is off with NODE_DISABLE_COMPILE_CACHE=1 and writes nothing', async () => {
    const home = await tempDir();
    const dir = await tempDir();
    const file = join(dir, 'compiler.js');
    await writeFile(file, 'exports.answer = () => 3;\nexports.file = __filename;\n');
    expect(await load(file, home, { NODE_DISABLE_COMPILE_CACHE: '1' })).toMatchObject({ how: 'off', answer: 3 });
    expect(await readdir(home)).toEqual([]);
  });

  it('gives a first run in a fresh ATX_HOME the cache the build kept, and the same dry run as without a cache', async () => {
    const repo = await makeRepo({
      'package.json': '{ "name": "svc", "version": "1.0.0" }\n',
      'handler.js': 'exports.handler = (event, context, callback) => {\n  callback(null, { ok: true });\n};\n',
    });
    const home = await tempDir();
    const args = 'custom def exec -n AWS/nodejs-lambda-callback-to-async --dry-run --json -p'.split(' ').concat(repo);
    const diff = (run: { exitCode: number; stdout: string; stderr: string }) => {
      expect(run.exitCode, run.stderr).toBe(0);
      return (JSON.parse(run.stdout) as { diff: string }).diff;
    };
    // npm run build kept the compiler's compiled code for this Node.js without flags.
    const built = await readdir(join(projectRoot, 'dist', 'cache', 'v8'));
    expect(built).toContainEqual(expect.stringMatching(/^typescript-[0-9a-f]{16}-[0-9a-f]{8}\.bin$/));
    const first = diff(await atx(args, { env: { ATX_HOME: home, NODE_OPTIONS: '' } }));
    expect(await cacheFiles(home)).toEqual([]);
    expect(first).toContain('+exports.handler = async (event, context) => {');
    expect(diff(await atx(args, { env: { ATX_HOME: home, NODE_DISABLE_COMPILE_CACHE: '1' } }))).toBe(first);
    // Other flags: a cache of their own in ATX_HOME, then used.
    // A secret of the run's environment never reaches the file it writes.
    const secret = 'sk-ant-api03-compile-cache-secret-value';
    const flagged = { ATX_HOME: home, NODE_OPTIONS: '--max-old-space-size=2048', ANTHROPIC_API_KEY: secret };
    expect(diff(await atx(args, { env: flagged }))).toBe(first);
    const written = await cacheFiles(home);
    expect(written).toEqual([expect.stringMatching(/^typescript-[0-9a-f]{16}-[0-9a-f]{8}\.bin$/)]);
    expect((await readFile(join(home, 'cache', 'v8', written[0]!))).includes(secret)).toBe(false);
    expect(diff(await atx(args, { env: flagged }))).toBe(first);
  });
});
