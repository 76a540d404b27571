// AWS/nodejs-version-upgrade on a SAM template whose layer supports two runtimes: the layer keeps
// the older one Lambda still supports beside the target, and the exit criterion still passes.
import { describe, expect, it } from 'vitest';
import { atx, git, makeRepo, tempDir } from '../helpers/cli.js';

const template = (runtime: string, layer: string) => `AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: ${runtime}
Resources:
  Orders:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Layers: [!Ref Shared]
  Shared:
    Type: AWS::Serverless::LayerVersion
    Properties:
      ContentUri: layer/
      CompatibleRuntimes:
${layer}`;

describe('a layer compatible with several runtimes', () => {
  it('keeps nodejs20.x beside nodejs24.x and passes "no older runtime remains"', async () => {
    const repo = await makeRepo({
      'template.yaml': template('nodejs22.x', '        - nodejs20.x\n        - nodejs22.x\n'),
      'index.js': 'exports.handler = async () => ({ ok: true });\n',
    });
    const env = { ATX_HOME: await tempDir('atx-home-') };
    const run = await atx(['custom', 'def', 'exec', '-p', repo, '-n', 'AWS/nodejs-version-upgrade', '-x', '--json'], {
      env,
    });
    const summary = JSON.parse(run.stdout);
    expect(
      summary.steps.every((s: any) => s.status !== 'failed'),
      run.stderr,
    ).toBe(true);
    expect(await git(repo, ['show', `${summary.branch}:template.yaml`])).toBe(
      template('nodejs24.x', '        - nodejs20.x\n        - nodejs24.x').trimEnd(),
    );
    const criterion = summary.exitCriteria.find((c: any) =>
      c.description.startsWith('No Lambda runtime identifier older'),
    );
    expect(criterion.status, JSON.stringify(criterion.evidence)).toBe('passed');
    // Before: the function's runtime; the layer's supported runtimes never count.
    expect(criterion.evidence[0].details.before.lines).toBe(1);
    expect(summary.findings).toContainEqual(
      expect.objectContaining({ file: 'template.yaml', line: 17, rule: 'nodejs-runtime/layer-runtimes-kept' }),
    );
  });
});
