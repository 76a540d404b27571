// How a run names its target (a string, a YAML number, a sentence of plan context) and limits
// itself to `paths`; a target Lambda has no runtime for is never written into a template.
import { describe, expect, it } from 'vitest';
import { codemod } from '../../../src/codemods/python-runtime/index.js';
import { UsageError } from '../../../src/errors.js';
import { brief, inlineRepo } from './helpers.js';

const files = {
  'template.yaml':
    'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: python3.9\n',
  '.python-version': '3.9\n',
  'services/api/main.tf': 'resource "aws_lambda_function" "f" {\n  runtime = "python3.8"\n}\n',
  'services/web/Dockerfile': 'FROM python:3.9-slim\n',
};
const repo = inlineRepo(files);

describe('python-runtime-upgrade options', () => {
  it('reads the target as a string, a number (YAML reads 3.10 as 3.1) or a sentence', async () => {
    const targets: [Record<string, unknown>, string][] = [
      [{}, '3.13'],
      [{ targetVersion: '3.12' }, '3.12'],
      [{ targetVersion: 3.12 }, '3.12'],
      [{ targetVersion: 3.1 }, '3.10'],
      [{ targetVersion: 'python3.11' }, '3.11'],
      [{ additionalPlanContext: 'The target Python version is 3.12.' }, '3.12'],
    ];
    for (const [options, version] of targets) {
      const { changes } = await codemod.run(repo, options);
      expect(changes.get('.python-version'), JSON.stringify(options)).toBe(`${version}\n`);
      expect(changes.get('template.yaml')).toContain(`Runtime: python${version}\n`);
    }
  });

  it('refuses a target that is not a Python 3 version', () => {
    for (const targetVersion of ['2.7', 'latest', 24]) {
      expect(() => codemod.run(repo, { targetVersion }), String(targetVersion)).toThrow(UsageError);
    }
  });

  it('writes no Lambda runtime Lambda lacks, but moves what is not Lambda', async () => {
    const { changes, findings } = await codemod.run(repo, { targetVersion: '3.15' });
    expect([...changes.keys()].sort()).toEqual(['.python-version', 'services/web/Dockerfile']);
    expect(brief(findings)).toEqual([
      'services/api/main.tf:2 unsupported-target manual',
      'template.yaml:6 unsupported-target manual',
    ]);
  });

  it('limits the run to `paths` (folders and globs)', async () => {
    const folder = await codemod.run(repo, { paths: ['services/api'] });
    expect([...folder.changes.keys()]).toEqual(['services/api/main.tf']);
    const glob = await codemod.run(repo, { paths: ['**/Dockerfile', './template.yaml'] });
    expect([...glob.changes.keys()].sort()).toEqual(['services/web/Dockerfile', 'template.yaml']);
  });
});
