// Registry data written by someone else (a team member's push, a hand-edited index.json) and
// hostile names: through the real binary, atx refuses with exit 2 and touches nothing outside
// the registry. And a team registry that cannot be reached leaves AWS/ and local definitions usable.
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, symlink, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cloneDirFor } from '../../src/registry/team-git.js';
import { atx, git, makeRepo, tempDir, writeFiles } from '../helpers/cli.js';
import { definition, definitionFolder } from './definition-folder.js';

/** A folder outside every registry, holding one file: what a hostile version points at. */
async function victim(): Promise<string> {
  const dir = await tempDir('atx-victim-');
  await writeFile(join(dir, 'keep.txt'), 'precious\n');
  return dir;
}

async function publish(env: Record<string, string>, name: string, title = 'Hello'): Promise<void> {
  const run = await atx(
    ['custom', 'def', 'publish', '-n', name, '--description', 'd', '--sd', await definitionFolder(title)],
    { env },
  );
  expect(run.exitCode, run.stderr).toBe(0);
}

/** Adds a version record to an index.json, as a hand edit or somebody's push would. */
async function addVersion(indexPath: string, version: string): Promise<void> {
  const index = JSON.parse(await readFile(indexPath, 'utf8'));
  index.versions.push({
    version,
    status: 'published',
    description: 'hostile',
    createdAt: new Date(Date.now() + 60_000).toISOString(),
  });
  await writeFile(indexPath, `${JSON.stringify(index, null, 2)}\n`);
}

async function bareRemote(): Promise<string> {
  const remote = join(await tempDir('atx-team-'), 'registry.git');
  await mkdir(remote);
  await git(remote, ['init', '-q', '--bare', '-b', 'main']);
  return remote;
}

describe('a hostile version in a registry index', () => {
  it('team registry: `def delete` refuses with exit 2 naming the index, and deletes nothing', async () => {
    const remote = await bareRemote();
    const alice = { ATX_HOME: await tempDir('atx-alice-'), ATX_REGISTRY_URL: remote, ATX_GIT_COMMITTER_NAME: 'Alice' };
    const bob = { ATX_HOME: await tempDir('atx-bob-'), ATX_REGISTRY_URL: remote, ATX_GIT_COMMITTER_NAME: 'Bob' };
    await publish(alice, 'MyOrg/ok');
    // Mallory pushes a version that climbs from Bob's clone of the registry to a folder of Bob's.
    const target = await victim();
    const nameFolder = join(cloneDirFor(bob.ATX_HOME, remote), 'registry', 'MyOrg', 'ok');
    const hostile = relative(nameFolder, target);
    expect(hostile).toMatch(/^(\.\.\/){4,}/);
    const mallory = join(await tempDir('atx-mallory-'), 'clone');
    await git(join(mallory, '..'), ['clone', '-q', remote, mallory]);
    await addVersion(join(mallory, 'registry/MyOrg/ok/index.json'), hostile);
    await git(mallory, ['commit', '-q', '-am', 'a new version']);
    await git(mallory, ['push', '-q', 'origin', 'main']);
    const head = await git(remote, ['rev-parse', 'main']);

    const run = await atx(['custom', 'def', 'delete', '-n', 'MyOrg/ok'], { env: bob });
    expect(run.exitCode, run.stderr).toBe(2);
    expect(run.stderr).toMatch(/registry[/\\]MyOrg[/\\]ok[/\\]index\.json/);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(await readFile(join(target, 'keep.txt'), 'utf8')).toBe('precious\n');
    expect(await git(remote, ['rev-parse', 'main'])).toBe(head);
    // Reading it is refused the same way: nothing is listed or loaded from it.
    const list = await atx(['custom', 'def', 'list'], { env: bob });
    expect(list.exitCode).toBe(2);
    expect(list.stderr).toMatch(/index\.json.*malformed/);
  });

  it('local registry: `def delete` refuses a hand-edited index, deleting neither the victim nor version 1', async () => {
    const home = await tempDir('atx-home-');
    const env = { ATX_HOME: home };
    await publish(env, 'MyOrg/ok');
    const target = await victim();
    const indexPath = join(home, 'registry/MyOrg/ok/index.json');
    await addVersion(indexPath, relative(join(home, 'registry/MyOrg/ok'), target));

    const run = await atx(['custom', 'def', 'delete', '-n', 'MyOrg/ok'], { env });
    expect(run.exitCode, run.stderr).toBe(2);
    expect(run.stderr).toContain(indexPath);
    expect(await readFile(join(target, 'keep.txt'), 'utf8')).toBe('precious\n');
    expect(existsSync(join(home, 'registry/MyOrg/ok/1/transformation_definition.md'))).toBe(true);
  });

  it('`def exec --tv <path>` is refused before anything is loaded from outside the registry', async () => {
    const home = await tempDir('atx-home-');
    const env = { ATX_HOME: home };
    await publish(env, 'MyOrg/ok');
    const outside = await definitionFolder('Loaded from outside');
    const hostile = relative(join(home, 'registry/MyOrg/ok'), outside);
    await addVersion(join(home, 'registry/MyOrg/ok/index.json'), hostile);
    const repo = await makeRepo({ 'README.md': '# Repo\n' });

    for (const version of [hostile, '../../x']) {
      const run = await atx(
        ['custom', 'def', 'exec', '-n', 'MyOrg/ok', '--tv', version, '-p', repo, '-x', '--dry-run', '--json'],
        { env },
      );
      expect(run.exitCode, run.stderr).toBe(2);
      expect(run.stdout).not.toContain('Loaded from outside');
      expect(run.stderr).toMatch(/invalid version/);
    }
    expect(existsSync(join(home, 'runs'))).toBe(false);
  });
});

describe('names and folders that reach into .git', () => {
  const badNames = ['.git', 'MyOrg/.git', '.git/x', '.GIT', 'MyOrg/.hidden'];

  it('`def publish` refuses them (local registry) and writes nothing', async () => {
    const home = await tempDir('atx-home-');
    const good = await definitionFolder('Good');
    for (const name of badNames) {
      const run = await atx(['custom', 'def', 'publish', '-n', name, '--description', 'd', '--sd', good], {
        env: { ATX_HOME: home },
      });
      expect(run.exitCode, `${name}: ${run.stderr}`).toBe(2);
      expect(run.stderr).toMatch(/must not have a part starting with "\."/);
    }
    expect(existsSync(join(home, 'registry'))).toBe(false);
  });

  it('`def publish` refuses them (team registry): no commit, nothing in the clone', async () => {
    const remote = await bareRemote();
    const env = { ATX_HOME: await tempDir('atx-home-'), ATX_REGISTRY_URL: remote };
    await publish(env, 'MyOrg/ok');
    const head = await git(remote, ['rev-parse', 'main']);
    const good = await definitionFolder('Good');
    for (const name of badNames.slice(0, 3)) {
      const run = await atx(['custom', 'def', 'publish', '-n', name, '--description', 'd', '--sd', good], { env });
      expect(run.exitCode, `${name}: ${run.stderr}`).toBe(2);
      expect(run.stdout).not.toMatch(/published/);
    }
    expect(await git(remote, ['rev-parse', 'main'])).toBe(head);
    const clone = cloneDirFor(env.ATX_HOME, remote);
    expect(existsSync(join(clone, '.git', '1'))).toBe(false);
    expect(existsSync(join(clone, '.git', 'x'))).toBe(false);
    expect(existsSync(join(clone, 'registry', 'MyOrg', '.git'))).toBe(false);
  });

  it('`def get -n .git` run inside a repository writes nothing into its .git', async () => {
    const home = await tempDir('atx-home-');
    // A registry entry named `.git`, as an older atx would have published it.
    await writeFiles(join(home, 'registry', '.git'), {
      'index.json': JSON.stringify({
        name: '.git',
        versions: [{ version: '1', status: 'published', description: 'd', createdAt: '2024-01-01T00:00:00.000Z' }],
        lastVersion: 1,
      }),
      '1/transformation_definition.md': definition('Dot git'),
    });
    const repo = await makeRepo({ 'README.md': '# Repo\n' });
    const before = (await readdir(join(repo, '.git'))).sort();
    const run = await atx(['custom', 'def', 'get', '-n', '.git'], { env: { ATX_HOME: home }, cwd: repo });
    expect(run.exitCode, run.stderr).toBe(2);
    expect((await readdir(join(repo, '.git'))).sort()).toEqual(before);
  });

  it('`def get --td` with a .git part is refused, and nothing is written', async () => {
    const env = { ATX_HOME: await tempDir('atx-home-') };
    const cwd = await tempDir();
    for (const td of ['sub/.git/x', '.git', 'a/.GIT']) {
      const run = await atx(['custom', 'def', 'get', '-n', 'AWS/nodejs-version-upgrade', '--td', td], { env, cwd });
      expect(run.exitCode, `${td}: ${run.stderr}`).toBe(2);
      expect(run.stderr).toMatch(/\.git/i);
    }
    expect(await readdir(cwd)).toEqual([]);
  });

  it('`def get` never writes through a symbolic link already in the target folder', async () => {
    const env = { ATX_HOME: await tempDir('atx-home-') };
    await publish(env, 'MyOrg/hello');
    const cwd = await tempDir();
    const outside = await tempDir('atx-outside-');
    await mkdir(join(cwd, 'hello'));
    await symlink(outside, join(cwd, 'hello', 'document_references'));
    const run = await atx(['custom', 'def', 'get', '-n', 'MyOrg/hello'], { env, cwd });
    expect(run.exitCode, run.stderr).toBe(2);
    expect(run.stderr).toMatch(/symbolic link/);
    expect(await readdir(outside)).toEqual([]);
    expect(await readdir(join(cwd, 'hello'))).toEqual(['document_references']);
  });
});

describe('a team registry that cannot be reached', () => {
  const warning =
    /^atx: warning: the team registry .+ could not be reached \(.+\); showing AWS-managed and local definitions only$/;

  it.each([
    ['a path that does not exist', async () => join(await tempDir(), 'nope.git')],
    ['a file:// URL that does not exist', async () => 'file:///nonexistent/atx-registry.git'],
  ])('(%s) still lists and gets AWS/ definitions, with one warning', async (_what, url) => {
    const env = { ATX_HOME: await tempDir('atx-home-'), ATX_REGISTRY_URL: await url() };
    const list = await atx(['custom', 'def', 'list', '--json'], { env });
    expect(list.exitCode, list.stderr).toBe(0);
    expect(JSON.parse(list.stdout).map((e: { name: string }) => e.name)).toContain('AWS/nodejs-version-upgrade');
    expect(list.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(list.stderr.trimEnd()).toMatch(warning);

    const cwd = await tempDir();
    const get = await atx(['custom', 'def', 'get', '-n', 'AWS/nodejs-version-upgrade'], { env, cwd });
    expect(get.exitCode, get.stderr).toBe(0);
    expect(existsSync(join(cwd, 'nodejs-version-upgrade', 'transformation_definition.md'))).toBe(true);
  });

  it('serves local definitions with a warning, says why a team name is unknown, and refuses writes in one line', async () => {
    const home = await tempDir('atx-home-');
    await publish({ ATX_HOME: home }, 'MyOrg/local', 'Local one');
    const url = join(await tempDir(), 'nope.git');
    const env = { ATX_HOME: home, ATX_REGISTRY_URL: url };

    const get = await atx(['custom', 'def', 'get', '-n', 'MyOrg/local', '--json', '--td', 'out'], {
      env,
      cwd: await tempDir(),
    });
    expect(get.exitCode, get.stderr).toBe(0);
    expect(JSON.parse(get.stdout).definition.title).toBe('Local one');
    expect(get.stderr).toMatch(/^atx: warning: the team registry .* could not be reached/);

    const unknown = await atx(['custom', 'def', 'get', '-n', 'MyOrg/team-only'], { env, cwd: await tempDir() });
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toMatch(/unknown definition "MyOrg\/team-only" \(the team registry .* could not be reached/);

    for (const args of [
      ['publish', '-n', 'MyOrg/new', '--description', 'd', '--sd', await definitionFolder('New')],
      ['delete', '-n', 'MyOrg/local'],
    ]) {
      const run = await atx(['custom', 'def', ...args], { env });
      expect(run.exitCode, run.stderr).toBe(2);
      expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(run.stderr).toMatch(/^atx: the team registry .* could not be reached \(.+\); nothing was changed$/m);
    }
    expect(existsSync(join(home, 'registry/MyOrg/local/1/transformation_definition.md'))).toBe(true);
  });

  it('lets `def exec` apply an AWS/ definition, warning that team knowledge items were not read', async () => {
    const env = { ATX_HOME: await tempDir('atx-home-'), ATX_REGISTRY_URL: join(await tempDir(), 'nope.git') };
    const repo = await makeRepo({ '.nvmrc': '22\n' });
    const run = await atx(['custom', 'def', 'exec', '-p', repo, '-n', 'AWS/nodejs-version-upgrade', '-x', '--json'], {
      env,
    });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).status).toBe('partial');
    expect(run.stderr).toMatch(/^atx: warning: the team registry .* could not be reached/m);
    expect(await git(repo, ['show', `${JSON.parse(run.stdout).branch}:.nvmrc`])).toBe('24');
  });
});
