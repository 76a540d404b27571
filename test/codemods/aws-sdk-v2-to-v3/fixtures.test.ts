// Fixture folders: fixtures/aws-sdk-v2-to-v3/<case>/{input,output}, compared as trees.
import { readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runOn } from './helpers.js';

const root = join(import.meta.dirname, '../../../fixtures/aws-sdk-v2-to-v3');

function readTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p).split('\\').join('/')] = readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}

describe('aws-sdk-v2-to-v3: fixtures', () => {
  for (const name of readdirSync(root).sort()) {
    it(name, async () => {
      const input = readTree(join(root, name, 'input'));
      const optionsFile = join(root, name, 'options.json');
      const options = statSafe(optionsFile) ? JSON.parse(readFileSync(optionsFile, 'utf8')) : {};
      const result = await runOn(input, options);
      const actual = { ...input, ...Object.fromEntries(result.changes) };
      if (process.env.UPDATE_FIXTURES) {
        for (const [p, t] of Object.entries(actual)) {
          mkdirSync(dirname(join(root, name, 'output', p)), { recursive: true });
          writeFileSync(join(root, name, 'output', p), t);
        }
      }
      expect(actual).toEqual(readTree(join(root, name, 'output')));
      const again = await runOn(actual, options);
      expect([...again.changes.keys()]).toEqual([]);
    });
  }
});

function statSafe(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}
