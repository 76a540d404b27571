// The only networked test file: it installs a real Node.js from the npm registry.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeCacheDir, runValidator } from '../../src/validators/index.js';
import { criterion, makeRepo, type TempRepo } from './helpers.js';

let repo: TempRepo;
afterEach(() => repo?.cleanup());

const machineMajor = Number(process.versions.node.split('.')[0]);
// A major other than the machine's, so the validator must install it.
const target = machineMajor === 24 ? 22 : 24;

// The suite fails unless it really runs on the target major.
const suite = (major: number) => `import test from 'node:test';
import assert from 'node:assert/strict';
test('runs on the target Node.js', () => {
  console.log('RUNNING ON ' + process.version);
  assert.equal(process.versions.node.split('.')[0], '${major}');
});
`;
const pkg = JSON.stringify({ name: 'svc', type: 'module', scripts: { test: 'node --test' } });

describe('node-runtime validator', () => {
  it(`installs node@${target} from the npm registry once, runs the tests on it, then reuses the cache`, async () => {
    repo = makeRepo({ 'package.json': pkg, 'test/runtime.test.mjs': suite(target) });
    const ctx = repo.ctx({ targetVersion: target, timeoutMs: 10 * 60_000 });

    const first = await runValidator(criterion({ validator: 'node-runtime' }), ctx);
    const [install, version, tests] = first.evidence;
    expect(install.details).toMatchObject({ exitCode: 0 });
    expect(String(install.details.command)).toContain(`node@${target}`);
    expect(version.kind).toBe('metric');
    expect(version.details).toMatchObject({ targetMajor: target, source: 'installed' });
    expect(String(version.details.nodeVersion)).toMatch(new RegExp(`^v${target}\\.`));
    expect(tests.details).toMatchObject({ command: 'npm test', exitCode: 0, nodeVersion: version.details.nodeVersion });
    expect(String(tests.details.outputTail)).toContain(`RUNNING ON ${version.details.nodeVersion}`);
    expect(first.status).toBe('passed');

    const marker = join(nodeCacheDir(ctx.atxHome, target), '.atx-node.json');
    const installedAt = JSON.parse(readFileSync(marker, 'utf8')).installedAt;
    const markerTime = statSync(marker).mtimeMs;

    const second = await runValidator(criterion({ validator: 'node-runtime' }), ctx);
    expect(second.status).toBe('passed');
    // No npm install this time: the evidence starts with the version, taken from the cache.
    expect(second.evidence.map((e) => e.kind)).toEqual(['metric', 'command']);
    expect(second.evidence[0].details).toMatchObject({ source: 'cache', nodeVersion: version.details.nodeVersion });
    expect(JSON.parse(readFileSync(marker, 'utf8')).installedAt).toBe(installedAt);
    expect(statSync(marker).mtimeMs).toBe(markerTime);

    // Same cache, tests that only pass on the machine's Node.js: the failure is reported.
    repo.write('test/runtime.test.mjs', suite(machineMajor));
    const wrong = await runValidator(criterion({ validator: 'node-runtime' }), ctx);
    expect(wrong.status).toBe('failed');
    expect(wrong.evidence[1].details.exitCode).not.toBe(0);
  }, 600_000);
});
