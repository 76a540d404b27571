// What python-removed-features must not report: text in strings and comments, relative imports,
// the project's own modules of a removed module's name, attributes of objects that are not the
// module, and names a closer binding hides.
import { describe, expect, it } from 'vitest';
import { brief, findingsOf, runOn } from './helpers.js';

describe('strings and comments', () => {
  it('reports nothing written in a docstring, a string or a comment', async () => {
    const findings = await findingsOf(`"""Migrated from imp: import imp is gone, collections.Mapping too."""
import collections  # was: from collections import Mapping; import distutils

HELP = "run imp.reload(x) or import cgi"
SQL = '''
import telnetlib
datetime.utcnow()
'''


def f(self):
    # self.assertEquals(a, b)
    return "locale.format(x)", b"import pipes", r"importlib.import_module('imp')"
`);
    expect(findings).toEqual([]);
  });

  it('still reads the code inside an f-string’s braces, which runs', async () => {
    const findings = await findingsOf('import collections\nx = f"{collections.Mapping} and collections.Set"\n');
    expect(brief(findings)).toEqual(['app.py:2 collections-abc manual']);
  });
});

describe('relative imports and the project’s own modules', () => {
  it('leaves relative imports alone, and what they bind', async () => {
    const findings = await findingsOf(`from .distutils import strtobool
from . import cgi
from ..compat import imp
from .locale import format


def handler(event, context):
    return cgi.parse_header(event["h"]), imp.reload(context), locale
`);
    expect(findings).toEqual([]);
  });

  it('leaves a module the project provides at the import root, as a file or a package', async () => {
    const result = await runOn({
      'cgi.py': 'def parse_header(value):\n    return value, {}\n',
      'app.py': 'import cgi\nfrom cgi import parse_header\n',
      'services/shell/pipes/__init__.py': 'def quote(s):\n    return s\n',
      'services/shell/handler.py': 'import pipes\nimport collections\n\nx = collections.Mapping\n',
      'services/shell/collections.py': 'Mapping = dict\nx = 1\n',
      'services/other/handler.py': 'import pipes\nimport imp\n',
    });
    expect(brief(result.findings)).toEqual([
      'services/other/handler.py:1 removed-module manual',
      'services/other/handler.py:2 removed-module manual',
    ]);
  });

  it('does not take a folder without __init__.py for the module: the standard library wins over it', async () => {
    const result = await runOn({ 'crypt/helpers.py': 'x = 1\n', 'app.py': 'import crypt\n' });
    expect(brief(result.findings)).toEqual(['app.py:1 removed-module manual']);
  });
});

describe('attributes of other objects', () => {
  it('reports no attribute whose object is not the module', async () => {
    const findings = await findingsOf(`import locale
import collections
import numpy as np


class View:
    def render(self, my, value):
        self.locale.format("%d", value)
        my.imp.reload(value)
        np.testing.assert_(value)
        obj.collections.Mapping
        locale.format_string("%d", value)
        return my.datetime.utcnow(), value.utcnow()
`);
    expect(findings).toEqual([]);
  });

  it('lets a parameter, an assignment or a def hide an import of the same name', async () => {
    const findings = await findingsOf(`import locale
import collections
from datetime import datetime


def fmt(locale, value):
    return locale.format("%d", value)


def abcs():
    collections = load_compat()
    return collections.Mapping


def stamp():
    datetime = FrozenClock()
    return datetime.utcnow()


class Clock:
    datetime = FrozenClock()

    def now(self):
        return datetime.utcnow()
`);
    expect(brief(findings)).toEqual(['app.py:24 datetime-utc warning']);
  });

  it('leaves a unittest name the file defines itself, or calls as a plain function', async () => {
    const findings = await findingsOf(`import unittest


class CompatTestCase(unittest.TestCase):
    def assertEquals(self, a, b):
        self.assertEqual(a, b)


class T(CompatTestCase):
    def test(self):
        self.assertEquals(1, 1)
        failUnless(True)
`);
    expect(findings).toEqual([]);
  });

  it('reads only the standard library’s module, not a same-named package attribute', async () => {
    const findings = await findingsOf(
      'import mylib.collections as collections\nfrom mylib import locale\ncollections.Mapping\nlocale.format("x")\n',
    );
    expect(findings).toEqual([]);
  });
});
