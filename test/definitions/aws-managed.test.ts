import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  definitionDescription,
  loadDefinitionDir,
  parseDefinition,
  renderDefinition,
} from '../../src/definitions/index.js';
import { atx, makeRepo, tempDir } from '../helpers/cli.js';

// The definitions shipped with the tool must always load, survive a render round trip, and their
// search criteria find what they are written to find.
const root = 'transformations/AWS';
const folders = (await readdir(root, { withFileTypes: true }))
  .filter((e) => e.isDirectory())
  .map((e) => join(root, e.name));

describe('AWS-managed definitions', () => {
  it('are shipped', () => {
    expect(folders.length).toBeGreaterThan(0);
  });

  it.each(folders)('%s loads, describes itself and reads back equal after rendering', async (folder) => {
    const { definition } = await loadDefinitionDir(folder);
    expect(definition.phases.length).toBeGreaterThan(0);
    expect(definitionDescription(definition)).not.toMatch(/\n/);
    const rendered = renderDefinition(definition);
    expect(parseDefinition(rendered, join(folder, 'transformation_definition.md'))).toEqual(definition);
  });
});

interface Case {
  files: Record<string, string>;
  /**
   * One entry per no-match criterion, in the definition's order: how many lines matched at the
   * base commit, and the `file:line` of the lines that still match after the run.
   */
  criteria: Array<{ before: number; after: string[] }>;
}

// A small repository per definition: lines each pattern must find, lines it must not (the new
// form, excluded folders). Definitions whose steps need a model leave the code as it is, so
// their patterns still find the old lines after the run; the Node.js ones convert them.
const cases: Record<string, Case> = {
  // An analysis: it has no search criterion (its run checks none: it changes nothing).
  'lambda-fleet-inventory': {
    files: {
      'template.yaml':
        'Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: src/\n      Handler: app.handler\n      Runtime: nodejs16.x\n',
      'src/app.js': 'exports.handler = (event, context, callback) => callback(null, event);\n',
    },
    criteria: [],
  },
  'angular-version-upgrade': {
    files: {
      'package.json':
        '{\n  "dependencies": {\n    "@angular/core": "^16.2.0",\n    "@angular/router": "~19.1.0",\n    "@angular/cdk": "^16.2.0"\n  }\n}\n',
    },
    criteria: [{ before: 1, after: ['package.json:3'] }],
  },
  'java-aws-sdk-v1-to-v2': {
    files: {
      'src/main/java/app/App.java':
        'package app;\nimport com.amazonaws.services.s3.AmazonS3;\nimport com.amazonaws.auth.profile.ProfileCredentialsProvider;\nimport software.amazon.awssdk.services.s3.S3Client;\nimport com.amazonaws.xray.AWSXRay;\nclass App {}\n',
      'src/test/resources/Old.java': 'import com.amazonaws.auth.AWSCredentials;\n',
      'pom.xml':
        '<project>\n  <dependencies>\n    <dependency><artifactId>aws-java-sdk-s3</artifactId></dependency>\n    <dependency><artifactId>s3</artifactId></dependency>\n  </dependencies>\n</project>\n',
      'build.gradle':
        "dependencies {\n  implementation 'software.amazon.awssdk:s3:2.25.0'\n  implementation 'com.amazonaws:aws-java-sdk-dynamodb:1.12.700'\n}\n",
    },
    criteria: [
      { before: 2, after: ['src/main/java/app/App.java:2', 'src/main/java/app/App.java:3'] },
      { before: 2, after: ['build.gradle:3', 'pom.xml:3'] },
    ],
  },
  'java-version-upgrade': {
    files: {
      'template.yaml':
        'Resources:\n  A:\n    Properties:\n      Runtime: java11\n  B:\n    Properties:\n      Runtime: java21\n  C:\n    Properties:\n      Runtime: java8.al2\n',
      Dockerfile: 'FROM public.ecr.aws/lambda/java:17\n',
      'README.md': 'Runtime: java8\n',
      'pom.xml':
        '<project>\n  <properties>\n    <maven.compiler.release>17</maven.compiler.release>\n    <java.version>21</java.version>\n  </properties>\n</project>\n',
      'build.gradle': 'java {\n  sourceCompatibility = JavaVersion.VERSION_11\n}\n',
    },
    criteria: [
      { before: 3, after: ['Dockerfile:1', 'template.yaml:4', 'template.yaml:10'] },
      { before: 2, after: ['build.gradle:2', 'pom.xml:3'] },
    ],
  },
  'nodejs-aws-sdk-v2-to-v3': {
    files: {
      'index.js':
        "const AWS = require('aws-sdk');\nconst s3 = new AWS.S3();\nexports.handler = async () => (await s3.listBuckets().promise()).Buckets;\n",
      'fixtures/v2.js': "const AWS = require('aws-sdk');\n",
      'package.json': '{\n  "name": "svc",\n  "dependencies": {\n    "aws-sdk": "^2.1692.0"\n  }\n}\n',
    },
    criteria: [
      { before: 1, after: [] },
      { before: 1, after: [] },
    ],
  },
  'nodejs-lambda-callback-to-async': {
    files: {
      'handler.js': 'exports.handler = (event, context) => {\n  context.succeed({ ok: event.ok });\n};\n',
      'test/handler.test.js': 'const context = { succeed() {} };\ncontext.succeed(1);\n',
    },
    criteria: [{ before: 1, after: [] }],
  },
  'nodejs-version-upgrade': {
    files: {
      'template.yaml':
        'Resources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: handler.handler\n      Runtime: nodejs18.x\n',
      'handler.js': 'exports.handler = (event, context) => {\n  context.succeed({ ok: event.ok });\n};\n',
      'docs/runtime.md': 'We ran on nodejs16.x once.\n',
      'test/handler.test.js': 'const context = { succeed() {} };\ncontext.succeed(1);\n',
    },
    criteria: [
      { before: 1, after: [] },
      { before: 1, after: [] },
    ],
  },
  'python-boto2-to-boto3': {
    files: {
      'app.py':
        'import boto\nimport boto3\nfrom boto.s3.connection import S3Connection\nif True:\n    import boto.ec2\n# import boto\n',
      'requirements.txt': 'boto==2.49.0\nboto3==1.34.0\nbotocore\n',
    },
    criteria: [
      { before: 3, after: ['app.py:1', 'app.py:3', 'app.py:5'] },
      { before: 1, after: ['requirements.txt:1'] },
    ],
  },
  'python-version-upgrade': {
    files: {
      'template.yaml':
        'Resources:\n  A:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: python3.9\n  B:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: python3.13\n  C:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: python3.12\n',
      Dockerfile: 'FROM public.ecr.aws/lambda/python:3.11\n',
      'app.py': 'import imp\nfrom distutils.core import setup\nimport asyncio\nimport impl_helpers\n',
      'tests/test_app.py':
        'class T:\n    def test(self):\n        self.assertEquals(1, 1)\n        self.assertEqual(1, 1)\n',
    },
    criteria: [
      // The runtime upgrade needs no model: the old runtimes are gone; the code's removals are left for a person.
      { before: 3, after: [] },
      { before: 2, after: ['app.py:1', 'app.py:2'] },
      { before: 1, after: ['tests/test_app.py:3'] },
    ],
  },
};

describe.concurrent('AWS-managed definitions run on a small repository', () => {
  it('have a case each', () => {
    expect(Object.keys(cases).sort()).toEqual(folders.map((f) => f.split('/').pop()).sort());
  });

  it.each(Object.entries(cases))(
    'AWS/%s: every search criterion finds the old form, and only it',
    async (name, { files, criteria }) => {
      const repo = await makeRepo(files);
      // No -t: nothing of the repository runs; steps that need a model are skipped.
      const run = await atx(['custom', 'def', 'exec', '-p', repo, '-n', `AWS/${name}`, '-x', '--json'], {
        env: { ATX_HOME: await tempDir('atx-home-') },
      });
      expect([0, 1], run.stderr).toContain(run.exitCode);
      const summary = JSON.parse(run.stdout);
      const searches = summary.exitCriteria
        .map((c: { status: string; evidence: Array<{ kind: string; details: any }> }) => ({
          status: c.status,
          search: c.evidence.find((e) => e.kind === 'search'),
        }))
        .filter((c: { search?: unknown }) => c.search);
      expect(searches.map((c: { search: { details: any } }) => c.search.details.before.lines)).toEqual(
        criteria.map((c) => c.before),
      );
      expect(
        searches.map((c: { search: { details: any } }) =>
          c.search.details.matches.map((m: string) => m.split(': ')[0]),
        ),
      ).toEqual(criteria.map((c) => c.after));
      expect(searches.map((c: { status: string }) => c.status)).toEqual(
        criteria.map((c) => (c.after.length ? 'failed' : 'passed')),
      );
    },
    120_000,
  );
});
