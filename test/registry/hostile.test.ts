// What a team member can push (symbolic links, a rewritten index) or a person can hand-edit in
// ATX_HOME: the registry refuses to read or write through it, and nothing outside changes.
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DefinitionError, UsageError } from '../../src/errors.js';
import { openKnowledgeFiles, openRegistry } from '../../src/registry/index.js';
import { cloneDirFor } from '../../src/registry/team-git.js';
import { bareRemote, definitionFolder, git, gitEnv, person, remoteFile, tempDir, writeDefinition } from './helpers.js';

/** Clones the remote, lets `change` edit the checkout, and pushes the result as another person would. */
async function pushAsMallory(remote: string, change: (checkout: string) => Promise<void>): Promise<void> {
  const checkout = join(await tempDir('atx-mallory-'), 'clone');
  git(join(checkout, '..'), 'clone', '--quiet', remote, checkout);
  await change(checkout);
  git(checkout, 'add', '--all');
  git(checkout, '-c', 'user.name=m', '-c', 'user.email=m@m', 'commit', '--quiet', '-m', 'mallory');
  git(checkout, 'push', '--quiet', 'origin', 'HEAD');
}

/** A folder outside every registry that looks like a stored definition name (index + version 1). */
async function outsideDefinition(name: string): Promise<string> {
  const dir = await tempDir('atx-outside-');
  const record = {
    version: '1',
    status: 'published',
    description: 'from outside',
    createdAt: '2030-01-01T00:00:00.000Z',
  };
  await writeFile(join(dir, 'index.json'), JSON.stringify({ name, versions: [record], lastVersion: 1 }));
  await writeDefinition(join(dir, '1'), 'outside');
  return dir;
}

describe('a team registry with links pushed into it', () => {
  it('refuses a definition folder that is a link out of the clone', async () => {
    const remote = await bareRemote();
    await (await person('ana', remote)).publish('MyOrg/ok', 'fine', await definitionFolder());
    const outside = await outsideDefinition('Evil/tool');
    await pushAsMallory(remote, async (checkout) => {
      await mkdir(join(checkout, 'registry/Evil'), { recursive: true });
      await symlink(outside, join(checkout, 'registry/Evil/tool'));
    });
    const ben = await person('ben', remote);
    await expect(ben.resolve('Evil/tool')).rejects.toThrow(/leads outside its folder through a symbolic link/);
  });

  it('refuses a stored version holding a link (it could point at any file of the reader)', async () => {
    const remote = await bareRemote();
    await (await person('ana', remote)).publish('MyOrg/ok', 'fine', await definitionFolder());
    const secret = join(await tempDir('atx-secret-'), 'secret.txt');
    await writeFile(secret, 'TOKEN=hunter2\n');
    await pushAsMallory(remote, async (checkout) => {
      await symlink(secret, join(checkout, 'registry/MyOrg/ok/1/summaries.md'));
    });
    const ben = await person('ben', remote);
    const refused = ben.resolve('MyOrg/ok');
    await expect(refused).rejects.toBeInstanceOf(DefinitionError);
    await expect(refused).rejects.toThrow(/summaries\.md: a stored definition holds a symbolic link/);
  });

  it('refuses a "registry" folder that is a link', async () => {
    const remote = await bareRemote();
    await (await person('ana', remote)).publish('MyOrg/ok', 'fine', await definitionFolder());
    // A folder of the reader's laid out like a registry: one definition, Evil.
    const outside = await tempDir('atx-outside-');
    await rename(await outsideDefinition('Evil'), join(outside, 'Evil'));
    await pushAsMallory(remote, async (checkout) => {
      await rm(join(checkout, 'registry'), { recursive: true });
      await symlink(outside, join(checkout, 'registry'));
    });
    const ben = await person('ben', remote);
    await expect(ben.list()).rejects.toThrow(/"registry" as something other than a folder/);
  });
});

/**
 * Moves the index of MyOrg/ok to MyOrg/ok-index.json and leaves a link to it in its place: a
 * link that stays inside the registry, to a file atx reads as a valid index of MyOrg/ok.
 */
async function linkIndexInside(registry: string): Promise<string> {
  const target = join(registry, 'MyOrg/ok-index.json');
  await rename(join(registry, 'MyOrg/ok/index.json'), target);
  await symlink('../ok-index.json', join(registry, 'MyOrg/ok/index.json'));
  return target;
}

/** Links X/knowledge.json to Y's index: writing knowledge items there would overwrite that index. */
async function linkKnowledgeToIndex(registry: string): Promise<string> {
  await mkdir(join(registry, 'MyOrg/x'), { recursive: true });
  await symlink('../ok/index.json', join(registry, 'MyOrg/x/knowledge.json'));
  return join(registry, 'MyOrg/ok/index.json');
}

const plant = async () => ({ next: { items: ['planted'] }, message: 'm', result: 1 });

describe('links that stay inside a registry', () => {
  it('are never written through in a team clone (index and knowledge file)', async () => {
    const remote = await bareRemote();
    await (await person('ana', remote)).publish('MyOrg/ok', 'fine', await definitionFolder());
    await pushAsMallory(remote, async (checkout) => {
      await linkIndexInside(join(checkout, 'registry'));
      await linkKnowledgeToIndex(join(checkout, 'registry'));
    });
    const atxHome = await tempDir('atx-home-ben-');
    const ben = openRegistry({ atxHome, teamUrl: remote, awsDir: join(atxHome, 'no-aws'), env: gitEnv('ben') });
    const clone = join(cloneDirFor(atxHome, remote), 'registry');
    const published = ben.publish('MyOrg/ok', 'two', await definitionFolder('two'));
    await expect(published).rejects.toBeInstanceOf(UsageError);
    await expect(published).rejects.toThrow(/refusing registry path "MyOrg\/ok\/index\.json": it is a symbolic link/);
    const index = remoteFile(remote, 'registry/MyOrg/ok-index.json');
    expect(await readFile(join(clone, 'MyOrg/ok-index.json'), 'utf8')).toBe(index);
    expect(existsSync(join(clone, 'MyOrg/ok/2'))).toBe(false);
    const files = openKnowledgeFiles({ atxHome, teamUrl: remote, env: gitEnv('ben') });
    await expect(files.update('MyOrg/x', plant)).rejects.toThrow(
      /refusing registry path "MyOrg\/x\/knowledge\.json": it is a symbolic link/,
    );
    expect(await readFile(join(clone, 'MyOrg/ok-index.json'), 'utf8')).toBe(index);
    expect(remoteFile(remote, 'registry/MyOrg/ok-index.json')).toBe(index);
  });

  it('are never written through in the local registry (index and knowledge file)', async () => {
    const atxHome = await tempDir('atx-home-');
    const registry = openRegistry({ atxHome, awsDir: join(atxHome, 'no-aws') });
    await registry.publish('MyOrg/ok', 'one', await definitionFolder('one'));
    const root = join(atxHome, 'registry');
    const target = await linkIndexInside(root);
    const index = await readFile(target, 'utf8');
    await expect(registry.publish('MyOrg/ok', 'two', await definitionFolder('two'))).rejects.toThrow(
      /it is a symbolic link; atx does not write through links/,
    );
    expect(await readFile(target, 'utf8')).toBe(index);
    expect(existsSync(join(root, 'MyOrg/ok/2'))).toBe(false);
    await rm(join(root, 'MyOrg/ok/index.json'));
    await rename(target, join(root, 'MyOrg/ok/index.json'));
    const linked = await linkKnowledgeToIndex(root);
    await expect(openKnowledgeFiles({ atxHome }).update('MyOrg/x', plant)).rejects.toThrow(
      /refusing knowledge file "MyOrg\/x\/knowledge\.json": it is a symbolic link/,
    );
    expect(await readFile(linked, 'utf8')).toBe(index);
  });
});

describe('a hand-edited local index', () => {
  it('whose name points elsewhere is refused, and nothing is written there', async () => {
    const atxHome = await tempDir('atx-home-');
    const registry = openRegistry({ atxHome, awsDir: join(atxHome, 'no-aws') });
    await registry.publish('MyOrg/ok', 'one', await definitionFolder('one'));
    const indexPath = join(atxHome, 'registry/MyOrg/ok/index.json');
    const index = JSON.parse(await readFile(indexPath, 'utf8'));
    await writeFile(indexPath, JSON.stringify({ ...index, name: '../escaped' }));
    const refused = registry.publish('MyOrg/ok', 'two', await definitionFolder('two'));
    await expect(refused).rejects.toBeInstanceOf(DefinitionError);
    await expect(refused).rejects.toThrow(/index\.json: registry index is malformed: it names "\.\.\/escaped"/);
    expect(existsSync(join(atxHome, 'escaped'))).toBe(false);
    expect(existsSync(join(atxHome, 'registry/MyOrg/ok/2'))).toBe(false);
  });

  it('rejects a version that is not a number for custom definitions before any path is built', async () => {
    const registry = await person('ana');
    await registry.publish('MyOrg/ok', 'one', await definitionFolder());
    for (const version of ['../../x', '1/../1', '.', '']) {
      await expect(registry.resolve('MyOrg/ok', version)).rejects.toThrow(/invalid version/);
      await expect(registry.remove('MyOrg/ok', version)).rejects.toThrow(/invalid version/);
      await expect(registry.promote('MyOrg/ok', version)).rejects.toThrow(/invalid version/);
    }
    expect((await registry.list()).map((e) => e.versions)).toEqual([['1']]);
  });
});

describe('knowledge files', () => {
  it('never read or write through a link out of the registry', async () => {
    const atxHome = await tempDir('atx-home-');
    const outside = join(await tempDir('atx-outside-'), 'target.json');
    await writeFile(outside, '{"items":[]}\n');
    await mkdir(join(atxHome, 'registry/MyOrg/x'), { recursive: true });
    await symlink(outside, join(atxHome, 'registry/MyOrg/x/knowledge.json'));
    const files = openKnowledgeFiles({ atxHome });
    await expect(files.read('MyOrg/x')).rejects.toThrow(/symbolic link/);
    await expect(
      files.update('MyOrg/x', async () => ({ next: { items: ['planted'] }, message: 'm', result: 1 })),
    ).rejects.toThrow(/symbolic link/);
    expect(await readFile(outside, 'utf8')).toBe('{"items":[]}\n');
    await expect(files.read('.git')).rejects.toBeInstanceOf(UsageError);
  });

  it('go on without the team registry when it cannot be reached, with a warning; changes still fail', async () => {
    const warnings: string[] = [];
    const atxHome = await tempDir('atx-home-');
    const teamUrl = join(atxHome, 'nope.git');
    const files = openKnowledgeFiles({ atxHome, teamUrl, env: gitEnv('ana'), warn: (m) => warnings.push(m) });
    expect(await files.read('AWS/nodejs-version-upgrade')).toBeUndefined();
    expect(warnings).toEqual([
      expect.stringMatching(
        /^the team registry .*nope\.git could not be reached \(.+\); the knowledge items of AWS\/nodejs-version-upgrade kept there are not used$/,
      ),
    ]);
    await expect(
      files.update('AWS/nodejs-version-upgrade', async () => ({ next: {}, message: 'm', result: 1 })),
    ).rejects.toThrow(/could not be reached .*nothing was changed/);
  });
});

describe('an unreachable team registry', () => {
  it('lists and resolves without it, warning once', async () => {
    const warnings: string[] = [];
    const atxHome = await tempDir('atx-home-');
    const local = openRegistry({ atxHome, awsDir: join(atxHome, 'no-aws') });
    await local.publish('MyOrg/mine', 'mine', await definitionFolder('mine'));
    const teamUrl = join(atxHome, 'nope.git');
    const registry = openRegistry({
      atxHome,
      teamUrl,
      awsDir: join(atxHome, 'no-aws'),
      env: gitEnv('ana'),
      warn: (m) => warnings.push(m),
    });
    expect((await registry.list()).map((e) => `${e.name} ${e.origin}`)).toEqual(['MyOrg/mine local']);
    expect((await registry.resolve('MyOrg/mine')).origin).toBe('local');
    await expect(registry.resolve('MyOrg/theirs')).rejects.toThrow(
      /unknown definition "MyOrg\/theirs" \(the team registry .* could not be reached/,
    );
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /^the team registry .*nope\.git could not be reached \(.+\); showing AWS-managed and local definitions only$/,
    );
    await expect(registry.saveDraft('MyOrg/mine', 'd', await definitionFolder())).rejects.toThrow(
      /could not be reached/,
    );
  });
});
