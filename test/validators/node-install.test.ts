// The cache, the lock and install failures, with a stand-in `npm` first on PATH (no network).
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureNode, runValidator } from '../../src/validators/index.js';
import { criterion, makeRepo, type TempRepo } from './helpers.js';

// Logs each call, takes a second (so a racing second install would overlap), then lays out
// node_modules/node/bin/node like the real package, answering a fixed version.
const fakeNpm = `#!/bin/sh
echo "$*" >> "$FAKE_NPM_LOG"
if [ -n "$FAKE_NPM_FAIL" ]; then echo "npm error code ETARGET"; echo "npm error notarget No matching version found for node@99." >&2; exit 1; fi
prefix=""
while [ $# -gt 0 ]; do if [ "$1" = "--prefix" ]; then prefix="$2"; fi; shift; done
sleep 1
mkdir -p "$prefix/node_modules/node/bin"
printf '#!/bin/sh\\necho v99.1.0\\n' > "$prefix/node_modules/node/bin/node"
chmod +x "$prefix/node_modules/node/bin/node"
`;

let dir: string;
let repo: TempRepo | undefined;
const savedPath = process.env.PATH;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'atx-fake-npm-'));
  writeFileSync(join(dir, 'npm'), fakeNpm);
  chmodSync(join(dir, 'npm'), 0o755);
  process.env.PATH = `${dir}${delimiter}${savedPath}`;
  process.env.FAKE_NPM_LOG = join(dir, 'calls.log');
  delete process.env.FAKE_NPM_FAIL;
});
afterEach(() => {
  process.env.PATH = savedPath;
  rmSync(dir, { recursive: true, force: true });
  repo?.cleanup();
  repo = undefined;
});

const calls = () =>
  existsSync(join(dir, 'calls.log')) ? readFileSync(join(dir, 'calls.log'), 'utf8').trim().split('\n') : [];

describe('ensureNode', () => {
  it('two runs racing for the same major install it once; the other waits and reuses it', async () => {
    const atxHome = join(dir, 'home');
    const [a, b] = await Promise.all([
      ensureNode(atxHome, 99, { timeoutMs: 60_000 }),
      ensureNode(atxHome, 99, { timeoutMs: 60_000 }),
    ]);
    expect(calls()).toHaveLength(1);
    expect(calls()[0]).toContain(
      `install --prefix ${join(atxHome, 'cache', 'node', '99')} --no-save --no-package-lock`,
    );
    expect([a.source, b.source].sort()).toEqual(['cache', 'installed']);
    expect(a.version).toBe('v99.1.0');
    expect(a.binDir).toBe(join(atxHome, 'cache', 'node', '99', 'node_modules', 'node', 'bin'));
    const again = await ensureNode(atxHome, 99, { timeoutMs: 60_000 });
    expect(again.source).toBe('cache');
    expect(calls()).toHaveLength(1);
  });

  it("uses the machine's own Node.js when it already is the target major", async () => {
    const major = Number(process.versions.node.split('.')[0]);
    const node = await ensureNode(join(dir, 'home'), major, { timeoutMs: 60_000 });
    expect(node).toMatchObject({ source: 'machine', version: process.version });
    expect(calls()).toEqual([]);
  });
});

describe('node-runtime validator without the network', () => {
  it("a failing install fails the criterion with npm's error as evidence, and caches nothing", async () => {
    process.env.FAKE_NPM_FAIL = '1';
    repo = makeRepo({ 'package.json': JSON.stringify({ scripts: { test: 'node --test' } }) });
    const result = await runValidator(criterion({ validator: 'node-runtime' }), repo.ctx({ targetVersion: 99 }));
    expect(result.status).toBe('failed');
    expect(result.evidence[0].details).toMatchObject({
      exitCode: 1,
      error: 'Installing node@99 from the npm registry failed (exit 1)',
    });
    expect(String(result.evidence[0].details.outputTail)).toContain('No matching version found for node@99');
    delete process.env.FAKE_NPM_FAIL;
    await ensureNode(repo.ctx().atxHome, 99, { timeoutMs: 60_000 });
    expect(calls()).toHaveLength(2);
  });

  it('a cache folder that cannot be created fails the criterion with the reason', async () => {
    repo = makeRepo({ 'package.json': JSON.stringify({ scripts: { test: 'node --test' } }) });
    const atxHome = join(dir, 'not-a-folder');
    writeFileSync(atxHome, '');
    const result = await runValidator(
      criterion({ validator: 'node-runtime' }),
      repo.ctx({ targetVersion: 99, atxHome }),
    );
    expect(result.status).toBe('failed');
    expect(result.evidence[0].summary).toMatch(/^Cannot prepare the Node.js 99 cache at .*not-a-folder.*: ENOTDIR/);
    expect(calls()).toEqual([]);
  });

  it('is skipped without a target version or without tests to run', async () => {
    repo = makeRepo({
      'package.json': JSON.stringify({ scripts: { test: 'echo "Error: no test specified" && exit 1' } }),
    });
    const noTarget = await runValidator(criterion({ validator: 'node-runtime' }), repo.ctx());
    expect(noTarget.status).toBe('skipped');
    expect(noTarget.evidence[0].summary).toMatch(/No target Node.js version/);
    const noTests = await runValidator(criterion({ validator: 'node-runtime' }), repo.ctx({ targetVersion: 99 }));
    expect(noTests.status).toBe('skipped');
    expect(noTests.evidence[0].summary).toMatch(/No test command to run under Node.js 99/);
    expect(calls()).toEqual([]);
  });

  it('runs the tests with the target node first on PATH and reports the version they saw', async () => {
    repo = makeRepo({ 'a.txt': '' });
    const result = await runValidator(
      criterion({ validator: 'node-runtime', command: 'node --version', options: { version: '99' } }),
      repo.ctx(),
    );
    expect(result.status).toBe('passed');
    expect(result.evidence.map((e) => e.kind)).toEqual(['command', 'metric', 'command']);
    expect(result.evidence[1].details).toMatchObject({ nodeVersion: 'v99.1.0', targetMajor: 99, source: 'installed' });
    expect(result.evidence[2].details).toMatchObject({ outputTail: 'v99.1.0', source: 'criterion' });
  });
});
