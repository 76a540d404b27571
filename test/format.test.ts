// One way to lay out the code: every source, test and benchmark file is as `npm run format`
// (prettier, .prettierrc.json) writes it, so no file drifts into a style of its own.
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

it('every source, test and benchmark file is formatted (run `npm run format`)', async () => {
  const files = execFileSync('git', ['ls-files', '--', 'src', 'test', 'bench'], { cwd: root, encoding: 'utf8' })
    .split('\n')
    .filter((file) => /\.(ts|tsx|mjs|mts)$/.test(file));
  expect(files.length).toBeGreaterThan(300);
  const unformatted: string[] = [];
  for (const file of files) {
    const path = join(root, file);
    const options = await prettier.resolveConfig(path);
    if (!options) throw new Error(`no prettier configuration applies to ${file}`);
    if (!(await prettier.check(await readFile(path, 'utf8'), { ...options, filepath: path }))) unformatted.push(file);
  }
  expect(unformatted).toEqual([]);
}, 60_000);
