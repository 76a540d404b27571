// package.json keeps `aws-sdk` only while a file still loads it, and the `style` option.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadsV2Sdk } from '../../../src/codemods/aws-sdk-v2-to-v3/v2-uses.js';
import { convertTwice, runOn } from './helpers.js';

const manifest = `{\n  "name": "svc",\n  "dependencies": {\n    "aws-sdk": "^2.1692.0"\n  }\n}\n`;
const user = `const AWS = require('aws-sdk');\nconst s3 = new AWS.S3();\nexports.l = () => s3.listBuckets().promise();\n`;

async function depsAfter(extra: Record<string, string>): Promise<Record<string, string>> {
  const result = await runOn({ 'package.json': manifest, 'src/a.js': user, ...extra });
  return JSON.parse(result.changes.get('package.json') ?? manifest).dependencies;
}

describe('aws-sdk-v2-to-v3: when package.json keeps aws-sdk', () => {
  it('drops it when another file only names the module in a string (a fake for tests)', async () => {
    const fake = `const Module = require('node:module');\nconst fakes = { 'aws-sdk': {} };\nModule._load = (r) => fakes[r];\n// require('aws-sdk') in a comment\n`;
    expect(await depsAfter({ 'test/fake-aws.js': fake })).toEqual({ '@aws-sdk/client-s3': '^3.1100.0' });
  });

  it.each([
    ['require', `const AWS = require('aws-sdk');\nmodule.exports = AWS.util;\n`],
    ['a subpath require', `const x = require("aws-sdk/lib/metadata_service");\n`],
    ['an import', `import { util } from 'aws-sdk';\nexport default util;\n`],
    ['a side-effect import', `import 'aws-sdk/lib/maintenance_mode_message';\n`],
    ['a dynamic import', `export const load = () => import('aws-sdk');\n`],
    ['require.resolve', `module.exports = require.resolve('aws-sdk');\n`],
    ['jest.mock without virtual', `jest.mock('aws-sdk', () => ({}));\n`],
    ['a re-export', `export * from 'aws-sdk';\n`],
  ])('keeps it when a file still loads v2 through %s', async (_how, text) => {
    expect(await depsAfter({ 'lib/other.ts': text })).toHaveProperty('aws-sdk');
  });

  it('does not count type-only imports or virtual mocks as loads', () => {
    expect(loadsV2Sdk('a.ts', `import type { S3 } from 'aws-sdk';\nexport type T = S3;\n`)).toBe(false);
    expect(loadsV2Sdk('a.js', `jest.mock('aws-sdk', () => ({}), { virtual: true });\n`)).toBe(false);
    expect(loadsV2Sdk('a.ts', `import AWS = require('aws-sdk');\n`)).toBe(true);
  });

  it('keeps it when a converted file still needs v2 for something unconvertible', async () => {
    const left = `const AWS = require('aws-sdk');\nconst s3 = new AWS.S3();\nconst ep = new AWS.Endpoint('x');\nexports.l = () => s3.listBuckets().promise();\n`;
    const result = await runOn({ 'package.json': manifest, 'src/a.js': left });
    expect(JSON.parse(result.changes.get('package.json')!).dependencies).toHaveProperty('aws-sdk');
  });
});

describe('aws-sdk-v2-to-v3: style option', () => {
  const src = `const AWS = require('aws-sdk');\nconst s3 = new AWS.S3();\nexports.l = () => s3.listBuckets().promise();\n`;

  it('accepts style: command as the bare client-and-command style', async () => {
    const command = await convertTwice(src, { style: 'command' });
    const bare = await convertTwice(src, { style: 'bare' });
    expect(command.text).toBe(bare.text);
    expect(command.text).toContain('s3.send(new ListBucketsCommand({}))');
  });

  it('rejects an unknown style with a usage error', async () => {
    await expect(runOn({ 'a.js': src }, { style: 'fluent' })).rejects.toThrow(/style must be 'command'/);
  });
});

// The bundled example's test helper fakes the SDK by naming 'aws-sdk'; after the conversion its
// package.json must not list aws-sdk and its own tests must still pass against the v3 fakes.
describe('aws-sdk-v2-to-v3: examples/orders-service', () => {
  const work = mkdtempSync(join(tmpdir(), 'atx-orders-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("drops aws-sdk and keeps the example's tests passing", async () => {
    cpSync(join(import.meta.dirname, '../../../examples/orders-service'), work, { recursive: true });
    const files: Record<string, string> = {};
    const walk = (d: string) => {
      for (const name of readdirSync(d)) {
        const p = join(d, name);
        if (statSync(p).isDirectory()) walk(p);
        else files[relative(work, p).split('\\').join('/')] = readFileSync(p, 'utf8');
      }
    };
    walk(work);
    const result = await runOn(files);
    for (const [path, text] of result.changes) writeFileSync(join(work, path), text);
    const pkg = JSON.parse(readFileSync(join(work, 'package.json'), 'utf8'));
    expect(pkg.dependencies).not.toHaveProperty('aws-sdk');
    expect(pkg.dependencies).toHaveProperty('@aws-sdk/lib-dynamodb');
    expect(readFileSync(join(work, 'src/lib/orders-table.js'), 'utf8')).not.toContain("require('aws-sdk')");
    const tests = readdirSync(join(work, 'test'))
      .filter((f) => f.endsWith('.test.js'))
      .map((f) => join('test', f));
    execFileSync(process.execPath, ['--test', ...tests], { cwd: work, stdio: 'pipe' });
  }, 30_000);
});
