import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseDefinition } from '../../src/definitions/index.js';

const file = 'fixtures/definitions/nodejs-upgrade-full/transformation_definition.md';

describe('parseDefinition on a realistic Node.js upgrade definition', async () => {
  const d = parseDefinition(await readFile(file, 'utf8'), file);

  it('reads the title, objective and summary as trimmed markdown source', () => {
    expect(d.format).toBe('transformation_definition');
    expect(d.frontMatter).toBeUndefined();
    expect(d.title).toBe('Upgrade Lambda functions to Node.js 24');
    expect(d.objective).toBe(
      'Move every AWS Lambda function in the repository to the `nodejs24.x` runtime, e.g. SAM,\n' +
        'CDK and Serverless configurations alike. Keep behaviour unchanged.',
    );
    // Inline markup and the paragraph break survive.
    expect(d.summary).toContain('**AWS SDK for JavaScript v3**.\n\nVersions involved');
  });

  it('reads entry criteria and guardrails (with "&" in the heading) as bullets', () => {
    expect(d.entryCriteria).toEqual([
      'The repository is a git repository with at least one commit.',
      'A `package.json` exists at the root\nor in each package of a monorepo.',
    ]);
    expect(d.guardrails).toEqual(['Do not change business logic.', 'Do not touch files under `vendor/`.']);
  });

  it('numbers phases as written and steps by position, with their actions', () => {
    expect(d.phases.map((p) => [p.number, p.title])).toEqual([
      [1, 'Runtime configuration'],
      [2, 'Handler code'],
      [3, 'Install'],
    ]);
    expect(d.phases.flatMap((p) => p.steps.map((s) => s.id))).toEqual(['1.1', '1.2', '2.1', '2.2', '2.3', '3.1']);
    const [runtime, engines] = d.phases[0].steps;
    expect(runtime.action).toEqual({ codemod: 'nodejs-runtime-upgrade', options: { target: 24 } });
    expect(runtime.text).toBe('Update `Runtime:` values in SAM and CloudFormation templates to `nodejs24.x`.');
    // A multi-paragraph agent step: continuation indentation removed, no action.
    expect(engines).toEqual({
      id: '1.2',
      text: 'Raise `engines.node` in `package.json` to `>=24`.\n\nLeave `devEngines` alone; tooling owners decide those.',
    });
    expect(d.phases[1].steps[0].action).toEqual({
      codemod: 'lambda-callback-to-async',
      retries: 1,
      dependsOn: ['1.1'],
    });
    expect(d.phases[1].steps[2].action).toBeUndefined();
    expect(d.phases[2].steps[0].action).toEqual({
      command: 'npm install --package-lock-only',
      timeoutSeconds: 300,
      dependsOn: ['2.1', '2.2'],
    });
  });

  it('keeps prose under a phase heading as the phase description', () => {
    expect(d.phases[0].description).toBe(
      'Runtime identifiers live in infrastructure files; change them first so the tests below\nrun against the right target.',
    );
    expect(d.phases[1].description).toBeUndefined();
  });

  it('reads exit criteria with ids and validator blocks', () => {
    expect(d.exitCriteria.map((c) => c.id)).toEqual(['exit-1', 'exit-2', 'exit-3', 'exit-4']);
    expect(d.exitCriteria[0].validator).toEqual({ validator: 'build' });
    expect(d.exitCriteria[1].validator).toEqual({ validator: 'node-runtime', options: { version: 24 } });
    const noMatch = d.exitCriteria[2].validator;
    expect(noMatch?.paths).toEqual(['src/**/*.js', 'src/**/*.ts']);
    // The pattern is a working regular expression for what the criterion forbids.
    const re = new RegExp(noMatch?.pattern ?? '');
    expect(re.test("const AWS = require('aws-sdk');")).toBe(true);
    expect(re.test("import { S3Client } from '@aws-sdk/client-s3';")).toBe(false);
    expect(d.exitCriteria[3]).toEqual({ id: 'exit-4', text: 'A person has reviewed the diff.' });
  });

  it('reads CRLF files and a byte order mark the same way', async () => {
    const text = await readFile(file, 'utf8');
    const crlf = `\uFEFF${text.replace(/\n/g, '\r\n')}`;
    expect(parseDefinition(crlf, file)).toEqual(d);
  });
});
