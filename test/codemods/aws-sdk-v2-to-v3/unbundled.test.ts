// `only: unbundled`: the SDK conversion restricted to the functions that load aws-sdk v2 without
// shipping it. Checked the way a person deploying them would: does each function load on the
// nodejs24.x runtime (which includes SDK v3 and no v2) and answer as it did on nodejs16.x?
import { isBuiltin } from 'node:module';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveModule } from '../../../src/codemods/aws-sdk-v2-to-v3/crossmodule.js';
import { codemod } from '../../../src/codemods/aws-sdk-v2-to-v3/index.js';
import { UsageError } from '../../../src/errors.js';
import { lambdaFunctions } from '../../../src/lambda/functions.js';
import { unbundledSdkFunctions } from '../../../src/lambda/unbundled-sdk.js';
import { readTree } from '../lambda-callback-to-async/fixture-tree.js';
import { req } from './behaviour-harness.js';
import { fakeAws, type Call } from './fake-v2.js';
import { memoryRepo, runOn } from './helpers.js';

const fixtures = join(import.meta.dirname, '../../../fixtures/aws-sdk-v2-to-v3');
const only = { only: 'unbundled', style: 'command', targetVersion: 24 };
const { mockClient } = req('aws-sdk-client-mock');
const s3 = req('@aws-sdk/client-s3');
const lib = req('@aws-sdk/lib-dynamodb');

async function convertFixture(name: string) {
  const input = readTree(join(fixtures, name, 'input'));
  const result = await runOn(input, only);
  return { input, result, output: { ...input, ...Object.fromEntries(result.changes) } };
}

/**
 * Loads a function's handler as Lambda's Node.js runtime of `major` would: built-in modules, the
 * SDK the runtime includes (v2 up to 16, v3 from 18: `sdk`), and what the package deployed with the
 * function lists in `dependencies` (`shipped`, answered from `packages`). Anything else is missing.
 */
function loadOnLambda(
  files: Record<string, string>,
  entry: string,
  major: number,
  shipped: string[],
  sdk: { v2?: unknown },
) {
  const known = new Set(Object.keys(files));
  const cache = new Map<string, { exports: any }>();
  const bare = (spec: string): unknown => {
    if (isBuiltin(spec)) return req(spec);
    const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
    if (name === 'aws-sdk' && major <= 16) return sdk.v2;
    if (name.startsWith('@aws-sdk/') && (major >= 18 || shipped.includes(name))) return req(spec);
    throw Object.assign(new Error(`Cannot find module '${spec}'`), { code: 'MODULE_NOT_FOUND' });
  };
  const load = (path: string): any => {
    const cached = cache.get(path);
    if (cached) return cached.exports;
    const module = { exports: {} as any };
    cache.set(path, module);
    const local = (spec: string) => (spec.startsWith('.') ? load(resolveModule(path, spec, known)!) : bare(spec));
    new Function('require', 'module', 'exports', files[path])(local, module, module.exports);
    return module.exports;
  };
  return load(entry);
}

const mocks: any[] = [];
afterEach(() => mocks.splice(0).forEach((m) => m.restore()));

describe('aws-sdk-v2-to-v3 only: unbundled', () => {
  it('converts exactly the function that ships no aws-sdk; the one that ships it is left byte for byte', async () => {
    const { result } = await convertFixture('unbundled-sam-two-functions');
    expect([...result.changes.keys()].sort()).toEqual(['reports/package.json', 'reports/src/store.js']);
    expect(JSON.parse(result.changes.get('reports/package.json')!).dependencies).toEqual({
      '@aws-sdk/client-dynamodb': '^3.1100.0',
      '@aws-sdk/client-s3': '^3.1100.0',
      '@aws-sdk/lib-dynamodb': '^3.1100.0',
    });
    expect(result.findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });

  it('the converted function loads on nodejs24.x and answers as it did on nodejs16.x; before, it could not start there', async () => {
    const { input, output } = await convertFixture('unbundled-sam-two-functions');
    const fn = lambdaFunctions(memoryRepo(input)).find((f) => f.name === 'ReportsFunction')!;
    const event = { time: '2024-05-02T02:00:00Z' };
    process.env.TABLE = 'orders';
    process.env.BUCKET = 'reports-bucket';
    const items = [
      { orderId: 'o-1', total: 12 },
      { orderId: 'o-2', total: 30 },
    ];

    expect(() => loadOnLambda(input, fn.handlerFile!, 24, [], {})).toThrow("Cannot find module 'aws-sdk'");

    const calls: Call[] = [];
    const v2 = fakeAws(
      { 'DocumentClient.scan': () => ({ Items: items }), 'S3.putObject': () => ({ ETag: '"e"' }) },
      calls,
    );
    const before = await loadOnLambda(input, fn.handlerFile!, 16, [], { v2 }).handler(event);

    const db = mockClient(lib.DynamoDBDocumentClient);
    const bucket = mockClient(s3.S3Client);
    mocks.push(db, bucket);
    db.on(lib.ScanCommand).resolves({ Items: items });
    bucket.on(s3.PutObjectCommand).resolves({ ETag: '"e"' });
    const shipped = Object.keys(JSON.parse(output['reports/package.json']).dependencies);
    const after = await loadOnLambda(output, fn.handlerFile!, 24, shipped, {}).handler(event);

    expect(after).toEqual(before);
    expect(after).toEqual({ day: '2024-05-01', count: 2, location: 's3://reports-bucket/reports/2024-05-01.csv' });
    expect(db.calls().map((c: any) => c.args[0].input)).toEqual([calls[0].params]);
    expect(bucket.calls().map((c: any) => c.args[0].input)).toEqual([calls[1].params]);
  });

  it('aws-sdk only in devDependencies: the clients go to dependencies, which are deployed, and aws-sdk goes', async () => {
    const { result } = await convertFixture('unbundled-dev-dependency');
    const pkg = JSON.parse(result.changes.get('package.json')!);
    expect(pkg.dependencies).toEqual({ '@aws-sdk/client-sqs': '^3.1100.0', validator: '^13.11.0' });
    expect(pkg.devDependencies).toEqual({ serverless: '^3.38.0' });
  });

  it('a function deployed without a package.json takes its clients from the runtime, and a finding says so', async () => {
    const { result } = await convertFixture('unbundled-cdk-asset');
    const note = result.findings.filter((f) => f.rule === 'aws-sdk-v3/runtime-provided');
    expect(note).toHaveLength(1);
    expect(note[0]).toMatchObject({ file: 'lambda/indexer/index.js', severity: 'info' });
    expect(note[0].message).toContain(
      "@aws-sdk/client-s3 comes from the SDK v3 that Lambda's nodejs24.x runtime includes",
    );
    expect(note[0].message).toContain('(on nodejs16.x there is no SDK v3)');
    // no package.json is made: whether one would be installed depends on how the asset is built
    expect([...result.changes.keys()].filter((f) => f.startsWith('lambda/'))).toEqual(['lambda/indexer/index.js']);
  });

  it('inline code is not converted (it is reported by the behaviour check and the exit criterion)', async () => {
    const { result } = await convertFixture('unbundled-inline-zipfile');
    expect(result.changes.size).toBe(0);
    expect(codemod.candidates(memoryRepo(readTree(join(fixtures, 'unbundled-inline-zipfile', 'input'))), only)).toEqual(
      [],
    );
  });

  it("offers only the unshipped functions' files as candidates, and none once they are converted", async () => {
    const { input, output } = await convertFixture('unbundled-sam-two-functions');
    expect(codemod.candidates(memoryRepo(input), only)).toEqual(['reports/src/store.js']);
    expect(codemod.candidates(memoryRepo(output), only)).toEqual([]);
  });

  const template =
    'Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs16.x\n      CodeUri: fn/\n      Handler: index.handler\n';
  const handler =
    "const AWS = require('aws-sdk');\nexports.s3 = new AWS.S3();\nexports.handler = async (e) => (await exports.s3.getObject({ Bucket: 'b', Key: e.key }).promise()).ContentLength;\n";

  it('keeps a client on v2 when a module outside the functions uses it too, and names that module', async () => {
    const script =
      "const { s3 } = require('../fn/index');\ns3.headObject({ Bucket: 'b', Key: 'k' }).promise().then(console.log);\n";
    const files = { 'template.yaml': template, 'fn/index.js': handler, 'scripts/check.js': script };
    const result = await runOn(files, only);
    expect(result.changes.size).toBe(0);
    expect(result.findings.find((f) => f.rule === 'aws-sdk-v3/outside-functions')).toMatchObject({
      file: 'scripts/check.js',
      severity: 'manual',
    });
    expect(result.findings.find((f) => f.rule === 'aws-sdk-v3/client-kept-v2')?.message).toContain(
      'scripts/check.js also uses it and is not part of the functions this step converts',
    );
    expect(unbundledSdkFunctions(memoryRepo({ ...files, ...Object.fromEntries(result.changes) }), 24)).toHaveLength(1);
  });

  it('names a test that fakes v2 for a converted function, and keeps aws-sdk for it', async () => {
    const test =
      "jest.mock('aws-sdk');\nconst { handler } = require('../index');\ntest('size', async () => expect(await handler({ key: 'k' })).toBe(1));\n";
    const files = {
      'template.yaml': template,
      'fn/index.js': handler,
      'fn/package.json': '{\n  "devDependencies": {\n    "aws-sdk": "^2.1500.0"\n  }\n}\n',
      'fn/test/index.test.js': test,
    };
    const result = await runOn(files, only);
    expect([...result.changes.keys()].sort()).toEqual(['fn/index.js', 'fn/package.json']);
    expect(JSON.parse(result.changes.get('fn/package.json')!)).toEqual({
      devDependencies: { 'aws-sdk': '^2.1500.0' },
      dependencies: { '@aws-sdk/client-s3': '^3.1100.0' },
    });
    expect(result.findings.find((f) => f.file === 'fn/test/index.test.js')).toMatchObject({
      rule: 'aws-sdk-v3/still-v2',
      severity: 'manual',
    });
  });

  it('rejects an unknown value of only', async () => {
    await expect(runOn({ 'a.js': '' }, { only: 'everything' })).rejects.toThrow(UsageError);
  });
});
