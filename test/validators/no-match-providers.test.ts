// The Node.js upgrade's no-match criteria on a repository with services of other providers:
// matches in their folders and in comments do not count, and the evidence says which were left
// out and why; a match in a string that holds `#` or `//` still counts.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseDefinition } from '../../src/definitions/parse.js';
import type { ValidatorSpec } from '../../src/definitions/types.js';
import { expandValidator } from '../../src/planner/plan.js';
import { runValidator } from '../../src/validators/index.js';
import { criterion, makeRepo, type TempRepo } from './helpers.js';

const fixture = join(import.meta.dirname, '../../fixtures/other-providers/mixed');

function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile())
      out[relative(dir, join(entry.parentPath, entry.name))] = readFileSync(join(entry.parentPath, entry.name), 'utf8');
  }
  return out;
}

/** The definition's two no-match criteria (runtimes, removed context interface), for target 24. */
function shippedCriteria(): { runtimes: ValidatorSpec; contextApi: ValidatorSpec } {
  const file = join(
    import.meta.dirname,
    '../../transformations/AWS/nodejs-version-upgrade/transformation_definition.md',
  );
  const specs = parseDefinition(readFileSync(file, 'utf8'), file).exitCriteria.flatMap((c) =>
    c.validator?.validator === 'no-match' ? [expandValidator(c.validator, 24)!] : [],
  );
  const [runtimes, contextApi] = specs;
  expect(contextApi!.pattern).toContain('context');
  return { runtimes: runtimes!, contextApi: contextApi! };
}

let repo: TempRepo;
afterEach(() => repo?.cleanup());

describe('no-match with services of other providers and comments', () => {
  it('passes once the AWS service is upgraded; other providers and comments are left out, and named', async () => {
    repo = makeRepo(tree(join(fixture, 'input')));
    const output = tree(join(fixture, 'output'));
    for (const path of Object.keys(output).filter((p) => p.startsWith('orders-aws/'))) repo.write(path, output[path]!);
    repo.commit('upgrade the AWS service');
    const { runtimes, contextApi } = shippedCriteria();

    const runtime = await runValidator(criterion(runtimes), repo.ctx());
    expect(runtime.status).toBe('passed');
    const [r] = runtime.evidence;
    expect(r!.details.before).toEqual({ lines: 1, files: { 'orders-aws/serverless.yml': 1 } });
    expect(r!.details.after).toEqual({ lines: 0, files: {} });
    expect(r!.details.notCounted).toMatchObject({
      comments: {
        before: 2,
        after: 2,
        matches: ['orders-aws/serverless.yml:9: #  - nodejs10.x', 'orders-aws/serverless.yml:10: #  - nodejs12.x'],
      },
      otherProviders: { before: 1, after: 1, matches: ["google-greeter/serverless.yml:5: runtime: 'nodejs12.x'"] },
    });
    expect(r!.summary).toContain(
      'not counted (before/after): 2/2 in comments, 1/1 in services of other providers: google-greeter/ (google)',
    );

    const api = await runValidator(criterion(contextApi), repo.ctx());
    expect(api.status).toBe('passed');
    const [a] = api.evidence;
    expect(a!.details.after).toEqual({ lines: 0, files: {} });
    expect(a!.details.notCounted).toMatchObject({
      comments: {
        before: 1,
        after: 1,
        matches: [
          'orders-aws/handler.js:3: // Before 2019 this answered with context.succeed(order); the callback replaced it.',
        ],
      },
      otherProviders: { before: 2, after: 2 },
    });
    const folders = (
      a!.details.notCounted as { otherProviders: { folders: Array<{ folder: string; provider: string }> } }
    ).otherProviders.folders;
    expect(folders.map((f) => `${f.folder} (${f.provider})`)).toEqual([
      'azure-functions-app (azure)',
      'azure-greeter (azure)',
      'google-greeter (google)',
    ]);
  });

  it('without excludeOtherProviders the Azure handlers count, and comments can be counted too', async () => {
    repo = makeRepo(tree(join(fixture, 'output')));
    const { contextApi } = shippedCriteria();
    const plain = await runValidator(criterion({ ...contextApi, options: {} }), repo.ctx());
    expect(plain.status).toBe('failed');
    expect(plain.evidence[0]!.details.after).toEqual({
      lines: 2,
      files: { 'azure-functions-app/HttpHello/index.js': 1, 'azure-greeter/handler.js': 1 },
    });
    const all = await runValidator(criterion({ ...contextApi, options: { countComments: true } }), repo.ctx());
    expect(all.evidence[0]!.details.after).toMatchObject({ lines: 3 });
  });

  it('a match in a string holding # or //, or in code after a comment closes, still counts', async () => {
    repo = makeRepo({
      'template.yaml':
        'Resources:\n  Fn:\n    Properties:\n      Description: "see #runbook: nodejs12.x" # note\n      Tags: { a: b } # nodejs12.x\n',
      'src/index.js':
        "const note = 'docs // context.succeed(';\n/* old */ context.done(null, 1);\nconst re = /\\/\\/ context.fail(/;\n",
      'infra/main.tf': 'description = "a # nodejs12.x"\n# runtime = "nodejs12.x"\n',
    });
    const { runtimes, contextApi } = shippedCriteria();
    const runtime = await runValidator(criterion(runtimes), repo.ctx());
    expect(runtime.evidence[0]!.details.after).toEqual({ lines: 2, files: { 'template.yaml': 1, 'infra/main.tf': 1 } });
    expect(runtime.evidence[0]!.details.matches).toEqual([
      'infra/main.tf:1: description = "a # nodejs12.x"',
      'template.yaml:4: Description: "see #runbook: nodejs12.x" # note',
    ]);
    const api = await runValidator(criterion(contextApi), repo.ctx());
    expect(api.evidence[0]!.details.after).toEqual({ lines: 3, files: { 'src/index.js': 3 } });
  });

  it('a service whose provider is a variable atx cannot resolve is still searched, and named as such', async () => {
    repo = makeRepo({
      'svc/serverless.yml': "provider:\n  name: ${opt:provider, 'aws'}\n  runtime: nodejs12.x\n",
      'azure/serverless.yml': 'provider:\n  name: azure\n  runtime: nodejs12.x\n',
    });
    const { runtimes } = shippedCriteria();
    const result = await runValidator(criterion(runtimes), repo.ctx());
    expect(result.status).toBe('failed');
    expect(result.evidence[0]!.details.after).toEqual({ lines: 1, files: { 'svc/serverless.yml': 1 } });
    expect(result.evidence[0]!.details.notCounted).toMatchObject({
      otherProviders: {
        after: 1,
        stillSearched: [
          {
            folder: 'svc',
            reason: expect.stringContaining(
              "svc/serverless.yml:2: serverless.yml names its provider through a variable (${opt:provider, 'aws'})",
            ),
          },
        ],
      },
    });
  });
});
