// Python version requirements as projects write them: only the lower bound moves, in the form it
// was written; a requirement that shuts the target out, pins one release or offers alternatives is
// left with a `requirement-left` finding, and one already at or above the target stays.
import { describe, expect, it } from 'vitest';
import { brief, upgrade, upgradeFile } from './helpers.js';

const pyproject = (range: string) => `[project]\nname = "orders"\nrequires-python = "${range}"\n`;

/** What a requirement becomes: its new text, `left` (with a finding), or `same` (silently). */
type Outcome = string | { left: string } | 'same' | 'newer';

const to313: [string, Outcome][] = [
  ['>=3.8', '>=3.13'],
  ['>=3.8,<4', '>=3.13,<4'],
  ['>= 3.8, < 4.0', '>= 3.13, < 4.0'],
  ['<4,>=3.9', '<4,>=3.13'],
  ['>=3.9,<3.14', '>=3.13,<3.14'],
  ['~=3.9', '~=3.13'],
  ['~=3.9.0', '~=3.13.0'],
  ['~=3.9.2', '~=3.13.0'],
  ['^3.9', '^3.13'],
  ['==3.9.*', '==3.13.*'],
  ['>3.7', '>=3.13'],
  ['>=3.9.2', '>=3.13'],
  ['>=3.8,!=3.9.*', '>=3.13,!=3.9.*'],
  ['>=3.8,<3.12', { left: '`<3.12` excludes Python 3.13' }],
  ['>=3.8,<3.13', { left: '`<3.13` excludes Python 3.13' }],
  // `<=3.13` is `<=3.13.0`: 3.13.1 and later are shut out.
  ['>=3.8,<=3.13', { left: '`<=3.13` excludes Python 3.13' }],
  ['>=3.8,!=3.13.*', { left: '`!=3.13.*` excludes Python 3.13' }],
  ['==3.9.18', { left: 'it pins one exact release' }],
  ['^3.8 || ^3.9', { left: 'it offers alternatives (`||`)' }],
  ['>=3.13', 'same'],
  ['>=3.13,<4', 'same'],
  ['>=3.14', 'newer'],
];

const to312: [string, Outcome][] = [
  ['>=3.8', '>=3.12'],
  ['>=3.8,<4', '>=3.12,<4'],
  ['~=3.9', '~=3.12'],
  ['~=3.9.0', '~=3.12.0'],
  ['^3.9', '^3.12'],
  ['==3.9.*', '==3.12.*'],
  ['>3.7', '>=3.12'],
  ['>=3.8,<3.13', '>=3.12,<3.13'],
  ['>=3.8,!=3.13.*', '>=3.12,!=3.13.*'],
  ['>=3.8,<3.12', { left: '`<3.12` excludes Python 3.12' }],
  ['>=3.8,<=3.12', { left: '`<=3.12` excludes Python 3.12' }],
  ['==3.9.18', { left: 'it pins one exact release' }],
  ['>=3.12', 'same'],
  ['>=3.13', 'newer'],
];

async function check(range: string, outcome: Outcome, options: Record<string, unknown>) {
  const { changes, findings } = await upgrade({ 'pyproject.toml': pyproject(range) }, options);
  if (typeof outcome === 'string' && outcome !== 'same' && outcome !== 'newer') {
    expect(changes.get('pyproject.toml')).toBe(pyproject(outcome));
    expect(findings).toEqual([]);
    return;
  }
  expect(changes.size).toBe(0);
  if (outcome === 'same') expect(findings).toEqual([]);
  else if (outcome === 'newer') expect(brief(findings)).toEqual(['pyproject.toml:3 newer-than-target info']);
  else {
    expect(brief(findings)).toEqual(['pyproject.toml:3 requirement-left manual']);
    expect(findings[0].message).toContain(`requires-python "${range}" left as it is: ${outcome.left}`);
  }
}

describe('requires-python', () => {
  it.each(to313)('%s, target 3.13 (the default)', (range, outcome) => check(range, outcome, {}));
  it.each(to312)('%s, target 3.12', (range, outcome) => check(range, outcome, { targetVersion: '3.12' }));

  it('says why a requirement is left, and names no other version', async () => {
    const { findings } = await upgrade({ 'pyproject.toml': pyproject('>=3.8,<3.12') });
    expect(findings[0].message).toBe(
      'requires-python ">=3.8,<3.12" left as it is: `<3.12` excludes Python 3.13; widening it is a decision about what the project supports',
    );
  });

  it('ignores requirements of Python 2 only and `*`', async () => {
    for (const range of ['>=2.7,!=3.0.*,!=3.1.*', '*']) {
      const { changes, findings } = await upgrade({ 'pyproject.toml': pyproject(range) });
      expect(changes.size).toBe(0);
      expect(findings).toEqual([]);
    }
  });
});

describe('the same requirements in Poetry, setup.cfg and setup.py', () => {
  const poetry = (range: string) =>
    `[tool.poetry]\nname = "billing"\nversion = "0.3.1"\n\n[tool.poetry.dependencies]\npython = "${range}"\nboto3 = "^1.34.0"\n`;
  const cfg = (range: string) =>
    `[metadata]\nname = orders\n\n[options]\npackages = find:\npython_requires = ${range}\ninstall_requires =\n    boto3>=1.28\n`;
  const py = (range: string) =>
    `from setuptools import setup\n\nsetup(\n    name="orders",\n    python_requires="${range}",\n    install_requires=["boto3>=1.28"],\n)\n`;

  it('moves the lower bound in each', async () => {
    const rows: [(range: string) => string, string, string, string][] = [
      [poetry, 'pyproject.toml', '^3.9', '^3.13'],
      [poetry, 'pyproject.toml', '>=3.9,<4.0', '>=3.13,<4.0'],
      [poetry, 'pyproject.toml', '~3.9', '~3.13'],
      [poetry, 'pyproject.toml', '3.9.*', '3.13.*'],
      [cfg, 'setup.cfg', '>=3.8', '>=3.13'],
      [cfg, 'setup.cfg', '>=3.8, <4', '>=3.13, <4'],
      [cfg, 'setup.cfg', '~=3.9', '~=3.13'],
      [py, 'setup.py', '>=3.8', '>=3.13'],
      [py, 'setup.py', '>3.7, <4', '>=3.13, <4'],
      [py, 'setup.py', '==3.9.*', '==3.13.*'],
    ];
    for (const [write, path, before, after] of rows) {
      const { text, findings } = await upgradeFile(path, write(before));
      expect(text, `${path} ${before}`).toBe(write(after));
      expect(findings).toEqual([]);
    }
  });

  it('leaves what shuts out the target, on the line that says it', async () => {
    const rows: [(range: string) => string, string, string, number][] = [
      [poetry, 'pyproject.toml', '>=3.9,<3.13', 6],
      [poetry, 'pyproject.toml', '^3.8 || ^3.9', 6],
      [cfg, 'setup.cfg', '>=3.8, <3.12', 6],
      [cfg, 'setup.cfg', '==3.9.18', 6],
      [py, 'setup.py', '>=3.8,!=3.13.*', 5],
    ];
    for (const [write, path, range, line] of rows) {
      const { text, findings } = await upgradeFile(path, write(range));
      expect(text, `${path} ${range}`).toBeUndefined();
      expect(findings).toEqual([`${path}:${line} requirement-left manual`]);
    }
  });

  it('keeps a requirement already at the target, and reports a newer one', async () => {
    expect(await upgradeFile('setup.py', py('>=3.13'))).toEqual({ text: undefined, findings: [] });
    expect(await upgradeFile('setup.cfg', cfg('>=3.14'))).toEqual({
      text: undefined,
      findings: ['setup.cfg:6 newer-than-target info'],
    });
    expect(await upgradeFile('setup.py', py('>=3.12'), { targetVersion: '3.12' })).toEqual({
      text: undefined,
      findings: [],
    });
  });
});
