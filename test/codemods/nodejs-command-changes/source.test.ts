// The source major comes from what the repository declares before the run, read by the runtime
// upgrade's own surfaces; without a declaration, Node.js 16 (the oldest Lambda users move from).
import { describe, expect, it } from 'vitest';
import { codemod } from '../../../src/codemods/nodejs-runtime/commands/index.js';
import { declaredMajors } from '../../../src/codemods/nodejs-runtime/commands/source-version.js';
import { inlineRepo } from '../nodejs-runtime/helpers.js';
import { run } from './helpers.js';

const template = (runtime: string) =>
  `Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: ${runtime}\n      Handler: index.handler\n`;

describe('declared majors', () => {
  it('reads templates, version files, images, CI and engines, but not type packages', () => {
    const repo = inlineRepo({
      'template.yaml': template('nodejs18.x'),
      '.nvmrc': 'v20.11.0\n',
      Dockerfile: 'FROM public.ecr.aws/lambda/nodejs:22\n',
      'package.json': JSON.stringify({
        engines: { node: '^16.20.0 || >=18' },
        devDependencies: { '@types/node': '^14.0.0' },
      }),
      'docs/template.yaml': template('nodejs12.x'),
    });
    expect(declaredMajors(repo, 24)).toEqual([16, 18, 20, 22]);
  });

  it('takes the lowest major of an engines range that is left as it is, and nothing from `*`', () => {
    const engines = (node: string) => inlineRepo({ 'package.json': JSON.stringify({ engines: { node } }) });
    expect(declaredMajors(engines('>=18.12 <25'), 24)).toEqual([18]);
    expect(declaredMajors(engines('^14 || ^16'), 24)).toEqual([14]);
    expect(declaredMajors(engines('*'), 24)).toEqual([]);
  });

  it('gives the plan the oldest one, and nothing when nothing is declared', () => {
    expect(
      codemod.planOptions!(inlineRepo({ 'template.yaml': template('nodejs20.x'), '.nvmrc': '22\n' }), {
        targetVersion: 24,
      }),
    ).toEqual({ sourceVersion: 20 });
    expect(codemod.planOptions!(inlineRepo({ 'README.md': '# x\n' }), { targetVersion: 24 })).toEqual({});
  });
});

describe('the source used by a run', () => {
  const files = { 'build.sh': 'node --experimental-fetch build.js\n' };

  it("takes the plan's source over what the files say after the runtime rewrite", async () => {
    const rewritten = { ...files, 'template.yaml': template('nodejs24.x') };
    expect((await run(rewritten, { sourceVersion: 20 })).changes.size).toBe(0);
    expect((await run(rewritten, { sourceVersion: 16 })).changes.get('build.sh')).toBe('node build.js\n');
  });

  it('without a plan, reads the declarations older than the target', async () => {
    expect((await run({ ...files, 'template.yaml': template('nodejs20.x') })).changes.size).toBe(0);
    expect((await run({ ...files, 'template.yaml': template('nodejs16.x') })).changes.size).toBe(1);
  });

  it('assumes Node.js 16 when nothing is declared, and says so', async () => {
    const result = await run(files);
    expect(result.changes.get('build.sh')).toBe('node build.js\n');
    expect(result.findings[0]).toMatchObject({ file: '.', rule: 'nodejs-commands/source-version', severity: 'info' });
    expect(result.findings[0]!.message).toContain('16');
  });
});

describe('which files hold commands', () => {
  it('takes an extensionless file as a shell script only with a sh or bash shebang', async () => {
    const result = await run(
      {
        LICENSE: 'node --experimental-fetch is mentioned here\n',
        'bin/deploy': '#!/bin/bash\nnode --experimental-fetch deploy.js\n',
        'bin/tool': '#!/usr/bin/env python3\nprint("node --experimental-fetch")\n',
      },
      { sourceVersion: 16 },
    );
    expect([...result.changes.keys()]).toEqual(['bin/deploy']);
    expect(
      codemod.candidates(inlineRepo({ LICENSE: 'node', 'bin/deploy': '#!/bin/sh\nnode x\n', 'a.png': '\u0000' }), {
        targetVersion: 24,
      }),
    ).toEqual(['bin/deploy']);
  });
});
