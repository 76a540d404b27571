// Targets other than the default: no downgrades, no invented Lambda runtimes, `paths` scoping.
import { describe, expect, it } from 'vitest';
import { codemod } from '../../../src/codemods/nodejs-runtime/index.js';
import { inlineRepo } from './helpers.js';

const repo = inlineRepo({
  'template.yaml':
    'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  A:\n    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: nodejs24.x\n  B:\n    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: nodejs20.x\n',
  '.nvmrc': '20\n',
  'services/api/main.tf': 'resource "aws_lambda_function" "f" {\n  runtime = "nodejs18.x"\n}\n',
  'services/web/Dockerfile': 'FROM node:18-bookworm-slim\n',
});

describe('nodejs-runtime-upgrade options', () => {
  it('defaults to Node.js 24', async () => {
    const { changes } = await codemod.run(repo, {});
    expect(changes.get('.nvmrc')).toBe('24\n');
    expect(changes.get('services/api/main.tf')).toContain('runtime = "nodejs24.x"');
  });

  it('never downgrades: a newer runtime stays and is reported as info', async () => {
    const { changes, findings } = await codemod.run(repo, { targetVersion: 22 });
    const template = changes.get('template.yaml')!;
    expect(template).toContain('Runtime: nodejs24.x\n');
    expect(template).toContain('Runtime: nodejs22.x\n');
    expect(findings).toContainEqual({
      file: 'template.yaml',
      line: 6,
      rule: 'nodejs-runtime/newer-than-target',
      severity: 'info',
      message: 'Runtime nodejs24.x is Node.js 24, newer than the target 22; left alone',
    });
  });

  it('does not write a Lambda runtime that does not exist (odd target), but still moves .nvmrc', async () => {
    const { changes, findings } = await codemod.run(repo, { targetVersion: 23 });
    expect(changes.has('template.yaml')).toBe(false);
    expect(changes.has('services/api/main.tf')).toBe(false);
    expect(changes.get('.nvmrc')).toBe('23\n');
    expect(changes.get('services/web/Dockerfile')).toBe('FROM node:23-bookworm-slim\n');
    const unsupported = findings.filter((f) => f.rule === 'nodejs-runtime/unsupported-target');
    expect(unsupported.map((f) => `${f.file}:${f.line}`).sort()).toEqual([
      'services/api/main.tf:2',
      'template.yaml:10',
    ]);
    expect(unsupported.every((f) => f.severity === 'manual')).toBe(true);
  });

  it('limits the run to `paths`', async () => {
    const { changes } = await codemod.run(repo, { paths: ['services/api'] });
    expect([...changes.keys()]).toEqual(['services/api/main.tf']);
    expect(codemod.candidates(repo, { paths: ['services'] })).toEqual([
      'services/api/main.tf',
      'services/web/Dockerfile',
    ]);
  });

  it('takes globs in `paths`, read from the repository root', async () => {
    const { changes } = await codemod.run(repo, { paths: ['services/*/main.tf'] });
    expect([...changes.keys()]).toEqual(['services/api/main.tf']);
    expect(codemod.candidates(repo, { paths: ['**/Dockerfile', '*.yaml'] })).toEqual([
      'services/web/Dockerfile',
      'template.yaml',
    ]);
  });

  it('takes the target from plain-English plan context', async () => {
    const { changes } = await codemod.run(repo, { additionalPlanContext: 'The target Node.js version is 22' });
    expect(changes.get('.nvmrc')).toBe('22\n');
  });

  it('is a pure function: the repository view is not modified', async () => {
    await codemod.run(repo, {});
    expect(repo.read('.nvmrc')).toBe('20\n');
  });
});
