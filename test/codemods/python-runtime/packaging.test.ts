// Packaging and tool settings: pyproject.toml (PEP 621, Poetry, black, ruff, mypy, pyright),
// Pipfile, setup.cfg, tox.ini and setup.py. Only the values change: comments, quotes, spacing and
// line endings stay, and every other line is left as written.
import { describe, expect, it } from 'vitest';
import { upgradeFile } from './helpers.js';

const pyproject = (v: { requires: string; black: string; ruff: string; mypy: string; pyright: string }) => `[project]
name = "orders-service"
"requires-python" = "${v.requires}"  # the Lambda runtime
classifiers = ["Programming Language :: Python :: 3.9"]
dependencies = ["boto3>=1.28", "typing-extensions>=4.7; python_version < '3.11'"]

# Formatting and linting follow the runtime.
[tool.black]
target-version = [${v.black}]

[ tool.ruff ]
target-version = '${v.ruff}'
extend-select = ["UP"]  # pyupgrade

[tool.ruff.lint.pyupgrade]
keep-runtime-typing = true

[tool.mypy]  # strict everywhere
python_version = ${v.mypy}

[tool.pyright]
pythonVersion = "${v.pyright}"
`;

describe('pyproject.toml', () => {
  it('moves every tool setting to 3.13 and keeps everything else', async () => {
    const before = pyproject({
      requires: '>=3.9',
      black: "'py39', 'py310'",
      ruff: 'py39',
      mypy: '"3.9"',
      pyright: '3.9',
    });
    const { text, findings } = await upgradeFile('pyproject.toml', before);
    expect(text).toBe(
      pyproject({ requires: '>=3.13', black: "'py313'", ruff: 'py313', mypy: '"3.13"', pyright: '3.13' }),
    );
    expect(findings).toEqual([]);
  });

  it('moves to 3.12, leaving newer settings with a note each', async () => {
    const before = pyproject({
      requires: '>=3.9',
      black: "'py311', 'py313'",
      ruff: 'py313',
      mypy: '"3.10"',
      pyright: '3.14',
    });
    const { text, findings } = await upgradeFile('pyproject.toml', before, { targetVersion: '3.12' });
    expect(text).toBe(
      pyproject({ requires: '>=3.12', black: "'py312', 'py313'", ruff: 'py313', mypy: '"3.12"', pyright: '3.14' }),
    );
    expect(findings).toEqual([
      'pyproject.toml:9 newer-than-target info',
      'pyproject.toml:12 newer-than-target info',
      'pyproject.toml:22 newer-than-target info',
    ]);
  });

  it('writes an unquoted mypy python_version as a string (a TOML float cannot say 3.10)', async () => {
    const before = '[tool.mypy]\npython_version = 3.9  # as in mypy.ini\nstrict = true\n';
    expect(await upgradeFile('pyproject.toml', before)).toEqual({
      text: '[tool.mypy]\npython_version = "3.13"  # as in mypy.ini\nstrict = true\n',
      findings: [],
    });
  });

  it("drops black's older versions, line and comment, beside one already at the target", async () => {
    const before =
      '[tool.black]\nline-length = 100\ntarget-version = [\n    "py39",  # Lambda today\n    "py313",\n]\n';
    expect(await upgradeFile('pyproject.toml', before)).toEqual({
      text: '[tool.black]\nline-length = 100\ntarget-version = [\n    "py313",\n]\n',
      findings: [],
    });
  });

  it('moves Poetry python and leaves a dependency marker, and a range that shuts out the target', async () => {
    const poetry = (python: string) =>
      `[tool.poetry.dependencies]\npython = "${python}"\npydantic = { version = "^2.5", python = ">=3.8" }\n`;
    expect(await upgradeFile('pyproject.toml', poetry('^3.9'))).toEqual({ text: poetry('^3.13'), findings: [] });
    expect(await upgradeFile('pyproject.toml', poetry('>=3.9,<3.12'))).toEqual({
      text: undefined,
      findings: ['pyproject.toml:2 requirement-left manual'],
    });
  });

  it('keeps CRLF line endings', async () => {
    const before = pyproject({ requires: '>=3.9', black: '"py39"', ruff: 'py39', mypy: '"3.9"', pyright: '3.9' });
    const after = pyproject({ requires: '>=3.13', black: '"py313"', ruff: 'py313', mypy: '"3.13"', pyright: '3.13' });
    const { text } = await upgradeFile('pyproject.toml', before.replaceAll('\n', '\r\n'));
    expect(text).toBe(after.replaceAll('\n', '\r\n'));
  });

  it('reads only pyproject.toml, Pipfile and ruff.toml as TOML', async () => {
    const ruff = '[tool.ruff]\ntarget-version = "py39"\n';
    expect(await upgradeFile('docs/example.toml', ruff)).toEqual({ text: undefined, findings: [] });
  });

  it("moves ruff.toml's top-level target-version, and not one under another table", async () => {
    const before =
      '# ruff settings\nline-length = 100\ntarget-version = "py39"  # the runtime\n\n[lint]\nselect = ["E"]\n';
    expect(await upgradeFile('.ruff.toml', before)).toEqual({
      text: before.replace('"py39"', '"py313"'),
      findings: [],
    });
    expect(await upgradeFile('ruff.toml', '[tool.ruff]\ntarget-version = "py39"\n')).toEqual({
      text: undefined,
      findings: [],
    });
  });
});

describe('Pipfile', () => {
  const pipfile = (version: string, full: string) => `[[source]]
url = "https://pypi.org/simple"
verify_ssl = true
name = "pypi"

[packages]
boto3 = "*"
requests = {version = ">=2.31", extras = ["socks"]}

[dev-packages]
pytest = "*"

[requires]
python_version = "${version}"
${full}`;

  it('moves python_version, and reports a pinned python_full_version for a person', async () => {
    expect(await upgradeFile('Pipfile', pipfile('3.9', ''), { targetVersion: '3.12' })).toEqual({
      text: pipfile('3.12', ''),
      findings: [],
    });
    const pinned = pipfile('3.9', 'python_full_version = "3.9.18"\n');
    const { text, findings } = await upgradeFile('Pipfile', pinned);
    expect(text).toBe(pipfile('3.13', 'python_full_version = "3.9.18"\n'));
    expect(findings).toEqual(['Pipfile:15 pinned-release manual']);
  });
});

describe('setup.cfg', () => {
  const cfg = (requires: string, mypy: string) => `[metadata]
name = orders
classifiers =
    Programming Language :: Python :: 3.9

[options]
packages = find:
# Keep in step with the Lambda runtime.
python_requires = ${requires}
install_requires =
    boto3>=1.28

[mypy]
python_version = ${mypy}
warn_unused_ignores = True

[mypy-boto3.*]
ignore_missing_imports = True
`;

  it('moves python_requires and [mypy] python_version, to 3.13 and to 3.12', async () => {
    expect(await upgradeFile('setup.cfg', cfg('>=3.8, <4', '3.9'))).toEqual({
      text: cfg('>=3.13, <4', '3.13'),
      findings: [],
    });
    expect(await upgradeFile('setup.cfg', cfg('~=3.9', '3.10'), { targetVersion: '3.12' })).toEqual({
      text: cfg('~=3.12', '3.12'),
      findings: [],
    });
  });

  it('keeps CRLF line endings and leaves a newer mypy version with a note', async () => {
    const { text, findings } = await upgradeFile('setup.cfg', cfg('>=3.8', '3.14').replaceAll('\n', '\r\n'));
    expect(text).toBe(cfg('>=3.13', '3.14').replaceAll('\n', '\r\n'));
    expect(findings).toEqual(['setup.cfg:14 newer-than-target info']);
  });
});

describe('setup.cfg continuation lines', () => {
  it('moves a python_requires written on the line after its key', async () => {
    const before = '[options]\npython_requires =\n    >=3.8  # oldest supported\ninstall_requires =\n    boto3\n';
    expect(await upgradeFile('setup.cfg', before)).toEqual({
      text: before.replace('>=3.8', '>=3.13'),
      findings: [],
    });
  });
});

describe('mypy.ini', () => {
  it('moves [mypy] python_version as in setup.cfg, and keeps the per-module sections', async () => {
    const ini = (version: string) =>
      `# mypy's own file\n[mypy]\npython_version = ${version}\nstrict = True\n\n[mypy-moto.*]\nignore_missing_imports = True\n`;
    expect(await upgradeFile('mypy.ini', ini('3.9'))).toEqual({ text: ini('3.13'), findings: [] });
    expect(await upgradeFile('backend/.mypy.ini', ini('3.9'), { targetVersion: '3.12' })).toEqual({
      text: ini('3.12'),
      findings: [],
    });
  });
});

describe('tox.ini', () => {
  const tox = (envlist: string, lint: string) => `[tox]
envlist = ${envlist}
isolated_build = True

[testenv]
deps = pytest
commands = pytest {posargs}

[testenv:lint]
basepython = ${lint}
deps = ruff
commands = ruff check src
`;

  it('moves envlist factors once and basepython, and keeps other environments', async () => {
    expect(await upgradeFile('tox.ini', tox('py39, py310, py311, lint', 'python3.9'))).toEqual({
      text: tox('py313, lint', 'python3.13'),
      findings: [],
    });
    expect(await upgradeFile('tox.ini', tox('py39,py313,lint', 'python3.11'), { targetVersion: '3.12' })).toEqual({
      text: tox('py312,py313,lint', 'python3.12'),
      findings: ['tox.ini:2 newer-than-target info'],
    });
  });

  it('moves an envlist written one environment a line', async () => {
    const before = '[tox]\nenvlist =\n    py39\n    py310\n    lint\n';
    expect(await upgradeFile('tox.ini', before)).toEqual({
      text: '[tox]\nenvlist =\n    py313\n    lint\n',
      findings: [],
    });
  });

  it('says which [testenv:pyXY] section must be renamed with its envlist factor', async () => {
    const before = '[tox]\nenvlist = py39, lint\n\n[testenv:py39]\ndeps = pytest<8\n';
    expect(await upgradeFile('tox.ini', before)).toEqual({
      text: '[tox]\nenvlist = py313, lint\n\n[testenv:py39]\ndeps = pytest<8\n',
      findings: ['tox.ini:5 tox-env-section manual'],
    });
  });

  it('leaves factor expansion for a person, and keeps CRLF', async () => {
    expect(await upgradeFile('tox.ini', tox('py{39,310}-django{42,50}', 'python3.9'))).toEqual({
      text: tox('py{39,310}-django{42,50}', 'python3.13'),
      findings: ['tox.ini:2 tox-envlist manual'],
    });
    const crlf = tox('py39, lint', 'python3.9').replaceAll('\n', '\r\n');
    expect((await upgradeFile('tox.ini', crlf)).text).toBe(tox('py313, lint', 'python3.13').replaceAll('\n', '\r\n'));
  });
});

describe('setup.py', () => {
  const setup = (requires: string) => `#!/usr/bin/env python
from setuptools import find_packages, setup

setup(
    name="orders",
    packages=find_packages("src"),
    python_requires=${requires},  # matches the Lambda runtime
    install_requires=["boto3>=1.28"],
    classifiers=["Programming Language :: Python :: 3.9"],
)
`;

  it("moves python_requires in the string's own quotes", async () => {
    expect(await upgradeFile('setup.py', setup("'>=3.8'"))).toEqual({ text: setup("'>=3.13'"), findings: [] });
    expect(await upgradeFile('setup.py', setup('">=3.9, <4"'), { targetVersion: '3.12' })).toEqual({
      text: setup('">=3.12, <4"'),
      findings: [],
    });
  });

  it('keeps CRLF line endings', async () => {
    const { text } = await upgradeFile('setup.py', setup('">=3.8"').replaceAll('\n', '\r\n'));
    expect(text).toBe(setup('">=3.13"').replaceAll('\n', '\r\n'));
  });

  it('leaves an f-string and a variable, and reports a file that does not parse', async () => {
    expect(await upgradeFile('setup.py', setup('f">={MIN}"'))).toEqual({ text: undefined, findings: [] });
    expect(await upgradeFile('setup.py', setup('MIN_PYTHON'))).toEqual({ text: undefined, findings: [] });
    expect(await upgradeFile('setup.py', 'setup(\n    python_requires=">=3.8",,\n)\n')).toEqual({
      text: undefined,
      findings: ['setup.py:1 parse-error warning'],
    });
  });
});
