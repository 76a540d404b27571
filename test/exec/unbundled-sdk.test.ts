// AWS/nodejs-version-upgrade on a small SAM repository whose functions rely on the aws-sdk the old
// runtime included: phase 1 converts the ones it can, the others are named, and the run does not
// succeed while one of them would fail at cold start on nodejs24.x.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { execDefinition } from '../../src/executor/index.js';
import { exitCodeFor } from '../../src/executor/summary.js';
import { readTree } from '../codemods/lambda-callback-to-async/fixture-tree.js';
import { atx, git, makeRepo, projectRoot, tempDir } from '../helpers/cli.js';

const fixture = readTree(join(projectRoot, 'fixtures/aws-sdk-v2-to-v3/unbundled-sam-two-functions/input'));

// A third function, also without aws-sdk of its own, whose send callback reads the v2 response
// through `this`: its client cannot move to v3 without a person.
const audit = {
  'template.yaml': `${fixture['template.yaml']}
  AuditFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: audit/
      Handler: index.handler
      Environment:
        Variables:
          AUDIT_QUEUE: !Ref AuditQueue

  AuditQueue:
    Type: AWS::SQS::Queue
`,
  'audit/index.js': `'use strict';
const AWS = require('aws-sdk');

const sqs = new AWS.SQS();

// The request id of the send is kept for tracing.
exports.handler = async (event) => new Promise((resolve, reject) => {
  sqs.sendMessage({ QueueUrl: process.env.AUDIT_QUEUE, MessageBody: JSON.stringify(event.detail) }, function (err) {
    if (err) return reject(err);
    resolve({ requestId: this.requestId });
  });
});
`,
};

const unbundled = (summary: any) => summary.findings.filter((f: any) => f.rule === 'nodejs-runtime/unbundled-sdk-v2');

describe('AWS/nodejs-version-upgrade: functions that load aws-sdk v2 without shipping it', () => {
  let repo: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    repo = await makeRepo({ ...fixture, ...audit });
    env = { ATX_HOME: await tempDir('atx-home-') };
  });

  it('converts the function it can in its own phase 1 commit, names the one it cannot, and fails', async () => {
    const run = await atx(['custom', 'def', 'exec', '-p', repo, '-n', 'AWS/nodejs-version-upgrade', '-x', '--json'], {
      env,
      timeout: 300_000,
    });
    const summary = JSON.parse(run.stdout);
    expect(run.exitCode, run.stderr).toBe(1);
    expect(summary.status).toBe('failed');

    const step = summary.steps.find((s: any) => s.id === '1.2');
    expect(step).toMatchObject({ status: 'completed', filesChanged: ['reports/package.json', 'reports/src/store.js'] });
    expect(await git(repo, ['log', '-1', '--format=%s', step.commit])).toBe(`atx: 1.2 ${step.title}`);
    expect(step.title).toBe('Convert functions that load aws-sdk v2 without shipping it to SDK v3');
    const store = await git(repo, ['show', `${step.commit}:reports/src/store.js`]);
    expect(store).toContain("require('@aws-sdk/lib-dynamodb')");
    expect(store).not.toContain("require('aws-sdk')");
    // the function that ships aws-sdk, and the one that could not be converted, are as they were
    expect(await git(repo, ['diff', '--name-only', summary.baseCommit, summary.branch, '--', 'orders', 'audit'])).toBe(
      '',
    );

    const left = unbundled(summary);
    expect(left.map((f: any) => `${f.file}:${f.line}`)).toEqual(['audit/index.js:2']);
    expect(left[0].message).toMatch(
      /^AuditFunction \(template\.yaml:\d+, handler audit\/index\.js\) loads aws-sdk v2 here/,
    );
    expect(
      summary.findings.some((f: any) => f.file === 'audit/index.js' && f.rule === 'aws-sdk-v3/callback-this'),
    ).toBe(true);

    const criterion = summary.exitCriteria.find((c: any) =>
      c.evidence.some((e: any) => e.details?.unbundled !== undefined),
    );
    expect(criterion.status).toBe('failed');
    expect(criterion.evidence.filter((e: any) => e.kind === 'file').map((e: any) => e.details.function)).toEqual([
      'AuditFunction',
    ]);
  }, 300_000);

  it('skipped at plan review, it converts nothing, and every such function is named', async () => {
    const answers = ['skip step 2', 'proceed'];
    const summary = await execDefinition(
      {
        codeRepositoryPath: repo,
        transformationName: 'AWS/nodejs-version-upgrade',
        nonInteractive: false,
        trustAllTools: false,
        doNotLearn: true,
        dryRun: false,
      },
      { cwd: repo, env: { ...process.env, ...env }, log: () => {}, ask: async () => answers.shift()! },
    );
    expect(summary.steps.find((s) => s.id === '1.2')).toMatchObject({
      status: 'skipped',
      reason: 'skipped at plan review',
    });
    expect(
      unbundled(summary)
        .map((f: any) => f.file)
        .sort(),
    ).toEqual(['audit/index.js', 'reports/src/store.js']);
    expect(summary.status).toBe('failed');
    expect(exitCodeFor(summary)).toBe(1);
  }, 300_000);
});
