// When the SDK codemod adds @aws-sdk/* v3 packages to a TypeScript package whose @types/node (or
// the TypeScript that @types/node 18 needs) is older than their types read, a finding on the line
// of the entry to raise says what to raise it to.
import { describe, expect, it } from 'vitest';
import { typescriptNeeds } from '../../../src/codemods/aws-sdk-v2-to-v3/typescript-needs.js';
import { runOn } from './helpers.js';

const user = `import * as AWS from 'aws-sdk';\nconst s3 = new AWS.S3();\nexport const list = () => s3.listBuckets().promise();\n`;
const manifest = (dev: string) =>
  `{\n  "name": "svc",\n  "dependencies": {\n    "aws-sdk": "^2.1692.0"\n  },\n  "devDependencies": {\n${dev}\n  }\n}\n`;

describe('aws-sdk-v2-to-v3: what the v3 packages need of TypeScript', () => {
  it('TypeScript 3.9 with @types/node 10: both entries get a finding with what to raise to', async () => {
    const text = manifest('    "@types/node": "^10.17.0",\n    "typescript": "~3.9.7"');
    const result = await runOn({ 'package.json': text, 'src/list.ts': user });
    const written = result.changes.get('package.json')!;
    expect(JSON.parse(written).dependencies).toEqual({ '@aws-sdk/client-s3': '^3.1100.0' });
    // The devDependencies, and every byte of them, are as they were.
    expect(written.slice(written.indexOf('"devDependencies"'))).toBe(text.slice(text.indexOf('"devDependencies"')));
    expect(result.findings.filter((f) => f.rule === 'aws-sdk-v3/typescript-needs')).toEqual([
      {
        file: 'package.json',
        line: 7,
        rule: 'aws-sdk-v3/typescript-needs',
        message:
          'the @aws-sdk/* v3 packages\' types need @types/node 18 or later (node:stream, node:http, fetch, AbortSignal, ReadableStream<T>), and this package has @types/node "^10.17.0": raise it to "^18" (that needs TypeScript 5.2 or later; the project has TypeScript "~3.9.7" (package.json))',
        severity: 'manual',
      },
      {
        file: 'package.json',
        line: 8,
        rule: 'aws-sdk-v3/typescript-needs',
        message:
          '@types/node 18, which the @aws-sdk/* v3 packages\' types need, needs TypeScript 5.2 or later, and the project has TypeScript "~3.9.7" (package.json): raise typescript to 5.2 or later',
        severity: 'manual',
      },
    ]);
  });

  it('reads the TypeScript the lockfile installs', () => {
    const text = `{\n  "dependencies": { "@aws-sdk/client-s3": "^3.1100.0" },\n  "devDependencies": { "@types/node": "18.0.0", "typescript": "^4.0.0" }\n}\n`;
    const lock = JSON.stringify({ lockfileVersion: 3, packages: { 'node_modules/typescript': { version: '4.9.5' } } });
    const repo = {
      files: ['package-lock.json', 'package.json'],
      read: (path: string) => (path === 'package.json' ? text : lock),
    };
    // @types/node 18.0.0 exactly needs TypeScript 4.0; 4.9.5 is installed: nothing to say.
    expect(typescriptNeeds('package.json', text, repo)).toEqual([]);
    const latest = text.replace('"18.0.0"', '"^18.0.0"');
    expect(
      typescriptNeeds('package.json', latest, { ...repo, read: (p: string) => (p === 'package.json' ? latest : lock) }),
    ).toEqual([
      expect.objectContaining({
        line: 3,
        message: expect.stringContaining(
          'needs TypeScript 5.2 or later, and the project has TypeScript 4.9.5 (package-lock.json)',
        ),
      }),
    ]);
  });

  it('a package without @types/node is told to add it; one without TypeScript or v3 packages is not looked at', () => {
    const noTypes = `{\n  "dependencies": { "@aws-sdk/client-s3": "^3.1100.0" },\n  "devDependencies": {\n    "typescript": "^5.4.0"\n  }\n}\n`;
    expect(typescriptNeeds('package.json', noTypes)).toEqual([
      expect.objectContaining({
        line: 4,
        message: expect.stringContaining('declares no @types/node: add "@types/node": "^18" to devDependencies'),
      }),
    ]);
    expect(typescriptNeeds('package.json', '{"dependencies": {"@aws-sdk/client-s3": "^3.0.0"}}')).toEqual([]);
    expect(typescriptNeeds('package.json', '{"devDependencies": {"typescript": "3.9.7"}}')).toEqual([]);
  });

  it('nothing to say for TypeScript 5.4 with @types/node 20.0.0', async () => {
    const text = manifest('    "@types/node": "20.0.0",\n    "typescript": "^5.4.5"');
    const result = await runOn({ 'package.json': text, 'src/list.ts': user });
    expect(result.findings.filter((f) => f.rule === 'aws-sdk-v3/typescript-needs')).toEqual([]);
  });
});
