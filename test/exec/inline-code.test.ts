// End to end: `exec AWS/nodejs-version-upgrade` on a SAM repository whose functions are written
// inline. The runtime moves to Node.js 24 and, in the same run, the inline callback handler becomes
// an async handler (line endings kept); the custom resource that answers through cfn-response is
// left as it was and named in a finding.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { atx, git, makeRepo, tempDir } from '../helpers/cli.js';

const TEMPLATE = [
  "AWSTemplateFormatVersion: '2010-09-09'",
  'Transform: AWS::Serverless-2016-10-31',
  'Globals:',
  '  Function:',
  '    Runtime: nodejs18.x',
  'Resources:',
  '  PriceFunction:',
  '    Type: AWS::Serverless::Function',
  '    Properties:',
  '      Handler: index.handler',
  '      InlineCode: |',
  '        exports.handler = function (event, context, callback) {',
  "          if (typeof event.price !== 'number') return callback(new Error('price must be a number'));",
  '          callback(null, { gross: Math.round(event.price * 1.2 * 100) / 100 });',
  '        };',
  '  SeedFunction:',
  '    Type: AWS::Lambda::Function',
  '    Properties:',
  '      Runtime: nodejs18.x',
  '      Handler: index.handler',
  '      Role: arn:aws:iam::123456789012:role/seed',
  '      Code:',
  '        ZipFile: |',
  "          var response = require('cfn-response');",
  '          exports.handler = function (event, context) {',
  '            response.send(event, context, response.SUCCESS, { Seeded: true });',
  '          };',
  '',
].join('\r\n');

describe('exec: inline function code', () => {
  it('converts the inline handler in the run that moves the runtime, and names the one it leaves', async () => {
    const repo = await makeRepo({ 'package.json': '{ "name": "prices", "private": true }\n' });
    await writeFile(join(repo, 'template.yaml'), TEMPLATE);
    await git(repo, ['add', '-A']);
    await git(repo, ['commit', '-q', '-m', 'template']);
    const run = await atx(['custom', 'def', 'exec', '-p', repo, '-n', 'AWS/nodejs-version-upgrade', '-x', '--json'], {
      env: { ATX_HOME: await tempDir('atx-home-') },
    });
    const summary = JSON.parse(run.stdout);

    const after = (
      await execa('git', ['show', `${summary.branch}:template.yaml`], { cwd: repo, stripFinalNewline: false })
    ).stdout;
    expect(after.split('\n').every((line) => line === '' || line.endsWith('\r'))).toBe(true);
    expect(after.endsWith('\r\n')).toBe(true);
    const lf = after.replace(/\r\n/g, '\n');
    expect(lf).toContain('    Runtime: nodejs24.x\n');
    expect(lf).toContain(
      [
        '        exports.handler = async function (event, context) {',
        "          if (typeof event.price !== 'number') throw new Error('price must be a number');",
        '          return { gross: Math.round(event.price * 1.2 * 100) / 100 };',
        '        };',
      ].join('\n'),
    );
    expect(lf).toContain('            response.send(event, context, response.SUCCESS, { Seeded: true });\n');

    // The code CloudFormation would deploy runs as an async handler.
    const code = (parse(lf) as { Resources: { PriceFunction: { Properties: { InlineCode: string } } } }).Resources
      .PriceFunction.Properties.InlineCode;
    const dir = await tempDir('atx-inline-');
    await writeFile(join(dir, 'index.js'), code);
    const probe =
      "require('./index.js').handler({ price: 10 }, {}).then((r) => console.log(JSON.stringify(r)), (e) => console.log('rejected', e.message))";
    expect((await execa('node', ['-e', probe], { cwd: dir })).stdout).toBe('{"gross":12}');

    expect(summary.findings).toContainEqual(
      // At the handler: it hands its context to cfn-response, whose send() settles through context.done().
      expect.objectContaining({
        file: 'template.yaml',
        line: 25,
        severity: 'manual',
        message: expect.stringMatching(/AWS::Lambda::Function 'SeedFunction'.*cfn-response/),
      }),
    );
  });
});
