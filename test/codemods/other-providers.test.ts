// A repository with an AWS Serverless service beside an Azure and a Google Serverless service
// and an Azure Functions app, all on Node.js 12: the Node.js 24 upgrade's codemods, in the
// definition's order, change the AWS service only, and the AWS handler answers as before.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { loadCodemod, type CodemodName } from '../../src/codemods/index.js';
import type { Finding } from '../../src/codemods/types.js';
import { applied, readTree, repoOf, writeTree } from './nodejs-runtime/helpers.js';

const fixture = join(import.meta.dirname, '../../fixtures/other-providers/mixed');
const steps: CodemodName[] = ['lambda-callback-to-async', 'nodejs24-behaviour-check', 'nodejs-runtime-upgrade'];

async function upgrade(input: Map<string, string>): Promise<{ tree: Map<string, string>; findings: Finding[] }> {
  let tree = input;
  const findings: Finding[] = [];
  for (const name of steps) {
    const result = await (await loadCodemod(name)).run(repoOf(tree), { targetVersion: 24 });
    tree = applied(tree, result);
    findings.push(...result.findings);
  }
  return { tree, findings };
}

type Answer = { result: unknown } | { error: string };

/** Loads a CommonJS handler file and calls `name` as Lambda would: with a callback, or awaited. */
async function invoke(code: string, name: string, event: unknown, withCallback: boolean): Promise<Answer> {
  const module = { exports: {} as Record<string, (...args: unknown[]) => unknown> };
  runInNewContext(code, { module, exports: module.exports, process: { env: {} }, JSON });
  const handler = module.exports[name]!;
  const settle = (promise: Promise<unknown>) =>
    promise.then(
      (result) => ({ result }),
      (error: Error) => ({ error: error.message }),
    );
  if (!withCallback) return settle(Promise.resolve().then(() => handler(event, {})));
  return settle(
    new Promise((resolve, reject) =>
      handler(event, {}, (error: unknown, result: unknown) => (error ? reject(error) : resolve(result))),
    ),
  );
}

describe('services of other providers are left alone by the Node.js 24 upgrade', () => {
  it('changes only the AWS service; every file of the Azure, Google and Azure Functions services keeps its bytes', async () => {
    const input = readTree(join(fixture, 'input'));
    const { tree, findings } = await upgrade(input);
    const outputDir = join(fixture, 'output');
    // Regenerate on purpose only (ATX_UPDATE_FIXTURES=1), then review the diff by hand.
    if (process.env.ATX_UPDATE_FIXTURES === '1') writeTree(outputDir, tree);
    expect(existsSync(outputDir)).toBe(true);
    expect(Object.fromEntries(tree)).toEqual(Object.fromEntries(readTree(outputDir)));

    const changed = [...tree.keys()].filter((path) => tree.get(path) !== input.get(path));
    expect(changed).toEqual(['orders-aws/handler.js', 'orders-aws/package.json', 'orders-aws/serverless.yml']);
    expect(tree.get('orders-aws/serverless.yml')).toContain(
      '  runtime: nodejs24.x\n  # Runtimes this service has been deployed on:\n  #  - nodejs10.x\n  #  - nodejs12.x\n',
    );

    // Each service left alone is reported once, at the line that names its provider.
    const others = findings.filter((f) => f.rule === 'nodejs24/other-provider').map((f) => `${f.file}:${f.line}`);
    expect(others.sort()).toEqual([
      'azure-functions-app/host.json:1',
      'azure-greeter/serverless.yml:6',
      'google-greeter/serverless.yml:4',
    ]);
    expect(
      findings
        .filter((f) => f.file.startsWith('azure') || f.file.startsWith('google'))
        .every((f) => f.rule === 'nodejs24/other-provider'),
    ).toBe(true);

    // A second run changes nothing.
    const again = await upgrade(tree);
    expect([...again.tree].filter(([path, text]) => tree.get(path) !== text)).toEqual([]);
  });

  it('the converted AWS handler answers every event as the callback handler did', async () => {
    const input = readTree(join(fixture, 'input'));
    const { tree } = await upgrade(input);
    const before = input.get('orders-aws/handler.js')!;
    const after = tree.get('orders-aws/handler.js')!;
    expect(after).not.toBe(before);
    for (const event of [{ body: '{"id":"o-1"}' }, { body: '{}' }, {}]) {
      expect(await invoke(after, 'create', event, false)).toEqual(await invoke(before, 'create', event, true));
    }
  });

  it('an unresolvable provider variable leaves the service alone and asks a person', async () => {
    const input = new Map([
      [
        'svc/serverless.yml',
        "service: svc\nprovider:\n  name: ${opt:provider, 'aws'}\n  runtime: nodejs12.x\nfunctions:\n  a:\n    handler: index.handler\n",
      ],
      ['svc/index.js', 'exports.handler = (event, context, callback) => callback(null, event);\n'],
    ]);
    const { tree, findings } = await upgrade(input);
    expect(Object.fromEntries(tree)).toEqual(Object.fromEntries(input));
    expect(findings).toContainEqual(
      expect.objectContaining({
        file: 'svc/serverless.yml',
        line: 3,
        rule: 'nodejs24/unknown-provider',
        severity: 'manual',
      }),
    );
  });

  it('a serverless config of another provider beside an AWS one keeps its runtime', async () => {
    const input = new Map([
      ['svc/serverless.yml', 'service: svc\nprovider:\n  name: aws\n  runtime: nodejs12.x\n'],
      ['svc/serverless.gcp.yml', "service: svc\nprovider:\n  name: google\n  runtime: 'nodejs12.x'\n"],
    ]);
    const { tree, findings } = await upgrade(input);
    expect(tree.get('svc/serverless.yml')).toBe('service: svc\nprovider:\n  name: aws\n  runtime: nodejs24.x\n');
    expect(tree.get('svc/serverless.gcp.yml')).toBe(input.get('svc/serverless.gcp.yml'));
    expect(findings).toContainEqual(
      expect.objectContaining({
        file: 'svc/serverless.gcp.yml',
        line: 3,
        rule: 'nodejs-runtime/other-provider',
        severity: 'info',
      }),
    );
  });
});
