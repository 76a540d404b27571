// nodejs24-behaviour-check reports, never edits: experimental module flags in NODE_OPTIONS and
// promises an async handler starts without awaiting or returning them.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codemod } from '../../../src/codemods/nodejs-runtime/behaviour-check.js';
import { fixturesRoot, inlineRepo, readTree, repoOf } from './helpers.js';

const input = readTree(join(fixturesRoot, 'behaviour', 'input'));

function where(findings: { file: string; line: number; rule: string }[], rule: string): string[] {
  return findings.filter((f) => f.rule === rule).map((f) => `${f.file}:${f.line}`);
}

describe('nodejs24-behaviour-check', () => {
  it('reports experimental module flags in templates, serverless, terraform, Dockerfile and .env', async () => {
    const { changes, findings } = await codemod.run(repoOf(input), {});
    expect(changes.size).toBe(0);
    expect(where(findings, 'nodejs24/experimental-flag')).toEqual([
      '.env:2',
      'Dockerfile:2',
      'infra/main.tf:5',
      'serverless.yml:6',
      'template.yaml:8',
      'template.yaml:19',
    ]);
    const byFile = (file: string) => findings.find((f) => f.file === file && f.rule === 'nodejs24/experimental-flag')!;
    expect(byFile('template.yaml').message).toContain('--experimental-require-module');
    expect(byFile('serverless.yml').severity).toBe('manual');
    expect(byFile('Dockerfile').message).toContain('removed in Node.js 19');
  });

  it('reports promises left running by async handlers, and nothing that is awaited or returned', async () => {
    const { findings } = await codemod.run(repoOf(input), {});
    expect(where(findings, 'nodejs24/unawaited-promise')).toEqual([
      'src/app.mjs:10',
      'src/app.mjs:11',
      'src/app.mjs:12',
      'src/app.mjs:13',
      'src/app.mjs:15',
      'src/app.mjs:17',
      'src/legacy.js:5',
      'src/stream.mjs:5',
    ]);
    const fetchFinding = findings.find((f) => f.file === 'src/app.mjs' && f.line === 10)!;
    expect(fetchFinding).toMatchObject({ severity: 'warning' });
    expect(fetchFinding.message).toMatch(/^fetch\(…\) is started but neither awaited nor returned/);
  });

  it('skips tests, documentation and synchronous handlers', async () => {
    const { findings } = await codemod.run(repoOf(input), {});
    const files = new Set(findings.map((f) => f.file));
    expect(files.has('test/app.test.mjs')).toBe(false);
    expect(files.has('docs/notes.md')).toBe(false);
    expect(files.has('src/ok.mjs')).toBe(false);
    expect(codemod.candidates(repoOf(input), {})).not.toContain('docs/notes.md');
  });

  it('finds handlers by the name a template gives them', async () => {
    const repo = inlineRepo({
      'template.yaml': 'Resources:\n  F:\n    Properties:\n      Handler: app/main.run\n',
      'app/main.js':
        'exports.run = async () => {\n  fetch("https://x");\n};\nexports.other = async () => { fetch("https://y"); };\n',
    });
    const { findings } = await codemod.run(repo, {});
    expect(where(findings, 'nodejs24/unawaited-promise')).toEqual(['app/main.js:2']);
  });

  it('respects paths', async () => {
    const { findings } = await codemod.run(repoOf(input), { paths: ['src/legacy.js'] });
    expect(findings.map((f) => f.file)).toEqual(['src/legacy.js']);
  });
});
