import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { loadDefinitionDir } from '../../src/definitions/index.js';
import { loadConfiguration, parsePairs } from '../../src/planner/config.js';
import { targetVersionFor } from '../../src/planner/plan.js';
import { projectRoot, tempDir } from '../helpers/cli.js';

describe('-g configuration', () => {
  it('splits key=value pairs only where a known key follows, so values keep their commas', () => {
    expect(
      parsePairs(
        'additionalPlanContext=Upgrade, carefully, to 24,buildCommand=npm run build,validationCommands=npm test',
      ),
    ).toEqual({
      additionalPlanContext: 'Upgrade, carefully, to 24',
      buildCommand: 'npm run build',
      validationCommands: 'npm test',
    });
    expect(parsePairs('buildCommand="make a=1,b=2"')).toEqual({ buildCommand: 'make a=1,b=2' });
    expect(parsePairs('validationCommands=npm test,validationCommands=npm run lint')).toEqual({
      validationCommands: ['npm test', 'npm run lint'],
    });
  });

  it('reads YAML and JSON files, relative to the working folder', async () => {
    const dir = await tempDir();
    await writeFile(
      join(dir, 'c.yaml'),
      'buildCommand: npm run build\nvalidationCommands:\n  - npm test\n  - npm run lint\ntargetVersion: 22\n',
    );
    await writeFile(join(dir, 'c.json'), JSON.stringify({ additionalPlanContext: 'The target Node.js version is 22' }));
    expect(await loadConfiguration('file://c.yaml', dir)).toEqual({
      buildCommand: 'npm run build',
      validationCommands: ['npm test', 'npm run lint'],
      targetVersion: 22,
    });
    expect(await loadConfiguration(`file://${join(dir, 'c.json')}`, '/')).toEqual({
      additionalPlanContext: 'The target Node.js version is 22',
      validationCommands: [],
    });
  });

  it('refuses unknown keys, bad files and malformed text with a usage error', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'bad.yaml'), 'buildCommand: [unclosed\n');
    await expect(loadConfiguration('colour=blue', dir)).rejects.toThrow(/colour/);
    await expect(loadConfiguration('just some words', dir)).rejects.toThrow(UsageError);
    await expect(loadConfiguration('file://bad.yaml', dir)).rejects.toThrow(/not valid YAML/);
    await expect(loadConfiguration('file://missing.json', dir)).rejects.toThrow(/not found/);
    await expect(loadConfiguration('targetVersion=soon', dir)).rejects.toThrow(/targetVersion/);
  });
});

describe('the target version, where the definition is known', () => {
  const definitionOf = async (name: string) =>
    (await loadDefinitionDir(join(projectRoot, 'transformations', name))).definition;

  it('must be a Lambda Node.js runtime for a Node.js definition, and names the valid ones', async () => {
    const node = await definitionOf('AWS/nodejs-version-upgrade');
    expect(targetVersionFor(node, { validationCommands: [], targetVersion: 22 })).toBe(22);
    expect(targetVersionFor(node, { validationCommands: [] })).toBe(24);
    for (const configuration of [
      { targetVersion: 99 },
      { targetVersion: 23 },
      { additionalPlanContext: 'The target Node.js version is 21' },
    ]) {
      expect(() => targetVersionFor(node, { validationCommands: [], ...configuration })).toThrow(UsageError);
    }
    expect(() => targetVersionFor(node, { validationCommands: [], targetVersion: 99 })).toThrow(
      'use one of 10, 12, 14, 16, 18, 20, 22, 24',
    );
  });

  it('is left to a Java definition to interpret (it is not a Node.js major)', async () => {
    expect(
      targetVersionFor(await definitionOf('AWS/java-version-upgrade'), { validationCommands: [], targetVersion: 21 }),
    ).toBe(21);
  });

  it('is a Python version for the Python definition, as written or as YAML reads it', async () => {
    const python = await definitionOf('AWS/python-version-upgrade');
    expect(targetVersionFor(python, { validationCommands: [] })).toBe('3.13');
    expect(targetVersionFor(python, { validationCommands: [], targetVersion: '3.12' })).toBe('3.12');
    expect(targetVersionFor(python, { validationCommands: [], targetVersion: 3.1 })).toBe('3.10');
    expect(targetVersionFor(python, { validationCommands: [], targetVersion: 3.9 })).toBe('3.9');
    expect(targetVersionFor(python, { validationCommands: [], targetVersion: 3.12 })).toBe('3.12');
    expect(targetVersionFor(python, { validationCommands: [], additionalPlanContext: 'Move to Python 3.11' })).toBe(
      '3.11',
    );
    expect(() => targetVersionFor(python, { validationCommands: [], targetVersion: '3.15' })).toThrow(
      'use one of 3.9, 3.10, 3.11, 3.12, 3.13, 3.14 (default 3.13)',
    );
  });
});
