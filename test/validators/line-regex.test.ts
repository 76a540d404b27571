// The JavaScript form of a no-match pattern must match exactly the lines git grep matches:
// checked for every pattern the shipped definitions use (those of a family expanded for its
// default target), and for the POSIX constructs JavaScript spells differently.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDefinition } from '../../src/definitions/parse.js';
import { expandValidator } from '../../src/planner/plan.js';
import { familyOf } from '../../src/planner/target.js';
import { regexMode } from '../../src/validators/grep.js';
import { lineRegExp } from '../../src/validators/line-regex.js';

const lines = [
  '  Runtime: nodejs12.x',
  '  runtime: nodejs24.x # was nodejs12.x',
  '        - nodejs16.x',
  '  - nodejs20.x  # kept',
  'CompatibleRuntimes: [nodejs18.x, nodejs24.x]',
  'runtime: lambda.Runtime.NODEJS_14_X,',
  'FROM public.ecr.aws/lambda/nodejs:18',
  'FROM public.ecr.aws/lambda/nodejs:24',
  '    context.succeed(result);',
  'context.done ()',
  'ctx.callbackWaitsForEmptyEventLoop = false;',
  'const AWS = require("aws-sdk");',
  "import S3 from 'aws-sdk/clients/s3';",
  '"aws-sdk": "^2.1.0",',
  'import boto',
  '  from boto.s3 import key',
  'boto==2.49.0',
  'boto3==1.34',
  '"boto",',
  'boto[',
  'boto\\x',
  'import distutils.core',
  'self.assertEquals(a, b)',
  '  Runtime: python3.9',
  'Runtime: python2.7',
  '        - python3.11',
  '        - python3.8  # retired',
  'runtime=_lambda.Runtime.PYTHON_3_9,',
  'runtime = "java11"',
  '<maven.compiler.source>1.8</maven.compiler.source>',
  'import com.amazonaws.services.s3.AmazonS3;',
  '<artifactId>aws-java-sdk-s3</artifactId>',
  '"@angular/core": "^15.2.0"',
  'word boundary tests: nodejs',
  'a\tb',
  '[x]',
  'back\\slash',
  '',
];

const extra: Array<[string, boolean]> = [
  ['\\<nodejs\\>', false],
  ['[[:upper:]][[:lower:]]+:', false],
  ['[[:digit:]]{2}\\.x', false],
  ['[]x]', false],
  ['[\\.]', false],
  ['[^[:alnum:][:space:]]', false],
  ['a[[:blank:]]b', false],
  ['nodejs(?=1\\d)', true],
  ['(?i)RUNTIME', true],
  ['nodejs\\d+\\.x', true],
];

const root = mkdtempSync(join(tmpdir(), 'atx-line-regex-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
execFileSync('git', ['init', '-q'], { cwd: root });
writeFileSync(join(root, 'lines.txt'), `${lines.join('\n')}\n`);
execFileSync('git', ['add', '.'], { cwd: root });

function gitLines(pattern: string): number[] {
  try {
    const out = execFileSync(
      'git',
      ['grep', '-n', regexMode(pattern) === 'perl' ? '-P' : '-E', '-e', pattern, '--', 'lines.txt'],
      { cwd: root, encoding: 'utf8', env: { ...process.env, LC_ALL: 'C.UTF-8' } },
    );
    return out
      .trim()
      .split('\n')
      .map((line) => Number(line.split(':')[1]));
  } catch {
    return [];
  }
}

function jsLines(regex: RegExp): number[] {
  return lines.flatMap((line, i) => (regex.test(line) ? [i + 1] : []));
}

function shippedPatterns(): string[] {
  const dir = join(import.meta.dirname, '../../transformations/AWS');
  return readdirSync(dir).flatMap((name) => {
    const definition = parseDefinition(readFileSync(join(dir, name, 'transformation_definition.md'), 'utf8'), name);
    return definition.exitCriteria.flatMap((c) =>
      // Each for its family's default target (Node.js 24, Python 3.13); 24 for a definition without one.
      c.validator?.validator === 'no-match'
        ? [expandValidator(c.validator, familyOf(definition)?.defaultVersion ?? 24)!.pattern!]
        : [],
    );
  });
}

describe('no-match patterns in JavaScript', () => {
  const patterns = shippedPatterns();

  it('finds the shipped patterns, and the lines give each of them something to match', () => {
    expect(patterns.length).toBeGreaterThan(10);
    expect(patterns.filter((pattern) => gitLines(pattern).length === 0)).toEqual([]);
  });

  it.each(patterns.map((p) => [p.length > 60 ? `${p.slice(0, 60)}…` : p, p]))('%s', (_short, pattern) => {
    const regex = lineRegExp(pattern, regexMode(pattern), false);
    expect(regex).toBeDefined();
    expect(jsLines(regex!)).toEqual(gitLines(pattern));
  });

  it.each(extra)('%s', (pattern, perl) => {
    const regex = lineRegExp(pattern, perl ? 'perl' : 'extended', false);
    // A PCRE-only construct gives no translation: its matches then count as they are.
    if (pattern.startsWith('(?i)')) return expect(regex).toBeUndefined();
    expect(regex).toBeDefined();
    expect(gitLines(pattern).length).toBeGreaterThan(0);
    expect(jsLines(regex!)).toEqual(gitLines(pattern));
  });
});
