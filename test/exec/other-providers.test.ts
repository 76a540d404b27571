// AWS/nodejs-version-upgrade on a repository holding an AWS Serverless service beside an Azure
// and a Google Serverless service and an Azure Functions app, all on Node.js 12: the result
// branch changes the AWS service only, every folder of the others is byte-identical (the same
// git tree), and the runtime and context criteria pass without counting them or comments.
import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { atx, git, projectRoot, tempDir } from '../helpers/cli.js';

describe('services of other providers', () => {
  it('upgrades the AWS service only and passes the criteria', async () => {
    const repo = await tempDir('atx-repo-');
    await cp(join(projectRoot, 'fixtures/other-providers/mixed/input'), repo, { recursive: true });
    await git(repo, ['init', '-q', '-b', 'main']);
    await git(repo, ['add', '-A']);
    await git(repo, ['commit', '-q', '-m', 'initial']);
    const env = { ATX_HOME: await tempDir('atx-home-') };
    const run = await atx(['custom', 'def', 'exec', '-p', repo, '-n', 'AWS/nodejs-version-upgrade', '-x', '--json'], {
      env,
    });
    const summary = JSON.parse(run.stdout);

    // Partial only because the dependency review is a model's step, which this run has none for.
    expect(summary.status, run.stderr).toBe('partial');
    // 1.2 (functions that load aws-sdk v2 unshipped), 1.4 (TypeScript) and 2.2 (commands) find nothing to do here.
    expect(summary.steps.filter((s: any) => s.status !== 'completed').map((s: any) => [s.id, s.reason])).toEqual([
      ['1.2', 'no-change'],
      ['1.4', 'no-change'],
      ['2.2', 'no-change'],
      ['3.1', 'needs-model'],
    ]);
    expect(summary.exitCriteria.filter((c: any) => c.status === 'failed')).toEqual([]);
    const runtimes = summary.exitCriteria.find((c: any) =>
      c.description.startsWith('No Lambda runtime identifier older'),
    );
    const contextApi = summary.exitCriteria.find((c: any) => c.description.startsWith('No Lambda handler still uses'));
    expect([runtimes.status, contextApi.status]).toEqual(['passed', 'passed']);
    expect(contextApi.evidence[0].summary).toContain(
      '2/2 in services of other providers: azure-functions-app/ (azure), azure-greeter/ (azure)',
    );

    const changed = (await git(repo, ['diff', '--name-only', 'main', summary.branch])).split('\n');
    expect(changed).toEqual(['orders-aws/handler.js', 'orders-aws/package.json', 'orders-aws/serverless.yml']);
    for (const folder of ['azure-greeter', 'google-greeter', 'azure-functions-app']) {
      expect(await git(repo, ['rev-parse', `${summary.branch}:${folder}`])).toBe(
        await git(repo, ['rev-parse', `main:${folder}`]),
      );
    }
    const reported = summary.findings.filter((f: any) => f.rule === 'nodejs24/other-provider').map((f: any) => f.file);
    expect(reported.sort()).toEqual([
      'azure-functions-app/host.json',
      'azure-greeter/serverless.yml',
      'google-greeter/serverless.yml',
    ]);
  });
});
