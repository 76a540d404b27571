// Each kind of file is edited in place: only the characters of the change, in the file's own
// escaping and quoting; what cannot be edited in place is reported instead.
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { after, rules } from './helpers.js';

const tests = { 'test/a.test.js': '', 'test/b.test.js': '', 'svc/test/c.test.mjs': '' };

describe('package.json scripts', () => {
  it('keeps the formatting, the other scripts and the JSON escapes', async () => {
    const pkg =
      '{\n\t"scripts": {\n\t\t"test":   "node --test test/",\n\t\t"say": "echo \\"hi\\" \\u0026\\u0026 node --experimental-fetch x.js"\n\t}\n}\n';
    const { text } = await after({ 'package.json': pkg, ...tests }, 'package.json', { sourceVersion: 16 });
    expect(text).toBe(
      '{\n\t"scripts": {\n\t\t"test":   "node --test \\"test/**/*.test.js\\"",\n\t\t"say": "echo \\"hi\\" \\u0026\\u0026 node x.js"\n\t}\n}\n',
    );
  });

  it('runs the scripts of a nested package from its folder', async () => {
    const pkg = '{ "scripts": { "test": "node --test test" } }\n';
    const { text } = await after({ 'svc/package.json': pkg, ...tests }, 'svc/package.json', { sourceVersion: 20 });
    expect(text).toBe('{ "scripts": { "test": "node --test \\"test/**/*.test.mjs\\"" } }\n');
  });
});

describe('GitHub Actions', () => {
  const workflow = [
    'name: ci # keep',
    'on: [push]',
    'env:',
    '  NODE_OPTIONS: --experimental-fetch',
    'jobs:',
    '  test:',
    '    runs-on: ubuntu-latest',
    '    env: { NODE_OPTIONS: "--experimental-fetch --max-old-space-size=4096" }',
    '    steps:',
    '      - run: node --test test/',
    "      - run: 'node --experimental-json-modules x.mjs'",
    '      - run: |',
    '          npm ci',
    '          node --test test # the tests',
    '      - working-directory: ./svc',
    '        run: node --test test/',
    '      - shell: pwsh',
    '        run: node --test test/',
    '      - run: >',
    '          node --test',
    '          test/',
    '',
  ].join('\n');

  it("edits run steps and env values in place, from each step's working directory", async () => {
    const { text, findings } = await after(
      { '.github/workflows/ci.yml': workflow, ...tests },
      '.github/workflows/ci.yml',
      { sourceVersion: 16 },
    );
    const expected = workflow
      .replace('  NODE_OPTIONS: --experimental-fetch', '  NODE_OPTIONS: ""')
      .replace('"--experimental-fetch --max-old-space-size=4096"', '"--max-old-space-size=4096"')
      .replace('      - run: node --test test/', '      - run: node --test "test/**/*.test.js"')
      .replace("'node --experimental-json-modules x.mjs'", "'node x.mjs'")
      .replace('node --test test # the tests', 'node --test "test/**/*.test.js" # the tests')
      .replace(
        '        run: node --test test/\n      - shell',
        '        run: node --test "test/**/*.test.mjs"\n      - shell',
      );
    expect(text).toBe(expected);
    expect(parseDocument(text).errors).toEqual([]);
    // The folded step cannot be edited in place: it is reported on its line.
    const folded = findings.filter((f) => f.severity === 'manual');
    expect(folded.map((f) => [f.line, f.rule])).toEqual([[19, 'nodejs-commands/test-folder']]);
  });
});

describe('GitLab CI and CodeBuild', () => {
  it('edits script lists and variables', async () => {
    const gitlab =
      'variables:\n  NODE_OPTIONS: "--experimental-fetch"\ntest:\n  image: node:16\n  script:\n    - npm ci\n    - [node --test test/]\n';
    const { text } = await after({ '.gitlab-ci.yml': gitlab, ...tests }, '.gitlab-ci.yml');
    expect(text).toBe(
      'variables:\n  NODE_OPTIONS: ""\ntest:\n  image: node:16\n  script:\n    - npm ci\n    - [node --test "test/**/*.test.js"]\n',
    );
  });

  it('leaves a file alone when the edited YAML would read differently, and reports it', async () => {
    // In a flow sequence the commas of `{cjs,mjs,js}` would split the command into three items.
    const gitlab = 'test:\n  script: [npm ci, node --test test/]\n';
    const mixed = { 'test/a.test.js': '', 'test/b.mjs': '' };
    const { changed, findings } = await after({ '.gitlab-ci.yml': gitlab, ...mixed }, '.gitlab-ci.yml', {
      sourceVersion: 20,
    });
    expect(changed).toBe(false);
    expect(findings.map((f) => [f.line, f.severity])).toEqual([[2, 'manual']]);
    expect(findings[0]!.message).toMatch(/^not rewritten \(the edit could not be verified\)/);
  });

  it('edits buildspec phases', async () => {
    const spec =
      'version: 0.2\nphases:\n  install:\n    runtime-versions:\n      nodejs: 18\n  build:\n    commands:\n      - node --experimental-fetch build.js\n    finally:\n      - node --test test/\n';
    const { text } = await after({ 'buildspec.yml': spec, ...tests }, 'buildspec.yml');
    expect(text).toBe(
      spec
        .replace('node --experimental-fetch build.js', 'node --experimental-fetch build.js')
        .replace('node --test test/', 'node --test "test/**/*.test.js"'),
    );
  });
});

describe('Dockerfile', () => {
  it('edits shell-form and exec-form commands, past RUN options and line continuations', async () => {
    const dockerfile = [
      'FROM node:16-alpine',
      'RUN --mount=type=cache,target=/root/.npm npm ci && \\',
      '    node --experimental-fetch scripts/build.js',
      'CMD ["node", "--experimental-fetch", "--enable-source-maps", "server.js"]',
      'ENTRYPOINT [ "node", "--test", "test/" ]',
      '',
    ].join('\n');
    const { text } = await after({ Dockerfile: dockerfile, ...tests }, 'Dockerfile');
    expect(text).toBe(
      [
        'FROM node:16-alpine',
        'RUN --mount=type=cache,target=/root/.npm npm ci && \\',
        '    node scripts/build.js',
        'CMD ["node", "--enable-source-maps", "server.js"]',
        'ENTRYPOINT [ "node", "--test", "test/**/*.{cjs,mjs,js}" ]',
        '',
      ].join('\n'),
    );
  });
});

describe('Makefile and shell scripts', () => {
  it('edits recipe lines only', async () => {
    const make =
      'NODE = node --experimental-fetch\n\ntest: ## node --test test/\n\t@node --test test/ \\\n\t  --test-reporter spec\n';
    const { text } = await after({ Makefile: make, ...tests }, 'Makefile', { sourceVersion: 16 });
    expect(text).toBe(
      'NODE = node --experimental-fetch\n\ntest: ## node --test test/\n\t@node --test "test/**/*.test.js" \\\n\t  --test-reporter spec\n',
    );
  });

  it('reads a CRLF Makefile by its lines and keeps its line endings', async () => {
    const make =
      'test:\r\n\t@node --test test/ \\\r\n\t  --test-reporter spec\r\nlint:\r\n\tnode --experimental-fetch lint.js\r\n';
    const { text } = await after({ Makefile: make, ...tests }, 'Makefile', { sourceVersion: 16 });
    expect(text).toBe(
      'test:\r\n\t@node --test "test/**/*.test.js" \\\r\n\t  --test-reporter spec\r\nlint:\r\n\tnode lint.js\r\n',
    );
  });

  it('skips comments and here-documents of a script', async () => {
    const sh =
      '#!/usr/bin/env bash\n# node --experimental-fetch old.js\ncat > run.sh <<EOF\nnode --experimental-fetch x.js\nEOF\nnode --experimental-fetch app.js # go\n';
    const { text, findings } = await after({ 'bin/start': sh }, 'bin/start', { sourceVersion: 16 });
    expect(text).toBe(sh.replace('node --experimental-fetch app.js # go', 'node app.js # go'));
    expect(findings.map((f) => [f.line, f.rule])).toEqual([[6, 'nodejs-commands/flag']]);
  });
});

describe('scope and second runs', () => {
  it('never looks into node_modules, docs or fixtures', async () => {
    const files = {
      'node_modules/x/package.json': '{ "scripts": { "test": "node --test test/" } }',
      'docs/build.sh': 'node --experimental-fetch x.js\n',
      'fixtures/app/Dockerfile': 'RUN node --experimental-fetch x.js\n',
    };
    const result = await (await import('./helpers.js')).run(files, { sourceVersion: 16 });
    expect(result.changes.size).toBe(0);
    expect(result.findings).toEqual([]);
  });

  it('changes nothing the second time', async () => {
    const files = { 'package.json': '{ "scripts": { "test": "node --experimental-fetch --test test/" } }\n', ...tests };
    const first = await after(files, 'package.json', { sourceVersion: 16 });
    expect(first.changed).toBe(true);
    const second = await after({ ...files, 'package.json': first.text }, 'package.json', { sourceVersion: 16 });
    expect(second.changed).toBe(false);
    expect(rules(second.findings)).toEqual([]);
  });
});
