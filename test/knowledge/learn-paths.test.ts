// `learn` reads a run's plan by the run id in a commit trailer; the trailer is data anyone with
// push access writes, so it must never lead atx to read a file outside ATX_HOME/runs.
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { atx, git, makeRepo, tempDir, writeFiles } from '../helpers/cli.js';

describe('learn and the Atx-Run trailer', () => {
  it('does not follow a run id that climbs out of ATX_HOME/runs', async () => {
    const home = await tempDir('atx-home-');
    // A plan planted outside ATX_HOME that names another definition.
    const planted = await tempDir('atx-planted-');
    await mkdir(planted, { recursive: true });
    await writeFile(
      join(planted, 'plan.json'),
      JSON.stringify({ transformation: { name: 'Evil/planted' }, scope: '' }),
    );
    const climb = `../../${basename(planted)}`;
    expect(join(home, 'runs', climb)).toBe(planted);

    const repo = await makeRepo({ 'index.js': 'exports.handler = async () => 1;\n' });
    await git(repo, ['checkout', '-q', '-b', 'atx/nodejs-lambda-callback-to-async-20261130-000000-abcdef']);
    await writeFiles(repo, { 'index.js': 'exports.handler = async () => 2;\n' });
    await git(repo, [
      'commit',
      '-q',
      '-am',
      `atx: 1.1 step\n\nApplied by atx, transformation AWS/nodejs-lambda-callback-to-async v1.\n\nAtx-Run: ${climb}\nAtx-Step: 1.1`,
    ]);
    await writeFiles(repo, { 'index.js': 'exports.handler = async () => 3;\n' });
    await git(repo, ['commit', '-q', '-am', 'A person fixes it']);
    await git(repo, ['checkout', '-q', 'main']);

    const learned = await atx(['custom', 'def', 'learn', '-p', repo], { env: { ATX_HOME: home } });
    expect(learned.exitCode, learned.stderr).toBe(0);
    expect(learned.stdout).toContain('AWS/nodejs-lambda-callback-to-async');
    expect(learned.stdout).not.toContain('Evil/planted');
  });
});
