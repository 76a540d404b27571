// A small SAM repository (fixtures/python-runtime/repository) through `codemod.run`: what changes
// is still valid YAML, JSON and TOML that says the same as before except the Python version, and
// files that only mention a version (docs, events, code) stay as they are.
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { codemod } from '../../../src/codemods/python-runtime/index.js';
import { fixturesRoot, readTree, repoOf, runTwice } from './helpers.js';

const input = readTree(join(fixturesRoot, 'repository', 'input'));

/** The document as plain data (any: tests read into it by path); it must parse without errors. */
function yaml(text: string): any {
  const doc = parseDocument(text);
  expect(doc.errors).toEqual([]);
  return doc.toJS();
}

/** `before` with every line kept but those at `changed` (0-based), which must read `after`'s way. */
function linesKept(before: string, after: string, changed: Record<number, [string, string]>): void {
  const old = before.split('\n');
  const next = after.split('\n');
  expect(next.length).toBe(old.length);
  old.forEach((line, i) => {
    const change = changed[i];
    expect(next[i], `line ${i + 1}`).toBe(change ? line.replace(change[0], change[1]) : line);
  });
}

describe('a SAM repository moved to Python 3.13', () => {
  it('changes the files that name the runtime, and only those', async () => {
    const { result, tree } = await runTwice(input);
    expect([...result.changes.keys()].sort()).toEqual([
      '.github/workflows/ci.yml',
      '.python-version',
      'infra/alarms.template.json',
      'pyproject.toml',
      'template.yaml',
    ]);
    for (const path of ['README.md', 'events/event.json', 'src/orders/app.py', 'samconfig.toml', 'tests/test_app.py'])
      expect(tree.get(path), path).toBe(input.get(path));
  });

  it('keeps the YAML valid and equal but for the Python runtimes', async () => {
    const { tree } = await runTwice(input);
    const before = yaml(input.get('template.yaml')!);
    const after = yaml(tree.get('template.yaml')!);
    before.Globals.Function.Runtime = 'python3.13';
    before.Resources.DepsLayer.Properties.CompatibleRuntimes = ['python3.13', 'python3.11'];
    before.Resources.DepsLayer.Metadata.BuildMethod = 'python3.13';
    expect(after).toEqual(before);
    expect(after.Resources.ThumbnailFunction.Properties.Runtime).toBe('nodejs18.x');

    const ci = yaml(tree.get('.github/workflows/ci.yml')!);
    const ciBefore = yaml(input.get('.github/workflows/ci.yml')!);
    ciBefore.jobs.test.strategy.matrix['python-version'] = ['3.13'];
    ciBefore.jobs.deploy.steps[1].with['python-version'] = '3.13';
    expect(ci).toEqual(ciBefore);
  });

  it('keeps the JSON template valid and equal but for the runtime', async () => {
    const { tree } = await runTwice(input);
    const before = JSON.parse(input.get('infra/alarms.template.json')!);
    const after = JSON.parse(tree.get('infra/alarms.template.json')!);
    before.Resources.Forwarder.Properties.Runtime = 'python3.13';
    expect(after).toEqual(before);
  });

  it('keeps every line of pyproject.toml but the three values', async () => {
    const { tree } = await runTwice(input);
    linesKept(input.get('pyproject.toml')!, tree.get('pyproject.toml')!, {
      3: ['>=3.9,<4', '>=3.13,<4'],
      7: ['"py39"', '"py313"'],
      11: ['"3.9"', '"3.13"'],
    });
  });

  it('offers as candidates only the files a surface reads', () => {
    expect(codemod.candidates(repoOf(input), {}).sort()).toEqual([
      '.github/workflows/ci.yml',
      '.python-version',
      'infra/alarms.template.json',
      'pyproject.toml',
      'template.yaml',
    ]);
  });
});

describe('the same repository with options', () => {
  it('moves to 3.12 with the same shape', async () => {
    const { result, tree } = await runTwice(input, { targetVersion: '3.12' });
    expect(result.changes.size).toBe(5);
    const template = yaml(tree.get('template.yaml')!);
    expect(template.Globals.Function.Runtime).toBe('python3.12');
    expect(template.Resources.DepsLayer.Properties.CompatibleRuntimes).toEqual(['python3.12', 'python3.11']);
    expect(JSON.parse(tree.get('infra/alarms.template.json')!).Resources.Forwarder.Properties.Runtime).toBe(
      'python3.12',
    );
    linesKept(input.get('pyproject.toml')!, tree.get('pyproject.toml')!, {
      3: ['>=3.9,<4', '>=3.12,<4'],
      7: ['"py39"', '"py312"'],
      11: ['"3.9"', '"3.12"'],
    });
    expect(tree.get('.python-version')).toBe('3.12\n');
  });

  it('limits the run to `paths`', async () => {
    const result = await codemod.run(repoOf(input), { paths: ['infra'] });
    expect([...result.changes.keys()]).toEqual(['infra/alarms.template.json']);
  });
});
