// The range a run reports: what changed after the source version and at or before the target,
// and how the versions are read.
import { describe, expect, it } from 'vitest';
import { inRange, readPythonVersion, resolveOptions } from '../../../src/codemods/python-removed-features/options.js';
import { UsageError } from '../../../src/errors.js';
import { brief, findingsOf } from './helpers.js';

// One change of each version: 3.10, 3.11, 3.12 (a removal and a deprecation) and 3.13.
const app = `import collections
import binhex
import imp
import cgi
from datetime import datetime

x = collections.Mapping
y = datetime.utcnow()
`;

describe('source and target versions', () => {
  it('with no source, reports every change from 3.8 up to the default target, 3.13', async () => {
    expect(brief(await findingsOf(app))).toEqual([
      'app.py:2 removed-module manual',
      'app.py:3 removed-module manual',
      'app.py:4 removed-module manual',
      'app.py:7 collections-abc manual',
      'app.py:8 datetime-utc warning',
    ]);
  });

  it('with sourceVersion 3.12, leaves what 3.12 and earlier changed: the project runs there already', async () => {
    expect(brief(await findingsOf(app, { sourceVersion: '3.12' }))).toEqual(['app.py:4 removed-module manual']);
  });

  it('with targetVersion 3.12, leaves what 3.13 removed', async () => {
    expect(brief(await findingsOf(app, { targetVersion: '3.12' }))).toEqual([
      'app.py:2 removed-module manual',
      'app.py:3 removed-module manual',
      'app.py:7 collections-abc manual',
      'app.py:8 datetime-utc warning',
    ]);
  });

  it('with source 3.10 and target 3.11 (a number), reports 3.11 alone', async () => {
    expect(brief(await findingsOf(app, { sourceVersion: '3.10', targetVersion: 3.11 }))).toEqual([
      'app.py:2 removed-module manual',
    ]);
  });

  it('reads the options as the minors of Python 3, and keeps the paths', () => {
    expect(resolveOptions({ sourceVersion: 'python3.9', targetVersion: 3.12, paths: ['./services/', 'lib'] })).toEqual({
      source: 9,
      target: 12,
      paths: ['services', 'lib'],
    });
    expect(resolveOptions({})).toEqual({ source: undefined, target: 13, paths: [] });
    expect(() => resolveOptions({ paths: 'services' })).toThrow(UsageError);
  });
});

describe('reading versions', () => {
  it.each([
    ['3.13', 13],
    ['3.10', 10],
    ['python3.12', 12],
    ['3.12.4', 12],
    ['3.11.x', 11],
    [3.12, 12],
    [3.9, 9],
  ])('reads %j as 3.%i', (value, minor) => {
    expect(readPythonVersion(value, 'targetVersion')).toBe(minor);
  });

  it.each([['2.7'], ['3'], ['latest'], [true]])('refuses %j', (value) => {
    expect(() => readPythonVersion(value, 'targetVersion')).toThrow(UsageError);
  });

  it('refuses the number 3.1, which is also what 3.10 becomes', () => {
    expect(() => readPythonVersion(3.1, 'targetVersion')).toThrow(/"3\.10"/);
  });

  it('refuses a source newer than the target', () => {
    expect(() => resolveOptions({ sourceVersion: '3.13', targetVersion: '3.12' })).toThrow(UsageError);
  });

  it('counts a change after the source and at or before the target', () => {
    expect([10, 11, 12, 13].filter((v) => inRange(v, { source: 10, target: 12 }))).toEqual([11, 12]);
    expect([7, 8, 13, 14].filter((v) => inRange(v, { target: 13 }))).toEqual([8, 13]);
  });
});
