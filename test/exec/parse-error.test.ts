// "A file the tool cannot parse is reported and left alone; it never aborts the run" (the CLI
// contract), for the SDK codemod: its `aws-sdk-v3/parse-error` finding, through the real binary.
import { describe, expect, it } from 'vitest';
import { atx, makeRepo, tempDir } from '../helpers/cli.js';

const broken =
  "const AWS = require('aws-sdk');\nconst s3 = new AWS.S3();\nexports.h = async () => {\n  const r = await s3.listBuckets().promise() +* 3;\n  return r;\n};\n";
const fine =
  "const AWS = require('aws-sdk');\nconst sqs = new AWS.SQS();\nexports.h = async () => (await sqs.listQueues().promise()).QueueUrls;\n";

describe('a file the SDK codemod cannot parse', () => {
  // TypeScript's parser is tolerant: without a look at its syntax errors this file was rewritten
  // (into `s3.send(new ListBucketsCommand({})) +* 3`) and nothing said so.
  it('is reported with aws-sdk-v3/parse-error and left alone; the other files are converted', async () => {
    const repo = await makeRepo({
      'src/broken.js': broken,
      'src/fine.js': fine,
      'package.json': '{\n  "dependencies": {\n    "aws-sdk": "^2.1692.0"\n  }\n}\n',
    });
    const run = await atx(
      ['custom', 'def', 'exec', '-p', repo, '-n', 'AWS/nodejs-aws-sdk-v2-to-v3', '-x', '--dry-run', '--json'],
      { env: { ATX_HOME: await tempDir('atx-home-') } },
    );
    expect(run.exitCode, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary.steps[0].status).toBe('completed');
    expect(summary.steps[0].filesChanged).toContain('src/fine.js');
    expect(summary.steps[0].filesChanged).not.toContain('src/broken.js');
    expect(summary.findings).toContainEqual(
      expect.objectContaining({ file: 'src/broken.js', line: 4, rule: 'aws-sdk-v3/parse-error', severity: 'warning' }),
    );
  });
});
