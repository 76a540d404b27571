// Which package.json gains the v3 clients, and that every file left on v2 is named with a reason.
import { describe, expect, it } from 'vitest';
import { runOn } from './helpers.js';

const handler = `const AWS = require('aws-sdk');\nconst s3 = new AWS.S3();\nexports.list = () => s3.listBuckets().promise();\n`;

async function twice(files: Record<string, string>) {
  const first = await runOn(files);
  const after = { ...files, ...Object.fromEntries(first.changes) };
  const second = await runOn(after);
  return { first, after, second };
}

describe('aws-sdk-v2-to-v3: package.json ownership', () => {
  it("keeps a library's peer dependency a peer dependency and drops aws-sdk from every section in one run", async () => {
    const manifest =
      JSON.stringify(
        {
          name: 'lib',
          main: 'index.js',
          devDependencies: { 'aws-sdk': '^2.1692.0', jest: '^29.0.0' },
          peerDependencies: { 'aws-sdk': '*' },
        },
        null,
        2,
      ) + '\n';
    const { after, second } = await twice({ 'package.json': manifest, 'index.js': handler });
    const json = JSON.parse(after['package.json']);
    expect(json.peerDependencies).toEqual({ '@aws-sdk/client-s3': expect.stringMatching(/^\^3\./) });
    expect(json.devDependencies).toEqual({ '@aws-sdk/client-s3': expect.stringMatching(/^\^3\./), jest: '^29.0.0' });
    expect(json).not.toHaveProperty('dependencies');
    expect([...second.changes.keys()]).toEqual([]);
  });

  it('removes aws-sdk from dependencies and devDependencies together', async () => {
    const manifest = JSON.stringify(
      { name: 'svc', dependencies: { 'aws-sdk': '^2' }, devDependencies: { 'aws-sdk': '^2' } },
      null,
      2,
    );
    const { after, second } = await twice({ 'package.json': manifest, 'src/a.js': handler });
    const json = JSON.parse(after['package.json']);
    expect(json.dependencies).toEqual({ '@aws-sdk/client-s3': expect.any(String) });
    expect(json.devDependencies).toEqual({ '@aws-sdk/client-s3': expect.any(String) });
    expect(after['package.json'].endsWith('}')).toBe(true);
    expect([...second.changes.keys()]).toEqual([]);
  });

  it('changes only the dependency sections it edits: every other byte of package.json stays', async () => {
    const manifest = `{
    "name": "svc",
    "files": ["index.js", "lib/"],
    "scripts": { "test": "node --test" },
    "dependencies": {
        "aws-sdk": "^2.1692.0",
        "uuid": "^9.0.0"
    },
    "devDependencies": { "jest": "^29.0.0" }
}
`;
    const { after, second } = await twice({ 'package.json': manifest, 'index.js': handler });
    const client = `"@aws-sdk/client-s3": "${JSON.parse(after['package.json']).dependencies['@aws-sdk/client-s3']}"`;
    expect(after['package.json']).toBe(manifest.replace('"aws-sdk": "^2.1692.0"', client));
    expect([...second.changes.keys()]).toEqual([]);
  });

  it('adds a dependencies section after the last property when there is none', async () => {
    const own = `{\n  "name": "orders",\n  "files": ["a.js"]\n}\n`;
    const { after } = await twice({ 'functions/orders/package.json': own, 'functions/orders/index.js': handler });
    const text = after['functions/orders/package.json'];
    expect(
      text.startsWith(
        `{\n  "name": "orders",\n  "files": ["a.js"],\n  "dependencies": {\n    "@aws-sdk/client-s3": "^3.`,
      ),
    ).toBe(true);
    expect(text.endsWith('"\n  }\n}\n')).toBe(true);
  });

  it('leaves a tooling-only root alone and says which package the function needs', async () => {
    const root = `{\n  "private": true,\n  "devDependencies": {\n    "eslint": "^9.0.0"\n  }\n}\n`;
    const { first, after, second } = await twice({ 'package.json': root, 'functions/orders/index.js': handler });
    expect(after['package.json']).toBe(root);
    expect(after['functions/orders/index.js']).toContain("require('@aws-sdk/client-s3')");
    expect(first.findings).toContainEqual(
      expect.objectContaining({
        file: 'functions/orders/index.js',
        rule: 'aws-sdk-v3/no-package',
        message: expect.stringContaining('@aws-sdk/client-s3'),
      }),
    );
    expect([...second.changes.keys()]).toEqual([]);
  });

  it("adds the clients to a function's own package.json that relied on the runtime's SDK", async () => {
    const root = `{\n  "private": true,\n  "devDependencies": {\n    "eslint": "^9.0.0"\n  }\n}\n`;
    const own = `{\n  "name": "orders",\n  "version": "1.0.0"\n}\n`;
    const { first, after } = await twice({
      'package.json': root,
      'functions/orders/package.json': own,
      'functions/orders/index.js': handler,
    });
    expect(after['package.json']).toBe(root);
    expect(JSON.parse(after['functions/orders/package.json']).dependencies).toEqual({
      '@aws-sdk/client-s3': expect.any(String),
    });
    expect(first.findings.filter((f) => f.rule === 'aws-sdk-v3/no-package')).toEqual([]);
  });
});

describe('aws-sdk-v2-to-v3: every file left on v2 is a finding', () => {
  const manifest = `{\n  "name": "svc",\n  "dependencies": {\n    "aws-sdk": "^2.1692.0"\n  }\n}\n`;
  const still = (findings: { rule: string; file: string }[], file: string) =>
    findings.filter((f) => f.rule === 'aws-sdk-v3/still-v2' && f.file === file);

  it('names build output, test doubles and files kept for a reported use, with the line that loads v2', async () => {
    const bundle = `"use strict";\nvar AWS = require("aws-sdk");\nmodule.exports = new AWS.S3();\n`;
    const testDouble = `const AWS = require('aws-sdk');\njest.mock('aws-sdk');\ntest('x', () => expect(AWS.S3).toBeDefined());\n`;
    const dynamic = `const AWS = require('aws-sdk');\nexports.make = (name) => new AWS[name]();\n`;
    const { findings } = await runOn({
      'package.json': manifest,
      'src/a.js': handler,
      'dist/bundle.js': bundle,
      'test/a.test.js': testDouble,
      'src/dynamic.js': dynamic,
    });
    expect(still(findings, 'src/a.js')).toEqual([]);
    expect(still(findings, 'dist/bundle.js')).toEqual([
      expect.objectContaining({ line: 2, message: expect.stringContaining('build output') }),
    ]);
    expect(still(findings, 'test/a.test.js')).toEqual([
      expect.objectContaining({ line: 1, message: expect.stringContaining('aws-sdk-client-mock') }),
    ]);
    const kept = still(findings, 'src/dynamic.js');
    expect(kept).toEqual([
      expect.objectContaining({ line: 1, severity: 'manual', message: expect.stringMatching(/findings at line 2\b/) }),
    ]);
    expect(findings.some((f) => f.file === 'src/dynamic.js' && f.line === 2 && f.rule !== 'aws-sdk-v3/still-v2')).toBe(
      true,
    );
  });
});

describe('aws-sdk-v2-to-v3: modules are followed only inside the repository', () => {
  it('reads no path outside the files it is given, whatever the requires name', async () => {
    const files: Record<string, string> = {
      'package.json': `{\n  "name": "svc",\n  "dependencies": {\n    "aws-sdk": "^2.1692.0"\n  }\n}\n`,
      'src/a.js':
        `const AWS = require('aws-sdk');\nconst s3 = new AWS.S3();\nconst up = require('../../../outside/helper');\n` +
        `const abs = require('/etc/helper');\nexports.go = () => { up.list(s3); return abs.list(s3); };\n`,
    };
    const read: string[] = [];
    const repo = {
      files: Object.keys(files).sort(),
      read: (p: string) => {
        read.push(p);
        if (!(p in files)) throw new Error(`read ${p}`);
        return files[p];
      },
    };
    const { codemod } = await import('../../../src/codemods/aws-sdk-v2-to-v3/index.js');
    const result = await codemod.run(repo, {});
    expect(read.every((p) => p in files)).toBe(true);
    // the client is handed to modules that cannot be followed: it stays on v2, with a finding
    expect(result.changes.has('src/a.js')).toBe(false);
    expect(result.findings).toContainEqual(
      expect.objectContaining({ file: 'src/a.js', rule: 'aws-sdk-v3/client-kept-v2' }),
    );
  });
});
