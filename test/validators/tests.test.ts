import { afterEach, describe, expect, it } from 'vitest';
import { resolveTestCommand, runValidator } from '../../src/validators/index.js';
import { criterion, makeRepo, type TempRepo } from './helpers.js';

const passingSuite = `import test from 'node:test';
import assert from 'node:assert/strict';
import { add } from '../src/add.mjs';
test('adds', () => assert.equal(add(2, 3), 5));
`;

let repo: TempRepo;
afterEach(() => repo?.cleanup());

function pkg(scripts: Record<string, string>): string {
  return `${JSON.stringify({ name: 'svc', version: '1.0.0', type: 'module', scripts }, null, 2)}\n`;
}

describe('tests validator', () => {
  it('runs `npm test` when package.json has a real test script, and fails when the code breaks', async () => {
    repo = makeRepo({
      'package.json': pkg({ test: 'node --test test/' }),
      'src/add.mjs': 'export const add = (a, b) => a + b;\n',
      'test/add.test.mjs': passingSuite,
    });
    expect(await resolveTestCommand(repo.ctx())).toEqual({ command: 'npm test', source: 'package.json' });
    const passed = await runValidator(criterion({ validator: 'tests' }), repo.ctx());
    expect(passed.status).toBe('passed');
    expect(passed.evidence[0].details).toMatchObject({ command: 'npm test', exitCode: 0, source: 'package.json' });

    // The "transformation" broke the code: the same check now fails, with the assertion in the tail.
    repo.write('src/add.mjs', 'export const add = (a, b) => a - b;\n');
    const failed = await runValidator(criterion({ validator: 'tests' }), repo.ctx());
    expect(failed.status).toBe('failed');
    expect(failed.evidence[0].details.exitCode).not.toBe(0);
    expect(String(failed.evidence[0].details.outputTail)).toMatch(/fail 1/);
  });

  it("treats npm init's placeholder script as no tests and skips with a reason", async () => {
    repo = makeRepo({ 'package.json': pkg({ test: 'echo "Error: no test specified" && exit 1' }) });
    expect(await resolveTestCommand(repo.ctx())).toBeUndefined();
    const result = await runValidator(criterion({ validator: 'tests' }), repo.ctx());
    expect(result.status).toBe('skipped');
    expect(result.evidence[0].summary).toMatch(/no test script/);
  });

  it('skips when there is no package.json, or one that does not parse', async () => {
    repo = makeRepo({ 'README.md': '# svc\n' });
    expect((await runValidator(criterion({ validator: 'tests' }), repo.ctx())).status).toBe('skipped');
    repo.write('package.json', '{ "scripts": { "test": ');
    expect(await resolveTestCommand(repo.ctx())).toBeUndefined();
  });

  it('prefers the configured test command over package.json', async () => {
    repo = makeRepo({ 'package.json': pkg({ test: 'exit 1' }) });
    const result = await runValidator(
      criterion({ validator: 'tests' }),
      repo.ctx({ testCommand: 'node -e "console.log(42)"' }),
    );
    expect(result.status).toBe('passed');
    expect(result.evidence[0].details).toMatchObject({ source: 'context', outputTail: '42' });
  });

  it('looks for the test script in the scope folder of a monorepo', async () => {
    repo = makeRepo({
      'package.json': pkg({}),
      'packages/api/package.json': pkg({ test: 'node --test' }),
      'packages/api/src/add.mjs': 'export const add = (a, b) => a + b;\n',
      'packages/api/test/add.test.mjs': passingSuite,
    });
    expect(await resolveTestCommand(repo.ctx())).toBeUndefined();
    const result = await runValidator(criterion({ validator: 'tests' }), repo.ctx({ scope: 'packages/api' }));
    expect(result.status).toBe('passed');
    expect(result.evidence[0].details.cwd).toBe('packages/api');
  });
});
