// The shipped nodejs-version-upgrade criterion "no runtime older than the target remains",
// searched with git grep as the no-match validator does: a layer's compatible runtimes may keep
// runtimes Lambda still supports; everything else older than the target still counts.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDefinitionDir } from '../../src/definitions/index.js';
import { expandValidator } from '../../src/planner/plan.js';
import { git, makeRepo, projectRoot } from '../helpers/cli.js';

async function runtimePattern(target: number): Promise<string> {
  const bundle = await loadDefinitionDir(join(projectRoot, 'transformations/AWS/nodejs-version-upgrade'));
  const criterion = bundle.definition.exitCriteria.find(
    (c) => c.validator?.validator === 'no-match' && c.validator.pattern?.includes('olderNodeMajors'),
  );
  return expandValidator(criterion!.validator, target)!.pattern!;
}

/** The lines git grep -P finds, as `file:line`. */
async function matches(files: Record<string, string>, pattern: string): Promise<string[]> {
  const repo = await makeRepo(files);
  const out = await git(repo, ['grep', '-P', '-n', '-e', pattern]).catch(() => '');
  return out
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split(':').slice(0, 2).join(':'));
}

describe('no older runtime remains (AWS/nodejs-version-upgrade)', () => {
  it('does not count supported runtimes a layer keeps, and counts everything else', async () => {
    const template = [
      'Resources:', //                                              1
      '  Fn:', //                                                   2
      '    Properties:', //                                         3
      '      Runtime: nodejs20.x', //                               4 counted: a function
      '      Pick: !If [Old, nodejs16.x, nodejs24.x]', //           5 counted
      '  Layer:', //                                                6
      '    Properties:', //                                         7
      '      CompatibleRuntimes:', //                               8
      '        - nodejs20.x   # kept', //                           9 not counted
      '        - "nodejs18.x"', //                                  10 counted: retired
      '        - nodejs24.x', //                                    11
      '  Flow:', //                                                 12
      '    Properties:', //                                         13
      '      CompatibleRuntimes: [nodejs22.x, nodejs24.x] # both', // 14 not counted
      '      CompatibleRuntimes: [nodejs16.x, nodejs24.x]', //      15 counted: retired
      '',
    ].join('\r\n');
    const tf =
      'resource "l" "l" {\n  compatible_runtimes = ["nodejs24.x", "nodejs20.x", "python3.12"]\n}\nresource "f" "f" {\n  runtime = "nodejs22.x"\n}\n';
    const cdk =
      "new LayerVersion(this, 'L', { compatibleRuntimes: [Runtime.NODEJS_20_X, Runtime.NODEJS_24_X] });\nnew Function(this, 'F', { runtime: Runtime.NODEJS_22_X });\n";
    const minified =
      '{"L":{"Properties":{"CompatibleRuntimes":["nodejs24.x"]}},"F":{"Properties":{"Runtime":"nodejs20.x"}}}\n';
    const found = await matches(
      {
        'template.yaml': template,
        'main.tf': tf,
        'stack.ts': cdk,
        'min.json': minified,
        Dockerfile: 'FROM public.ecr.aws/lambda/nodejs:20\n',
      },
      await runtimePattern(24),
    );
    expect(found.sort()).toEqual([
      'Dockerfile:1',
      'main.tf:5',
      'min.json:1',
      'stack.ts:2',
      'template.yaml:10',
      'template.yaml:15',
      'template.yaml:4',
      'template.yaml:5',
    ]);
  });

  it('follows the target: for Node.js 22, a layer may keep nodejs20.x but not nodejs18.x', async () => {
    const found = await matches(
      {
        'a.yaml':
          'CompatibleRuntimes: [nodejs20.x, nodejs22.x]\nCompatibleRuntimes: [nodejs18.x, nodejs22.x]\nRuntime: nodejs20.x\n',
      },
      await runtimePattern(22),
    );
    expect(found).toEqual(['a.yaml:2', 'a.yaml:3']);
  });
});
