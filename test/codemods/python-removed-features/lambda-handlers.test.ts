// python-removed-features on Lambda handlers and their tests as they are written in the wild:
// each finding's file, line, rule and severity, and what its message tells a person.
import { describe, expect, it } from 'vitest';
import { brief, findingsOf, runOn } from './helpers.js';

const strtoboolHandler = `import json
import os
from distutils.util import strtobool

DEBUG = strtobool(os.environ.get("DEBUG", "false"))


def handler(event, context):
    if DEBUG:
        print(json.dumps(event))
    return {"statusCode": 200}
`;

const uploadHandler = `import base64
import cgi


def handler(event, context):
    content_type, params = cgi.parse_header(event["headers"]["content-type"])
    body = base64.b64decode(event["body"])
    return {"statusCode": 200, "body": params.get("boundary", ""), "size": len(body)}
`;

const pluginLoader = `"""Reloads plugins when their code changes."""
import imp
import logging

log = logging.getLogger(__name__)


def reload_plugin(module):
    log.info("reloading %s", module.__name__)
    return imp.reload(module)
`;

const shellTool = `import subprocess
from pipes import quote


def handler(event, context):
    out = subprocess.check_output("ls -l " + quote(event["path"]), shell=True)
    return {"listing": out.decode()}
`;

const expiryHandler = `from datetime import datetime, timedelta


def handler(event, context):
    now = datetime.utcnow()
    return {"expires": (now + timedelta(hours=1)).isoformat()}
`;

const handlerTest = `import unittest

from app import handler


class HandlerTest(unittest.TestCase):
    def test_ok(self):
        response = handler({}, None)
        self.assertEquals(response["statusCode"], 200)
        self.assertTrue(response)
        self.failUnless("body" in response)
        self.assertRaisesRegexp(ValueError, "bad", handler, None, None)
        self.assertDictContainsSubset({"statusCode": 200}, response)


if __name__ == "__main__":
    unittest.main()
`;

describe('Lambda handlers', () => {
  it('reports each removed module at its import, with what replaces the members the file uses', async () => {
    const result = await runOn({
      'functions/orders/app.py': strtoboolHandler,
      'functions/upload/app.py': uploadHandler,
      'functions/plugins/loader.py': pluginLoader,
      'functions/shell/app.py': shellTool,
    });
    expect(brief(result.findings)).toEqual([
      'functions/orders/app.py:3 removed-module manual',
      'functions/plugins/loader.py:2 removed-module manual',
      'functions/shell/app.py:2 removed-module manual',
      'functions/upload/app.py:2 removed-module manual',
    ]);
    const [orders, loader, shell, upload] = result.findings.map((f) => f.message);
    expect(orders).toMatch(/distutils was removed in Python 3\.12/);
    expect(orders).toMatch(/distutils\.util\.strtobool: a small function of your own/);
    expect(loader).toMatch(/imp was removed in Python 3\.12.*use importlib.*imp\.reload: importlib\.reload/);
    expect(shell).toMatch(/pipes was removed in Python 3\.13.*pipes\.quote: shlex\.quote/);
    expect(upload).toMatch(/cgi was removed in Python 3\.13.*cgi\.parse_header: email\.message\.Message/);
    expect(result.changes.size).toBe(0);
    expect(result.report).toMatchObject({
      byModule: { cgi: 1, distutils: 1, imp: 1, pipes: 1 },
      byRule: { 'python-runtime/removed-module': 4 },
    });
  });

  it('warns about datetime.utcnow() and says the choice between naive and aware values is a person’s', async () => {
    const findings = await findingsOf(expiryHandler, {}, 'functions/expiry/app.py');
    expect(brief(findings)).toEqual(['functions/expiry/app.py:5 datetime-utc warning']);
    expect(findings[0]!.message).toMatch(
      /`datetime\.utcnow` \(datetime\.datetime\.utcnow\) is deprecated since Python 3\.12/,
    );
    expect(findings[0]!.message).toMatch(/datetime\.now\(timezone\.utc\).*aware.*naive.*cannot be compared.*a person/);
  });

  it('reads datetime through every form of import', async () => {
    const findings = await findingsOf(`import datetime
import datetime as d
from datetime import datetime as dt


def stamp(ts):
    a = datetime.datetime.utcnow()
    b = d.datetime.utcfromtimestamp(ts)
    c = dt.utcfromtimestamp(ts)
    return a, b, c, datetime.datetime.now(datetime.timezone.utc)
`);
    expect(brief(findings)).toEqual([
      'app.py:7 datetime-utc warning',
      'app.py:8 datetime-utc warning',
      'app.py:9 datetime-utc warning',
    ]);
  });

  it('reports unittest’s old method names in a test file, each with its replacement', async () => {
    const findings = await findingsOf(handlerTest, {}, 'tests/test_handler.py');
    expect(brief(findings)).toEqual([
      'tests/test_handler.py:9 unittest-alias manual',
      'tests/test_handler.py:11 unittest-alias manual',
      'tests/test_handler.py:12 unittest-alias manual',
      'tests/test_handler.py:13 unittest-alias manual',
    ]);
    expect(findings.map((f) => /use (\w+)/.exec(f.message)?.[1])).toEqual([
      'assertEqual',
      'assertTrue',
      'assertRaisesRegex',
      'assertLessEqual',
    ]);
    expect(findings[0]!.message).toMatch(/Python 3\.12/);
  });
});

describe('import forms', () => {
  it('covers import, import as, from-import of a submodule, imports in functions and dynamic imports', async () => {
    const findings = await findingsOf(`import os, telnetlib
import distutils.util as du
from distutils.version import LooseVersion
import importlib
from importlib import import_module


def legacy():
    import asyncore
    from lib2to3 import refactor
    crypt = importlib.import_module("crypt")
    uu = import_module('uu.codec')
    return __import__("nntplib"), importlib.import_module(f"{os.sep}"), importlib.import_module(".x", "pkg")
`);
    expect(brief(findings)).toEqual([
      'app.py:1 removed-module manual',
      'app.py:2 removed-module manual',
      'app.py:3 removed-module manual',
      'app.py:9 removed-module manual',
      'app.py:10 removed-module manual',
      'app.py:11 removed-module manual',
      'app.py:12 removed-module manual',
      'app.py:13 removed-module manual',
    ]);
    expect(findings[2]!.message).toMatch(/LooseVersion: packaging\.version\.Version/);
  });

  it('warns, naming the fallback, when an except ImportError branch imports another module', async () => {
    const findings = await findingsOf(`try:
    import imp
except ImportError:
    import importlib as imp

try:
    from collections.abc import Mapping
except ImportError:
    from collections import Mapping

try:
    import telnetlib
except ImportError:
    telnetlib = None

print(imp.reload, Mapping)
`);
    expect(brief(findings)).toEqual([
      'app.py:2 removed-module warning',
      'app.py:9 collections-abc warning',
      'app.py:12 removed-module manual',
    ]);
    expect(findings[0]!.message).toMatch(/falls back to importlib/);
    expect(findings[1]!.message).toMatch(/fallback .* only when collections\.abc fails to import/);
    expect(findings[2]!.message).toMatch(/catches that, so the code goes on without it/);
  });

  it('warns about an import under a check of the Python version', async () => {
    const findings = await findingsOf(`import sys

if sys.version_info < (3, 4):
    import imp as loader
else:
    import importlib as loader
`);
    expect(brief(findings)).toEqual(['app.py:4 removed-module warning']);
    expect(findings[0]!.message).toMatch(/sys\.version_info < \(3, 4\)/);
  });
});
