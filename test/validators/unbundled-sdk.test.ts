// validator: unbundled-sdk fails while a function of the transformed tree loads aws-sdk v2 without
// shipping it, naming each with its template and handler, and passes once none does.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runValidator, validatorSpecProblem } from '../../src/validators/index.js';
import { readTree } from '../codemods/lambda-callback-to-async/fixture-tree.js';
import { criterion, makeRepo, type TempRepo } from './helpers.js';

const fixture = join(import.meta.dirname, '../../fixtures/aws-sdk-v2-to-v3/unbundled-sam-two-functions');
const spec = { validator: 'unbundled-sdk' };

let repo: TempRepo;
afterEach(() => repo?.cleanup());

describe('unbundled-sdk validator', () => {
  it('fails naming the function that remains, then passes once its code is converted', async () => {
    const input = readTree(join(fixture, 'input'));
    repo = makeRepo(input);
    expect(validatorSpecProblem(spec)).toBeUndefined();

    const before = await runValidator(criterion(spec), repo.ctx({ targetVersion: 24 }));
    expect(before.status).toBe('failed');
    expect(before.evidence[0]).toMatchObject({
      kind: 'metric',
      details: { functions: 2, nodejs: 2, unbundled: 1, targetVersion: 24 },
    });
    expect(before.evidence.slice(1)).toHaveLength(1);
    expect(before.evidence[1].details).toMatchObject({
      function: 'ReportsFunction',
      handler: 'reports/src/report.js',
      runtime: 'nodejs16.x',
      loads: ['reports/src/store.js:2'],
    });
    expect(before.evidence[1].details.declaredAt).toMatch(/^template\.yaml:\d+$/);
    expect(before.evidence[1].summary).toContain('fails at cold start on nodejs24.x');

    // The remedy's result, committed as the executor does.
    for (const [path, text] of Object.entries(readTree(join(fixture, 'output'))))
      if (input[path] !== text) repo.write(path, text);
    repo.commit('1.2 convert the unshipped function');
    const after = await runValidator(criterion(spec), repo.ctx({ targetVersion: 24 }));
    expect(after.status).toBe('passed');
    expect(after.evidence).toHaveLength(1);
    expect(after.evidence[0].details).toMatchObject({ functions: 2, unbundled: 0 });
  });

  it('passes when the target keeps the functions on a runtime that includes SDK v2', async () => {
    repo = makeRepo(readTree(join(fixture, 'input')));
    expect((await runValidator(criterion(spec), repo.ctx({ targetVersion: 16 }))).status).toBe('passed');
  });
});
