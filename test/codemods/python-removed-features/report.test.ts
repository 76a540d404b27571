// Which files a run reads, what it does with one that does not parse, the lines it gives after
// non-ASCII text, and its report as data and as markdown.
import { describe, expect, it } from 'vitest';
import { codemod } from '../../../src/codemods/python-removed-features/index.js';
import { brief, findingsOf, memoryRepo, runOn } from './helpers.js';

describe('files in scope', () => {
  const files = {
    'app.py': 'import imp\n',
    'tests/test_app.py': 'import imp\n',
    'README.md': 'import imp\n',
    'scripts/run.sh': 'python -c "import imp"\n',
    'node_modules/pkg/x.py': 'import imp\n',
    '.venv/lib/python3.11/site-packages/six.py': 'import imp\n',
    'venv/bin/activate_this.py': 'import imp\n',
    'env/pyvenv.cfg': 'home = /usr/bin\n',
    'env/lib/python3.9/site-packages/a.py': 'import imp\n',
    'lib/python3.9/site-packages/b.py': 'import imp\n',
    'build/lib/orders/app.py': 'import imp\n',
    'dist/orders/app.py': 'import imp\n',
    '.aws-sam/build/Orders/app.py': 'import imp\n',
    'services/orders/handler.py': 'import imp\n',
    'services/billing/handler.py': 'import imp\n',
  };

  it('takes the project’s .py files: not dependencies, virtual environments or build output', () => {
    expect(codemod.candidates(memoryRepo(files), {})).toEqual([
      'app.py',
      'services/billing/handler.py',
      'services/orders/handler.py',
      'tests/test_app.py',
    ]);
  });

  it('limits the run to `paths`, folders or globs', async () => {
    const repo = memoryRepo(files);
    expect(codemod.candidates(repo, { paths: ['services/orders/'] })).toEqual(['services/orders/handler.py']);
    expect(codemod.candidates(repo, { paths: ['services/*/handler.py', 'app.py'] })).toEqual([
      'app.py',
      'services/billing/handler.py',
      'services/orders/handler.py',
    ]);
    const result = await runOn(files, { paths: ['tests'] });
    expect(brief(result.findings)).toEqual(['tests/test_app.py:1 removed-module manual']);
    expect(result.report).toMatchObject({ filesChecked: 1 });
  });
});

describe('a file that does not parse', () => {
  it('gets one parse-error finding at its first error, and nothing else from it', async () => {
    const result = await runOn({
      'broken.py': 'import imp\nimport collections\n\n\ndef handler(event, context:\n    return collections.Mapping\n',
      'ok.py': 'import pipes\n',
    });
    expect(brief(result.findings)).toEqual(['broken.py:5 parse-error warning', 'ok.py:1 removed-module manual']);
    expect(result.findings[0]!.message).toMatch(/does not parse.*line 5.*left unchecked/);
    expect(result.report).toMatchObject({ unparsed: ['broken.py'], filesChecked: 2 });
  });
});

describe('lines after non-ASCII text', () => {
  it('counts lines, not bytes, after accents, CJK and emoji', async () => {
    const findings = await findingsOf(`# -*- coding: utf-8 -*-
"""Größenberechnung für 日本語 🚀🚀 and ünïcödé."""
GREETING = "héllo 😀"; import imp
NAMES = ["Zoë", "Søren", "王"]


def handler(event, context):
    """Ça marche 🎉"""
    import collections
    return collections.Mapping, "🐍" * 3, GREETING
`);
    expect(brief(findings)).toEqual(['app.py:3 removed-module manual', 'app.py:10 collections-abc manual']);
  });
});

describe('a long expression', () => {
  it('is read without running out of stack: twenty thousand terms nest as deep', async () => {
    const sum = Array.from({ length: 20_000 }, (_, i) => `a${i}`).join(' + ');
    const findings = await findingsOf(`import collections\nx = ${sum} + len(collections.Mapping)\n`);
    expect(brief(findings)).toEqual(['app.py:2 collections-abc manual']);
  });
});

describe('report', () => {
  it('counts by rule and by module, lists the files, and renders a markdown section grouped by rule', async () => {
    const result = await runOn(
      {
        'a.py': 'import imp\nimport cgi\n',
        'b.py': 'from distutils.util import strtobool\nimport cgi\nimport collections\nx = collections.Mapping\n',
        'c.py': 'import os\n',
      },
      { sourceVersion: '3.9' },
    );
    expect(result.report).toEqual({
      targetVersion: '3.13',
      sourceVersion: '3.9',
      filesChecked: 3,
      unparsed: [],
      findings: 5,
      byRule: { 'python-runtime/collections-abc': 1, 'python-runtime/removed-module': 4 },
      byModule: { cgi: 2, distutils: 1, imp: 1 },
      files: ['a.py', 'b.py'],
    });
    expect(JSON.parse(JSON.stringify(result.report))).toEqual(result.report);
    const md = result.reportMarkdown!;
    expect(md).toMatch(/^## Python 3\.13 compatibility report\n/);
    expect(md).toContain('after Python 3.9, up to 3.13');
    const sections = md.split('\n### ').slice(1);
    expect(sections.map((s) => s.split('\n', 1)[0])).toEqual([
      'python-runtime/collections-abc (1)',
      'python-runtime/removed-module (4)',
    ]);
    expect(sections[1]).toContain(`- \`a.py:1\` — ${result.findings.find((f) => f.file === 'a.py')!.message}`);
    expect(sections[1]!.match(/^- `/gm)).toHaveLength(4);
  });

  it('says when nothing was found', async () => {
    const result = await runOn({ 'a.py': 'import os\n' }, { targetVersion: '3.12' });
    expect(result.findings).toEqual([]);
    expect(result.reportMarkdown).toMatch(/^## Python 3\.12 compatibility report\n[\s\S]*Nothing found/);
    expect(result.report).toMatchObject({ findings: 0, byRule: {}, byModule: {}, files: [] });
  });
});
