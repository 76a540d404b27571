// CI settings (actions/setup-python and its matrix, CodeBuild runtime-versions) and version files
// (.python-version, runtime.txt, .tool-versions): the Python version moves, Node.js stays.
import { describe, expect, it } from 'vitest';
import { upgradeFile } from './helpers.js';

describe('GitHub Actions', () => {
  const workflow = (matrix: string, lint: string, deploy: string) => `name: CI
on: [push, pull_request]

jobs:
  test:
    runs-on: ubuntu-latest
    strategy:
      fail-fast: false
      matrix:
        python-version: ${matrix}
    steps:
      - uses: actions/checkout@v4
      - name: Set up Python \${{ matrix.python-version }}
        uses: actions/setup-python@v5
        with:
          python-version: \${{ matrix.python-version }}
          cache: pip
      - run: pytest -q
  lint:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/setup-python@v5
        with:
          python-version: ${lint} # same as Lambda
      - uses: actions/setup-node@v4
        with:
          node-version: 18
  deploy:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        python:
${deploy}    steps:
      - uses: actions/setup-python@v5
        with:
          python-version: \${{ matrix.python }}
`;

  it('moves setup-python and matrices to the target once, and keeps node-version', async () => {
    const before = workflow('["3.9", "3.10", "3.11"]', "'3.9'", '          - "3.10"\n          - "3.12"\n');
    const { text, findings } = await upgradeFile('.github/workflows/ci.yml', before);
    expect(text).toBe(workflow('["3.13"]', "'3.13'", '          - "3.13"\n'));
    expect(findings).toEqual([]);
  });

  it('keeps a newer matrix entry beside the target (3.12), with a note', async () => {
    const before = workflow('["3.9", "3.13"]', '3.10', '          - "3.11"\n');
    const { text, findings } = await upgradeFile('.github/workflows/ci.yml', before, { targetVersion: '3.12' });
    expect(text).toBe(workflow('["3.12", "3.13"]', '3.12', '          - "3.12"\n'));
    expect(findings).toEqual(['.github/workflows/ci.yml:10 newer-than-target info']);
  });

  it('leaves aliases and other interpreters alone', async () => {
    const before = workflow('["3.x", "pypy3.9"]', '"3.13"', '          - "3.13"\n');
    expect(await upgradeFile('.github/workflows/ci.yml', before)).toEqual({ text: undefined, findings: [] });
  });
});

describe('CodeBuild buildspec', () => {
  const spec = (python: string) => `version: 0.2

phases:
  install:
    runtime-versions:
      python: ${python}
      nodejs: 18
    commands:
      - pip install --upgrade aws-sam-cli
  build:
    commands:
      - sam build
`;

  it('moves runtime-versions python and keeps nodejs', async () => {
    expect(await upgradeFile('buildspec.yml', spec('3.9'))).toEqual({ text: spec('3.13'), findings: [] });
    expect(await upgradeFile('buildspec.yml', spec('"3.10"'), { targetVersion: '3.12' })).toEqual({
      text: spec('"3.12"'),
      findings: [],
    });
    expect(await upgradeFile('buildspec.yml', spec('3.13'), { targetVersion: '3.12' })).toEqual({
      text: undefined,
      findings: ['buildspec.yml:6 newer-than-target info'],
    });
  });
});

describe('version files', () => {
  it('moves .python-version, runtime.txt and .tool-versions, noting dropped patch releases', async () => {
    const cases: [string, string, string, string[]][] = [
      ['.python-version', '3.9\n', '3.13\n', []],
      ['.python-version', '# pyenv\n3.9.18\n', '# pyenv\n3.13\n', ['.python-version:2 pinned-patch info']],
      ['runtime.txt', 'python-3.9.18\n', 'python-3.13\n', ['runtime.txt:1 pinned-patch info']],
      [
        '.tool-versions',
        'nodejs 18.19.0\npython 3.9.18 3.11.7\nterraform 1.6.6\n',
        'nodejs 18.19.0\npython 3.13 3.11.7\nterraform 1.6.6\n',
        ['.tool-versions:2 pinned-patch info'],
      ],
    ];
    for (const [path, before, after, findings] of cases) {
      expect(await upgradeFile(path, before), `${path}: ${before}`).toEqual({ text: after, findings });
    }
  });

  it('follows target 3.12 and keeps CRLF', async () => {
    expect(await upgradeFile('.python-version', '3.10\r\n', { targetVersion: '3.12' })).toEqual({
      text: '3.12\r\n',
      findings: [],
    });
  });

  it('leaves system, other interpreters and newer versions', async () => {
    expect(await upgradeFile('.python-version', 'system\n')).toEqual({ text: undefined, findings: [] });
    expect(await upgradeFile('.python-version', 'pypy3.9-7.3.13\n')).toEqual({ text: undefined, findings: [] });
    expect(await upgradeFile('.tool-versions', 'python 3.14.0\n')).toEqual({
      text: undefined,
      findings: ['.tool-versions:1 newer-than-target info'],
    });
  });

  it('never reads runtime.txt as prose, nor other .txt files as version files', async () => {
    expect(await upgradeFile('docs/runtime-notes.txt', 'python-3.9\n')).toEqual({ text: undefined, findings: [] });
    expect(await upgradeFile('requirements.txt', 'boto3==1.34.0\n')).toEqual({ text: undefined, findings: [] });
  });
});
