// The `atx custom def` registry commands through the real binary, as a new user runs them.
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { atx, git, projectRoot, tempDir, writeFiles } from '../helpers/cli.js';
import { definitionFolder } from './definition-folder.js';

describe('atx custom def (local registry)', () => {
  it('lists the AWS-managed catalogue first, with the JSON shape of the contract', async () => {
    const env = { ATX_HOME: await tempDir('atx-home-') };
    const run = await atx(['custom', 'def', 'list', '--json'], { env });
    expect(run.exitCode, run.stderr).toBe(0);
    const entries = JSON.parse(run.stdout);
    const names = entries.map((e: { name: string }) => e.name);
    for (const name of [
      'AWS/nodejs-version-upgrade',
      'AWS/nodejs-aws-sdk-v2-to-v3',
      'AWS/nodejs-lambda-callback-to-async',
      'AWS/python-version-upgrade',
      'AWS/java-version-upgrade',
      'AWS/python-boto2-to-boto3',
      'AWS/java-aws-sdk-v1-to-v2',
      'AWS/angular-version-upgrade',
      'AWS/lambda-fleet-inventory',
    ]) {
      expect(names).toContain(name);
    }
    for (const entry of entries) {
      expect(Object.keys(entry).sort()).toEqual(['category', 'description', 'name', 'origin', 'version', 'versions']);
      expect(entry.origin).toBe('aws-managed');
      // The inventory is the one analysis of the catalogue; every other AWS/ definition changes code.
      expect(entry.category).toBe(entry.name === 'AWS/lambda-fleet-inventory' ? 'analysis' : 'remediation');
      expect(entry.description.length).toBeGreaterThan(20);
    }
    const human = await atx(['custom', 'def', 'list'], { env });
    expect(human.stdout).toMatch(/^NAME\s+VERSION\s+ORIGIN\s+CATEGORY\s+DESCRIPTION/);
    expect(human.stdout).toMatch(/^AWS\/nodejs-version-upgrade\s+1\.0\.0\s+aws-managed\s+remediation\s+Upgrades/m);
  });

  it('gets a definition into ./<last part of the name>, or prints it with --json', async () => {
    const env = { ATX_HOME: await tempDir('atx-home-') };
    const cwd = await tempDir();
    const run = await atx(['custom', 'def', 'get', '-n', 'AWS/nodejs-version-upgrade'], { env, cwd });
    expect(run.exitCode, run.stderr).toBe(0);
    const written = await readFile(join(cwd, 'nodejs-version-upgrade', 'transformation_definition.md'), 'utf8');
    expect(written).toMatch(/^# /);
    const json = await atx(['custom', 'def', 'get', '-n', 'AWS/nodejs-version-upgrade', '--json', '--td', 'as-json'], {
      env,
      cwd,
    });
    expect(existsSync(join(cwd, 'as-json', 'transformation_definition.md'))).toBe(true);
    const parsed = JSON.parse(json.stdout);
    expect(parsed.definition.phases.length).toBeGreaterThan(0);
    expect(parsed.definition.exitCriteria.length).toBeGreaterThan(0);
    const refused = await atx(['custom', 'def', 'get', '-n', 'AWS/nodejs-version-upgrade', '--td', '.'], { env, cwd });
    expect(refused.exitCode).toBe(2);
    // Getting again over an unchanged copy is fine; over a person's edits it writes nothing.
    expect((await atx(['custom', 'def', 'get', '-n', 'AWS/nodejs-version-upgrade'], { env, cwd })).exitCode).toBe(0);
    const edited = join(cwd, 'nodejs-version-upgrade', 'transformation_definition.md');
    await writeFile(edited, '# My edits\n');
    const overwrite = await atx(['custom', 'def', 'get', '-n', 'AWS/nodejs-version-upgrade'], { env, cwd });
    expect(overwrite.exitCode).toBe(2);
    expect(overwrite.stderr).toMatch(/nothing was written/);
    expect(await readFile(edited, 'utf8')).toBe('# My edits\n');
  });

  it('saves a draft, replaces it, publishes it, publishes again, selects with --tv and deletes', async () => {
    const env = { ATX_HOME: await tempDir('atx-home-') };
    const cwd = await tempDir();
    const first = await definitionFolder('First draft');
    const second = await definitionFolder('Second draft');
    const third = await definitionFolder('Version two');
    const name = 'MyOrg/hello';
    expect(
      (await atx(['custom', 'def', 'save-draft', '-n', name, '--description', 'hello', '--sd', first], { env }))
        .exitCode,
    ).toBe(0);
    const replaced = await atx(
      ['custom', 'def', 'save-draft', '-n', name, '--description', 'hello again', '--sd', second],
      { env },
    );
    expect(replaced.stdout).toMatch(/v1\b/);
    expect((await atx(['custom', 'def', 'publish', '-n', name, '--tv', '1'], { env })).exitCode).toBe(0);
    // Published versions are immutable.
    expect(
      (await atx(['custom', 'def', 'save-draft', '-n', name, '--description', 'x', '--sd', first], { env })).stdout,
    ).toMatch(/v2\b/);
    const published = await atx(['custom', 'def', 'publish', '-n', name, '--description', 'two', '--sd', third], {
      env,
    });
    expect(published.stdout).toMatch(/v2\b/);
    const v1 = JSON.parse(
      (await atx(['custom', 'def', 'get', '-n', name, '--tv', '1', '--json', '--td', 'v1'], { env, cwd })).stdout,
    );
    expect(v1.definition.title).toBe('Second draft');
    const latest = JSON.parse(
      (await atx(['custom', 'def', 'get', '-n', name, '--json', '--td', 'latest'], { env, cwd })).stdout,
    );
    expect(latest.definition.title).toBe('Version two');
    const listed = JSON.parse((await atx(['custom', 'def', 'list', '--json'], { env })).stdout).find(
      (e: { name: string }) => e.name === name,
    );
    expect(listed).toMatchObject({ origin: 'local', version: '2', versions: ['1', '2'] });

    expect((await atx(['custom', 'def', 'delete', '-n', name, '--tv', '1'], { env })).exitCode).toBe(0);
    expect(
      (await atx(['custom', 'def', 'get', '-n', name, '--tv', '1', '--json', '--td', 'gone-1'], { env, cwd })).exitCode,
    ).toBe(2);
    expect((await atx(['custom', 'def', 'delete', '-n', name], { env })).exitCode).toBe(0);
    expect((await atx(['custom', 'def', 'get', '-n', name, '--json', '--td', 'gone'], { env, cwd })).exitCode).toBe(2);
  });

  it('refuses AWS/ writes, bad names and malformed definitions with exit 2, storing nothing', async () => {
    const home = await tempDir('atx-home-');
    const env = { ATX_HOME: home };
    const good = await definitionFolder('Good');
    const bad = await tempDir('atx-def-');
    await writeFiles(bad, { 'transformation_definition.md': '# Broken\n\n## Objective\nNo steps here.\n' });
    const cases: Array<[string[], RegExp]> = [
      [['publish', '-n', 'AWS/mine', '--description', 'd', '--sd', good], /AWS/],
      [['save-draft', '-n', 'aws/mine', '--description', 'd', '--sd', good], /AWS/],
      [['delete', '-n', 'AWS/nodejs-version-upgrade'], /AWS/],
      [['publish', '-n', '../escape', '--description', 'd', '--sd', good], /name/i],
      [['publish', '-n', '/abs/name', '--description', 'd', '--sd', good], /name/i],
      [['publish', '-n', 'a/b/c', '--description', 'd', '--sd', good], /name/i],
      [['publish', '-n', 'MyOrg/broken', '--description', 'd', '--sd', bad], /transformation_definition\.md:\d+/],
      [['get', '-n', 'MyOrg/unknown'], /MyOrg\/unknown/],
    ];
    for (const [args, message] of cases) {
      const run = await atx(['custom', 'def', ...args], { env });
      expect(run.exitCode, `${args.join(' ')}: ${run.stderr}`).toBe(2);
      expect(run.stderr).toMatch(message);
    }
    const listed = JSON.parse((await atx(['custom', 'def', 'list', '--json'], { env })).stdout);
    expect(listed.every((e: { origin: string }) => e.origin === 'aws-managed')).toBe(true);
  });

  it('prints the version and help for every command', async () => {
    const version = await atx(['--version']);
    const pkg = JSON.parse(await readFile(join(projectRoot, 'package.json'), 'utf8'));
    expect(version.stdout.trim()).toBe(pkg.version);
    for (const command of ['list', 'get', 'save-draft', 'publish', 'delete', 'exec']) {
      const help = await atx(['custom', 'def', command, '--help']);
      expect(help.exitCode).toBe(0);
      expect(help.stdout).toMatch(new RegExp(`Usage: atx custom def ${command}`));
    }
  });
});

describe('atx custom def (team registry in git)', () => {
  it('two people publishing at once both land, as distinct versions in the remote', async () => {
    const remote = await tempDir('atx-team-');
    await git(remote, ['init', '-q', '--bare', '-b', 'main']);
    const alice = { ATX_HOME: await tempDir('atx-alice-'), ATX_REGISTRY_URL: remote, ATX_GIT_COMMITTER_NAME: 'Alice' };
    const bob = { ATX_HOME: await tempDir('atx-bob-'), ATX_REGISTRY_URL: remote, ATX_GIT_COMMITTER_NAME: 'Bob' };
    const [a, b] = await Promise.all([
      atx(
        [
          'custom',
          'def',
          'publish',
          '-n',
          'Team/hello',
          '--description',
          'from alice',
          '--sd',
          await definitionFolder('Alice'),
        ],
        { env: alice },
      ),
      atx(
        [
          'custom',
          'def',
          'publish',
          '-n',
          'Team/hello',
          '--description',
          'from bob',
          '--sd',
          await definitionFolder('Bob'),
        ],
        { env: bob },
      ),
    ]);
    expect(a.exitCode, a.stderr).toBe(0);
    expect(b.exitCode, b.stderr).toBe(0);
    const listed = JSON.parse((await atx(['custom', 'def', 'list', '--json'], { env: alice })).stdout).find(
      (e: { name: string }) => e.name === 'Team/hello',
    );
    expect(listed).toMatchObject({ origin: 'team', versions: ['1', '2'] });
    const titles = await Promise.all(
      ['1', '2'].map(
        async (v) =>
          JSON.parse(
            (
              await atx(['custom', 'def', 'get', '-n', 'Team/hello', '--tv', v, '--json'], {
                env: bob,
                cwd: await tempDir(),
              })
            ).stdout,
          ).definition.title,
      ),
    );
    expect(titles.sort()).toEqual(['Alice', 'Bob']);
    expect(await git(remote, ['log', '--format=%an', 'main'])).toMatch(/Alice[\s\S]*Bob|Bob[\s\S]*Alice/);
    expect(existsSync(join(alice.ATX_HOME, 'registry', 'Team', 'hello'))).toBe(false);
  });
});
