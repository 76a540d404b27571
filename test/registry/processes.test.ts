// Real separate processes publishing at the same moment: the cases the in-process tests
// can only approximate (cross-process locks, git pushes racing from different machines).
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRegistry } from '../../src/registry/index.js';
import { buildForChild } from './child-build.js';
import { bareRemote, definitionFolder, remoteFile, remoteIndex, tempDir } from './helpers.js';

const run = promisify(execFile);
let worker: Awaited<ReturnType<typeof buildForChild>>;
beforeAll(async () => {
  worker = await buildForChild(fileURLToPath(new URL('./publish-worker.ts', import.meta.url)));
});
afterAll(() => worker?.cleanup());

async function publishInChild(
  atxHome: string,
  teamUrl: string,
  name: string,
  marker: string,
): Promise<{ version: string; origin: string }> {
  const source = await definitionFolder(marker);
  const { stdout } = await run(
    process.execPath,
    [worker.script, atxHome, teamUrl, name, `by ${marker}`, source, marker],
    {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
    },
  );
  return JSON.parse(stdout);
}

describe('publishing from several processes at once', () => {
  it('two people (two ATX_HOMEs) pushing to one team registry both land', async () => {
    const remote = await bareRemote();
    const [homeA, homeB] = await Promise.all([tempDir(), tempDir()]);
    const results = await Promise.all([
      publishInChild(homeA, remote, 'Org/tool', 'alice'),
      publishInChild(homeB, remote, 'Org/tool', 'bob'),
    ]);
    expect(results.map((r) => r.origin)).toEqual(['team', 'team']);
    expect(results.map((r) => r.version).sort()).toEqual(['1', '2']);
    expect(
      remoteIndex(remote, 'Org/tool')
        .versions.map((v) => [v.version, v.description])
        .sort(),
    ).toEqual(results.map((r, n) => [r.version, `by ${n === 0 ? 'alice' : 'bob'}`]).sort());
    expect(remoteFile(remote, `registry/Org/tool/${results[1].version}/transformation_definition.md`)).toContain(
      '(bob)',
    );
  });

  it('processes sharing one ATX_HOME never hand out the same version', async () => {
    const home = await tempDir();
    const results = await Promise.all(['p1', 'p2', 'p3'].map((marker) => publishInChild(home, '', 'tool', marker)));
    expect(results.map((r) => r.version).sort()).toEqual(['1', '2', '3']);
    const [entry] = await openRegistry({ atxHome: home, awsDir: `${home}/no-aws` }).list();
    expect(entry).toMatchObject({ name: 'tool', origin: 'local', versions: ['1', '2', '3'] });
  });

  it('processes sharing one ATX_HOME and its team clone all land', async () => {
    const remote = await bareRemote();
    const home = await tempDir();
    const results = await Promise.all(['q1', 'q2'].map((marker) => publishInChild(home, remote, 'tool', marker)));
    expect(results.map((r) => r.version).sort()).toEqual(['1', '2']);
    expect(remoteIndex(remote, 'tool').versions.map((v) => v.version)).toEqual(['1', '2']);
  });
});
