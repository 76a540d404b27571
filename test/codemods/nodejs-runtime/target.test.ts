import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import { parseTargetVersion, readTargetVersion, resolveOptions } from '../../../src/codemods/nodejs-runtime/target.js';

describe('parseTargetVersion', () => {
  it.each([
    ['The target Node.js version is 24', 24],
    ['upgrade to node 22', 22],
    ['Node 24', 24],
    ['nodejs24.x', 24],
    ['targetVersion=24', 24],
    ['targetVersion: 22, keep the python functions', 22],
    ['Upgrade from Node.js 18 to 22 please', 22],
    ['We run Node.js 18 today. The target Node.js version is 24.', 24],
    ['Use Runtime.NODEJS_22_X', 22],
    ['move everything onto Node.js v20', 20],
  ])('%s → %s', (text, expected) => {
    expect(parseTargetVersion(text)).toBe(expected);
  });

  it.each([[undefined], [''], ['make the build faster'], ['upgrade to 3 replicas'], ['Python 3.12 target']])(
    'finds no version in %s',
    (text) => {
      expect(parseTargetVersion(text)).toBeUndefined();
    },
  );
});

describe('resolveOptions', () => {
  it('defaults to Node.js 24 and the whole repository', () => {
    expect(resolveOptions({})).toEqual({ targetVersion: 24, paths: [] });
  });

  it('accepts numbers, strings and plain-English context', () => {
    expect(resolveOptions({ targetVersion: 22 }).targetVersion).toBe(22);
    expect(resolveOptions({ targetVersion: '22' }).targetVersion).toBe(22);
    expect(resolveOptions({ targetVersion: 'nodejs20.x' }).targetVersion).toBe(20);
    expect(resolveOptions({ additionalPlanContext: 'The target Node.js version is 22' }).targetVersion).toBe(22);
    expect(resolveOptions({ paths: ['./services/api/', 'infra'] }).paths).toEqual(['services/api', 'infra']);
  });

  it('rejects what is not a Node.js major with a UsageError', () => {
    expect(() => resolveOptions({ targetVersion: 'latest' })).toThrow(UsageError);
    expect(() => resolveOptions({ targetVersion: 2.5 })).toThrow(/not a Node.js major/);
    expect(() => resolveOptions({ targetVersion: true })).toThrow(UsageError);
    expect(() => resolveOptions({ paths: 'src' })).toThrow(/paths/);
  });
});

describe('readTargetVersion (a version given as a value: an option, a validator setting)', () => {
  it('reads numbers, version tokens and the text parseTargetVersion reads, and nothing else', () => {
    expect([22, '22', ' v22 ', '22.x', '22.11.0', 'nodejs20.x', 'Node 18'].map(readTargetVersion)).toEqual([
      22, 22, 22, 22, 22, 20, 18,
    ]);
    expect(['latest', '', true, undefined, ['22']].map(readTargetVersion)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    // A number is the caller's to judge.
    expect(readTargetVersion(2.5)).toBe(2.5);
  });
});
