// Removed APIs of modules that stay: each read through the file's imports (aliases, from-imports,
// imports inside functions), at the line of the use, or of the import when the import itself fails.
import { describe, expect, it } from 'vitest';
import { brief, findingsOf, runOn } from './helpers.js';

describe('collections ABC aliases (3.10)', () => {
  it('reports attribute uses through any alias, and from-imports at the import', async () => {
    const findings = await findingsOf(`import collections
import collections as c
from collections import OrderedDict, MutableMapping, Iterable as It


class Registry(collections.Mapping):
    pass


def check(value):
    return isinstance(value, c.Sequence) or isinstance(value, collections.abc.Sequence)
`);
    expect(brief(findings)).toEqual([
      'app.py:3 collections-abc manual',
      'app.py:3 collections-abc manual',
      'app.py:6 collections-abc manual',
      'app.py:11 collections-abc manual',
    ]);
    expect(findings.map((f) => f.message)).toEqual([
      expect.stringMatching(
        /^`collections\.MutableMapping` was removed in Python 3\.10.*collections\.abc\.MutableMapping$/,
      ),
      expect.stringMatching(/^`collections\.Iterable` was removed in Python 3\.10.*collections\.abc\.Iterable$/),
      expect.stringMatching(/^`collections\.Mapping` was removed in Python 3\.10: use collections\.abc\.Mapping$/),
      expect.stringMatching(/^`c\.Sequence` \(collections\.Sequence\) was removed/),
    ]);
  });
});

describe('other removed APIs', () => {
  it('reports asyncio.coroutine, getargspec, ssl.wrap_socket, locale and typing.io/re', async () => {
    const findings = await findingsOf(`import asyncio
import inspect
import locale
import ssl
from typing.re import Pattern
import typing


@asyncio.coroutine
def poll(sock):
    yield from asyncio.sleep(1)


def describe(fn):
    spec = inspect.getargspec(fn)
    conn = ssl.wrap_socket(sock)
    text = locale.format("%.2f", 1.5, grouping=True)
    ok = locale.format_string("%.2f", 1.5)
    locale.resetlocale()
    return typing.io.TextIO, spec, conn, text, ok
`);
    expect(brief(findings)).toEqual([
      'app.py:5 typing-io-re manual',
      'app.py:9 asyncio-coroutine manual',
      'app.py:15 inspect-getargspec manual',
      'app.py:16 ssl-wrap-socket manual',
      'app.py:17 locale-format manual',
      'app.py:19 locale-resetlocale manual',
      'app.py:20 typing-io-re manual',
    ]);
    expect(findings[1]!.message).toMatch(/Python 3\.11.*async def/);
    expect(findings[4]!.message).toMatch(/Python 3\.12: use locale\.format_string/);
    expect(findings[5]!.message).toMatch(/Python 3\.13: use locale\.setlocale\(locale\.LC_ALL, ""\)/);
  });

  it('reports SafeConfigParser and readfp on a ConfigParser, and only warns when the receiver is unknown', async () => {
    const findings = await findingsOf(`import configparser
from configparser import SafeConfigParser


class Settings:
    def __init__(self, path):
        self.parser = configparser.ConfigParser()
        with open(path) as f:
            self.parser.readfp(f)

    def merge(self, other, f):
        other.readfp(f)


def load(f):
    cfg = configparser.RawConfigParser()
    cfg.readfp(f)
    configparser.ConfigParser().readfp(f)
    return cfg
`);
    expect(brief(findings)).toEqual([
      'app.py:2 configparser manual',
      'app.py:9 configparser manual',
      'app.py:12 configparser warning',
      'app.py:17 configparser manual',
      'app.py:18 configparser manual',
    ]);
    expect(findings[1]!.message).toMatch(
      /`self\.parser` is a ConfigParser, whose readfp\(\) was removed in Python 3\.12: use read_file\(\)/,
    );
    expect(findings[2]!.message).toMatch(/^if `other` is a ConfigParser/);
  });

  it('counts an import of configparser inside a function as the file using it', async () => {
    const findings = await findingsOf('def load(reader, f):\n    import configparser\n    reader.readfp(f)\n');
    expect(brief(findings)).toEqual(['app.py:3 configparser warning']);
  });

  it('leaves readfp alone in a file that does not use configparser', async () => {
    expect(await findingsOf('def load(reader, f):\n    reader.readfp(f)\n')).toEqual([]);
  });
});

describe('pkg_resources (setuptools no longer in 3.12 virtual environments)', () => {
  const app = 'import pkg_resources\n\nVERSION = pkg_resources.get_distribution("orders").version\n';

  it('is reported when nothing declares setuptools', async () => {
    const result = await runOn({
      'app.py': app,
      'requirements.txt': 'boto3==1.34.0\nsetuptools-scm\n',
      'pyproject.toml':
        '[build-system]\nrequires = ["setuptools>=61", "wheel"]\n\n[project]\ndependencies = ["boto3"]\n',
      'setup.py':
        'from setuptools import setup\nsetup(name="orders", setup_requires=["setuptools"], install_requires=["boto3"])\n',
    });
    expect(brief(result.findings)).toEqual(['app.py:1 pkg-resources manual']);
    expect(result.findings[0]!.message).toMatch(/importlib\.metadata/);
  });

  it.each([
    ['requirements.txt', 'boto3\nsetuptools>=69  # for pkg_resources\n'],
    ['requirements/base.txt', 'setuptools\n'],
    ['pyproject.toml', '[project]\nname = "orders"\ndependencies = [\n  "boto3",\n  "setuptools>=69",\n]\n'],
    ['pyproject.toml', '[tool.poetry.dependencies]\npython = "^3.12"\nsetuptools = "^69"\n'],
    ['setup.py', 'from setuptools import setup\nsetup(name="orders", install_requires=["boto3", "setuptools"])\n'],
    ['setup.cfg', '[options]\ninstall_requires =\n    boto3\n    setuptools>=69\n'],
  ])('is not reported when %s declares setuptools', async (file, text) => {
    expect((await runOn({ 'app.py': app, [file]: text })).findings).toEqual([]);
  });
});
