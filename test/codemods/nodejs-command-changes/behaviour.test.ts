// The point of the codemod, on real Node.js binaries: `node --test <folder>` passes on Node.js
// 20, fails on Node.js 24, and after the rewrite passes on Node.js 24 running exactly the files
// Node.js 20 ran. node@24 (and node@20 unless the machine's is 20) come from the npm registry
// through the validators' cached install (ensureNode). Under CI=true a failed install fails.
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codemod } from '../../../src/codemods/nodejs-runtime/commands/index.js';
import { ensureNode } from '../../../src/validators/node-install.js';
import { readTree, repoOf } from '../nodejs-runtime/helpers.js';

// Kept between runs, like ATX_HOME's cache: one download per machine.
const atxHome = process.env.ATX_TEST_NODE_HOME ?? join(tmpdir(), 'atx-test-node-home');

async function nodeBin(major: number): Promise<string | undefined> {
  try {
    return (await ensureNode(atxHome, major, { timeoutMs: 10 * 60_000 })).binDir;
  } catch (error) {
    if (process.env.CI === 'true') throw error;
    console.warn(`node@${major} could not be installed (${String(error)}); skipping the behaviour test`);
    return undefined;
  }
}

// Each file records its own name when Node.js runs it as a test file (not when required).
const testFile = (name: string, esm = false) =>
  esm
    ? `import test from 'node:test';\nimport { appendFileSync } from 'node:fs';\nappendFileSync(process.env.RAN_LOG, '${name}\\n');\ntest('${name}', () => {});\n`
    : `const test = require('node:test');\nconst assert = require('node:assert');\nrequire('fs').appendFileSync(process.env.RAN_LOG, '${name}\\n');\ntest('${name}', () => assert.ok(true));\n`;
const helper = (name: string) =>
  `if (require.main === module) require('fs').appendFileSync(process.env.RAN_LOG, '${name}\\n');\nmodule.exports = { value: 42 };\n`;

const project: Record<string, string> = {
  'package.json': `${JSON.stringify({ name: 'svc', private: true, engines: { node: '>=20' }, scripts: { test: 'node --test test/', 'test:spec': 'node --test spec/' } }, null, 2)}\n`,
  'test/handler.test.js': `require('./helpers/fixture');\n${testFile('test/handler.test.js')}`,
  'test/unit/parse.test.js': testFile('test/unit/parse.test.js'),
  'test/helpers/fixture.js': helper('test/helpers/fixture.js'),
  // A folder not named test: Node.js 20 runs only test-named files, and everything under spec/test/.
  'spec/x-test.cjs': testFile('spec/x-test.cjs'),
  'spec/test/y.js': testFile('spec/test/y.js'),
  'spec/u/m.test.mjs': testFile('spec/u/m.test.mjs', true),
  'spec/u/test-z.js': testFile('spec/u/test-z.js'),
  'spec/u/plain.js': helper('spec/u/plain.js'),
};

let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'atx-node-test-folder-'));
  for (const [path, text] of Object.entries(project)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `npm run <script>` on the given Node.js; the sorted files that ran as tests. */
async function npmRun(binDir: string, name: string) {
  const log = join(dir, `ran-${Date.now()}-${Math.random()}.log`);
  appendFileSync(log, '');
  const run = await execa('npm', ['run', name], {
    cwd: dir,
    reject: false,
    all: true,
    env: { PATH: `${binDir}${delimiter}${process.env.PATH ?? ''}`, RAN_LOG: log, npm_config_update_notifier: 'false' },
  });
  const { readFileSync } = await import('node:fs');
  const ran = readFileSync(log, 'utf8').split('\n').filter(Boolean).sort();
  rmSync(log);
  return { exitCode: run.exitCode, output: run.all ?? '', ran };
}

describe('node --test <folder> across Node.js 20 and 24', () => {
  it(
    'passes on 20, fails on 24; after the rewrite passes on 24 with the same test files',
    async (ctx) => {
      const [node20, node24] = [await nodeBin(20), await nodeBin(24)];
      if (!node20 || !node24) return ctx.skip();

      const before20 = { test: await npmRun(node20, 'test'), spec: await npmRun(node20, 'test:spec') };
      expect(before20.test.exitCode, before20.test.output).toBe(0);
      expect(before20.spec.exitCode, before20.spec.output).toBe(0);
      expect(before20.test.ran).toEqual(['test/handler.test.js', 'test/helpers/fixture.js', 'test/unit/parse.test.js']);
      expect(before20.spec.ran).toEqual(['spec/test/y.js', 'spec/u/m.test.mjs', 'spec/u/test-z.js', 'spec/x-test.cjs']);

      const before24 = await npmRun(node24, 'test');
      expect(before24.exitCode).not.toBe(0);
      expect(before24.output).toMatch(/Cannot find module .*test'/);
      expect(before24.ran).toEqual([]);

      const tree = readTree(dir);
      const result = await codemod.run(repoOf(new Map([...tree].filter(([path]) => !path.endsWith('.log')))), {
        targetVersion: 24,
      });
      expect([...result.changes.keys()]).toEqual(['package.json']);
      writeFileSync(join(dir, 'package.json'), result.changes.get('package.json')!);
      const scripts = JSON.parse(result.changes.get('package.json')!).scripts;
      expect(scripts.test).toBe('node --test "test/**/*.js"');

      const after24 = { test: await npmRun(node24, 'test'), spec: await npmRun(node24, 'test:spec') };
      expect(after24.test.exitCode, after24.test.output).toBe(0);
      expect(after24.spec.exitCode, after24.spec.output).toBe(0);
      expect(after24.test.ran).toEqual(before20.test.ran);
      expect(after24.spec.ran).toEqual(before20.spec.ran);
    },
    15 * 60_000,
  );
});
