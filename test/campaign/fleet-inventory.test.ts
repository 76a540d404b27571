// A campaign with AWS/lambda-fleet-inventory (issue 19, point 3): the fleet view in the dashboard
// (headless Chromium), the CSV and JSON exports, and a remediation campaign created from exactly
// the repositories whose findings it fixes.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { atx, makeRepo, tempDir } from '../helpers/cli.js';

const executablePath = '/usr/bin/chromium';
const token = 'tok_0123456789abcdef';
const inCI = ['1', 'true'].includes((process.env.CI ?? '').toLowerCase());

const sam = (runtime: string) =>
  `Transform: AWS::Serverless-2016-10-31\nResources:\n  Orders:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: src/\n      Handler: app.handler\n      Runtime: ${runtime}\n      MemorySize: 256\n`;

describe('an inventory campaign', () => {
  it('shows the fleet, exports it, and starts remediations on exactly the repositories they fix', async () => {
    // callback handler on nodejs14.x loading an SDK v2 nothing ships
    const legacy = await makeRepo({
      'template.yaml': sam('nodejs14.x'),
      'src/app.js':
        "const AWS = require('aws-sdk');\nconst s3 = new AWS.S3();\nexports.handler = (event, context, callback) => {\n  s3.getObject({ Bucket: 'b', Key: 'k' }, (err, data) => callback(err, data && data.ContentLength));\n};\n",
    });
    // async handler on nodejs22.x, with tests: only the runtime moves
    const modern = await makeRepo({
      'serverless.yml':
        'service: modern\nprovider:\n  name: aws\n  runtime: nodejs22.x\nfunctions:\n  hello:\n    handler: handler.hello\n',
      'handler.js': 'exports.hello = async (event) => ({ statusCode: 200 });\n',
      'handler.test.js': "test('hello', () => {});\n",
      'package.json': '{ "name": "modern", "scripts": { "test": "jest" } }\n',
    });
    // nothing on Node.js
    const python = await makeRepo({
      'main.tf': `resource "aws_lambda_function" "report_${token}" {\n  function_name = "report"\n  runtime = "python3.8"\n  handler = "report.handler"\n  filename = "r.zip"\n}\n`,
    });
    // A secret of the person's environment that a repository happens to hold: never in an export.
    const env = { ATX_HOME: await tempDir('atx-home-'), FLEET_TOKEN: token };
    const out = await tempDir('atx-fleet-out-');
    const created = await atx(
      [
        'custom',
        'campaign',
        'create',
        '-n',
        'fleet',
        '--transformation',
        'AWS/lambda-fleet-inventory',
        '--repo',
        legacy,
        '--repo',
        modern,
        '--repo',
        python,
      ],
      { env },
    );
    expect(created.exitCode, created.stderr).toBe(0);
    // Nothing inventoried yet: nothing to export, nothing to start from.
    const early = await atx(['custom', 'campaign', 'report', '-n', 'fleet', '--csv', join(out, 'early.csv')], { env });
    expect(early.exitCode).toBe(2);
    expect(early.stderr).toMatch(/holds no inventory/);
    expect(existsSync(join(out, 'early.csv'))).toBe(false);

    const run = await atx(['custom', 'campaign', 'run', '-n', 'fleet', '--concurrency', '2', '--json'], { env });
    expect(run.exitCode, run.stderr).toBe(0);
    const id = (path: string) => path.split('/').pop()!;

    // JSON: runtimes soonest-deprecated first, and each repository's readiness.
    const json = await atx(['custom', 'campaign', 'report', '-n', 'fleet', '--json'], { env });
    expect(json.exitCode, json.stderr).toBe(0);
    const fleet = JSON.parse(json.stdout);
    expect(fleet.runtimes.map((r: { runtime: string }) => r.runtime)).toEqual([
      'nodejs14.x',
      'python3.8',
      'nodejs22.x',
    ]);
    const readiness = Object.fromEntries(
      fleet.repositories.map((r: { repository: string; readiness: string }) => [r.repository, r.readiness]),
    );
    expect(readiness).toEqual({ [id(legacy)]: 'automatic', [id(modern)]: 'automatic', [id(python)]: 'ready' });
    const legacyRow = fleet.repositories.find((r: { repository: string }) => r.repository === id(legacy));
    expect(legacyRow).toMatchObject({
      sdkV2Files: 1,
      sdkV2Calls: 1,
      callbackHandlers: 1,
      sdkNotIncluded: 1,
      testFiles: 0,
    });

    // CSV: one line per function, in the repository order of the campaign.
    const csvFile = join(out, 'fleet.csv');
    const csv = await atx(['custom', 'campaign', 'report', '-n', 'fleet', '--csv', csvFile], { env });
    expect(csv.exitCode, csv.stderr).toBe(0);
    const lines = (await readFile(csvFile, 'utf8')).trimEnd().split('\n');
    expect(lines[0]).toMatch(/^repository,readiness,function,declared_in,source,runtime,runtime_status,deprecation,/);
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 7).join(','))).toEqual([
      `${id(legacy)},automatic,Orders,template.yaml:3,sam,nodejs14.x,deprecated`,
      `${id(modern)},automatic,hello,serverless.yml:6,serverless,nodejs22.x,deprecating`,
      `${id(python)},ready,report_[redacted],main.tf:1,terraform,python3.8,deprecated`,
    ]);
    expect(lines.join('\n')).not.toContain(token);
    expect(json.stdout).not.toContain(token);

    // Remediation campaigns with exactly the repositories whose findings each definition fixes.
    const fromFindings = async (name: string, definition: string) => {
      const made = await atx(
        [
          'custom',
          'campaign',
          'create',
          '-n',
          name,
          '--transformation',
          definition,
          '--from-findings',
          'fleet',
          '--json',
        ],
        { env },
      );
      return {
        ...made,
        repos: made.exitCode === 0 ? JSON.parse(made.stdout).repos.map((r: { id: string }) => r.id) : [],
      };
    };
    expect((await fromFindings('callbacks', 'AWS/nodejs-lambda-callback-to-async')).repos).toEqual([id(legacy)]);
    expect((await fromFindings('node24', 'AWS/nodejs-version-upgrade')).repos).toEqual([id(legacy), id(modern)]);
    expect((await fromFindings('python', 'aws/python-version-upgrade')).repos).toEqual([id(python)]);
    const none = await fromFindings('angular', 'AWS/angular-version-upgrade');
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toMatch(
      /no repository of campaign "fleet" has a finding that AWS\/angular-version-upgrade fixes/,
    );
    const list = await atx(['custom', 'campaign', 'list', '--json'], { env });
    expect(
      JSON.parse(list.stdout)
        .map((c: { name: string }) => c.name)
        .sort(),
    ).toEqual(['callbacks', 'fleet', 'node24', 'python']);

    // The dashboard, in a browser.
    const html = join(out, 'fleet.html');
    const report = await atx(['custom', 'campaign', 'report', '-n', 'fleet', '--html', html], { env });
    expect(report.exitCode, report.stderr).toBe(0);
    // As in dashboard.test.ts: without Debian's chromium a developer's machine skips the browser; CI must have it.
    if (!existsSync(executablePath)) {
      expect(inCI, `CI needs Debian's chromium at ${executablePath}`).toBe(false);
      return;
    }
    const browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
    try {
      const page = await browser.newPage();
      await page.goto(pathToFileURL(html).href);
      const cells = (selector: string) =>
        page
          .locator(selector)
          .evaluateAll((rows) =>
            rows.map((row) =>
              Array.from(
                (
                  row as unknown as { querySelectorAll(s: string): ArrayLike<{ textContent: string | null }> }
                ).querySelectorAll('td'),
              ).map((td) => td.textContent),
            ),
          );
      expect((await cells('#runtimes tbody tr')).map((r) => [r[0], r[2], r[3]])).toEqual([
        ['nodejs14.x', 'deprecated', '1'],
        ['python3.8', 'deprecated', '1'],
        ['nodejs22.x', 'deprecating', '1'],
      ]);
      expect((await cells('#readiness tbody tr')).map((r) => [r[0], r[1]])).toEqual([
        [id(legacy), 'automatic'],
        [id(modern), 'automatic'],
        [id(python), 'ready'],
      ]);
      // The repository table still works beside it.
      expect(await page.locator('#repos tbody tr').count()).toBe(3);
    } finally {
      await browser.close();
    }
  }, 180_000);
});
