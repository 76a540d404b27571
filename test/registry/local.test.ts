import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DefinitionError, UsageError } from '../../src/errors.js';
import { loadDefinitionDir } from '../../src/definitions/index.js';
import { openRegistry } from '../../src/registry/index.js';
import { definitionFolder, person, tempDir, writeDefinition } from './helpers.js';

const objectiveOf = async (dir: string) => (await loadDefinitionDir(dir)).definition.objective;

describe('local registry', () => {
  it('publishes, lists, resolves and serves the files of numbered versions', async () => {
    const registry = await person('ana');
    expect(await registry.list()).toEqual([]);
    const first = await registry.publish('MyOrg/widgets', 'Widget upgrade', await definitionFolder('v-one'));
    const second = await registry.publish('MyOrg/widgets', 'Widget upgrade, take two', await definitionFolder('v-two'));
    expect([first, second]).toEqual([
      { name: 'MyOrg/widgets', version: '1', origin: 'local', category: 'remediation' },
      { name: 'MyOrg/widgets', version: '2', origin: 'local', category: 'remediation' },
    ]);
    expect(await registry.list()).toEqual([
      {
        name: 'MyOrg/widgets',
        version: '2',
        description: 'Widget upgrade, take two',
        origin: 'local',
        versions: ['1', '2'],
        status: 'published',
        category: 'remediation',
      },
    ]);
    const latest = await registry.resolve('MyOrg/widgets');
    expect(latest).toMatchObject({ version: '2', origin: 'local', status: 'published', category: 'remediation' });
    expect(await objectiveOf(latest.dir)).toContain('v-two');
    expect(await objectiveOf((await registry.resolve('MyOrg/widgets', '1')).dir)).toContain('v-one');
  });

  it('copies only the definition files, references included', async () => {
    const registry = await person('ben');
    const source = await definitionFolder('refs', {
      'summaries.md': '# Summaries\n\nThe guide says: move to the new API.\n',
      'document_references/guides/migration.md': 'Old: widget.old()\nNew: widget.new()\n',
      'node_modules/left-pad/index.js': 'module.exports = 1;\n',
      '.env': 'SECRET=1\n',
      'notes.txt': 'scratch\n',
    });
    const { version } = await registry.publish('widgets', 'with references', source);
    const { dir } = await registry.resolve('widgets', version);
    expect((await readdir(dir)).sort()).toEqual([
      'document_references',
      'summaries.md',
      'transformation_definition.md',
    ]);
    expect(await readFile(join(dir, 'document_references/guides/migration.md'), 'utf8')).toBe(
      'Old: widget.old()\nNew: widget.new()\n',
    );
    expect((await loadDefinitionDir(dir)).references).toEqual([{ path: 'guides/migration.md', size: 36 }]);
  });

  it('never overwrites a published version, even after it is deleted', async () => {
    const registry = await person('cy');
    await registry.publish('widgets', 'one', await definitionFolder('one'));
    const v1 = await registry.resolve('widgets', '1');
    const before = await readFile(join(v1.dir, 'transformation_definition.md'), 'utf8');
    await registry.publish('widgets', 'two', await definitionFolder('two'));
    expect(await readFile(join(v1.dir, 'transformation_definition.md'), 'utf8')).toBe(before);
    await expect(registry.promote('widgets', '1')).rejects.toThrow(/already published/);
    expect(await registry.remove('widgets', '2')).toEqual({ removed: ['2'], origins: ['local'] });
    // Someone who pinned version 2 must not silently get different content later.
    expect((await registry.publish('widgets', 'three', await definitionFolder('three'))).version).toBe('3');
    await expect(registry.resolve('widgets', '2')).rejects.toThrow(/has no version "2" \(versions: 1, 3\)/);
  });

  it('keeps one replaceable draft on top, and publishing takes its number', async () => {
    const registry = await person('dee');
    await registry.publish('widgets', 'released', await definitionFolder('released'));
    expect(await registry.saveDraft('widgets', 'wip', await definitionFolder('draft-a'))).toEqual({
      name: 'widgets',
      version: '2',
      category: 'remediation',
    });
    expect(await registry.saveDraft('widgets', 'wip 2', await definitionFolder('draft-b'))).toEqual({
      name: 'widgets',
      version: '2',
      category: 'remediation',
    });
    // Resolution prefers the newest published version over a newer draft...
    expect((await registry.resolve('widgets')).version).toBe('1');
    const draft = await registry.resolve('widgets', '2');
    expect(draft).toMatchObject({ status: 'draft', description: 'wip 2' });
    expect(await objectiveOf(draft.dir)).toContain('draft-b');
    expect((await registry.list())[0]).toMatchObject({
      version: '1',
      versions: ['1', '2'],
      status: 'published',
      category: 'remediation',
    });
    // ...and publishing new content consumes the draft's number.
    expect(await registry.publish('widgets', 'final', await definitionFolder('final'))).toEqual({
      name: 'widgets',
      version: '2',
      origin: 'local',
      category: 'remediation',
    });
    const published = await registry.resolve('widgets');
    expect(published).toMatchObject({ version: '2', status: 'published', description: 'final' });
    expect(await objectiveOf(published.dir)).toContain('final');
    expect(await registry.saveDraft('widgets', 'next', await definitionFolder('next'))).toEqual({
      name: 'widgets',
      version: '3',
      category: 'remediation',
    });
  });

  it('resolves to the newest draft when nothing is published, and promotes it', async () => {
    const registry = await person('eve');
    await registry.saveDraft('solo', '', await definitionFolder('only-draft'));
    const draft = await registry.resolve('solo');
    // No description given: the definition's objective stands in.
    expect(draft).toMatchObject({
      version: '1',
      status: 'draft',
      category: 'remediation',
      description: 'Move every widget to the new widget API (only-draft).',
    });
    await expect(registry.promote('solo', '7')).rejects.toThrow('solo has no version 7');
    expect(await registry.promote('solo', '1')).toEqual({
      name: 'solo',
      version: '1',
      origin: 'local',
      category: 'remediation',
    });
    expect(await registry.resolve('solo')).toMatchObject({
      version: '1',
      status: 'published',
      category: 'remediation',
    });
    expect(await objectiveOf((await registry.resolve('solo')).dir)).toContain('only-draft');
    await expect(registry.promote('solo', '1')).rejects.toThrow('solo version 1 is already published');
  });

  it('deletes one version or the whole name, and refuses unknown ones', async () => {
    const registry = await person('fay');
    await registry.publish('A/x', 'one', await definitionFolder('one'));
    await registry.publish('A/x', 'two', await definitionFolder('two'));
    await registry.publish('A/y', 'other', await definitionFolder('other'));
    await expect(registry.remove('A/x', '9')).rejects.toThrow('A/x has no version "9"');
    await expect(registry.remove('A/nope')).rejects.toThrow(UsageError);
    expect(await registry.remove('A/x', '1')).toEqual({ removed: ['1'], origins: ['local'] });
    expect((await registry.list()).map((e) => [e.name, e.versions])).toEqual([
      ['A/x', ['2']],
      ['A/y', ['1']],
    ]);
    expect(await registry.remove('A/x')).toEqual({ removed: ['2'], origins: ['local'] });
    expect((await registry.list()).map((e) => e.name)).toEqual(['A/y']);
    await expect(registry.resolve('A/x')).rejects.toThrow('unknown definition "A/x"');
  });

  it('stores nothing when the definition is invalid', async () => {
    const home = await tempDir();
    const registry = openRegistry({ atxHome: home, awsDir: join(home, 'none') });
    const broken = await definitionFolder('broken');
    await writeFile(join(broken, 'transformation_definition.md'), '# Title only\n\nNo sections here.\n');
    await expect(registry.publish('widgets', 'x', broken)).rejects.toBeInstanceOf(DefinitionError);
    await expect(registry.saveDraft('widgets', 'x', join(home, 'missing'))).rejects.toThrow(
      /definition folder not found/,
    );
    expect(await registry.list()).toEqual([]);
    expect(await readdir(home)).toEqual([]);
  });

  it('refuses to write AWS/ names and invalid names before touching the source', async () => {
    const registry = await person('gus');
    const source = await definitionFolder();
    const readOnly =
      /AWS\/ definitions are managed and read-only; publish under another name, e\.g\. MyOrg\/nodejs-version-upgrade/;
    await expect(registry.saveDraft('AWS/nodejs-version-upgrade', 'x', source)).rejects.toThrow(readOnly);
    await expect(registry.publish('aws/nodejs-version-upgrade', 'x', source)).rejects.toThrow(readOnly);
    await expect(registry.remove('AWS/nodejs-version-upgrade')).rejects.toThrow(readOnly);
    await expect(registry.promote('AWS/nodejs-version-upgrade', '1')).rejects.toThrow(readOnly);
    await expect(registry.publish('../escape', 'x', source)).rejects.toThrow(UsageError);
    await expect(registry.resolve('a/b/c')).rejects.toThrow(/at most one "Org\/" prefix/);
    expect(await registry.list()).toEqual([]);
  });

  it('keeps a definition name and an organisation prefix apart', async () => {
    const registry = await person('hal');
    await registry.publish('Team', 'a definition', await definitionFolder());
    await expect(registry.publish('Team/1', 'x', await definitionFolder())).rejects.toThrow(
      /already a definition name/,
    );
    await registry.publish('Org/tool', 'x', await definitionFolder());
    await expect(registry.publish('Org', 'x', await definitionFolder())).rejects.toThrow(/organisation prefix/);
  });

  it('gives concurrent publishers on one ATX_HOME distinct versions', async () => {
    const home = await tempDir();
    const open = () => openRegistry({ atxHome: home, awsDir: join(home, 'none') });
    const sources = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => definitionFolder(`writer-${n}`)));
    const results = await Promise.all(sources.map((source, n) => open().publish('shared', `writer ${n + 1}`, source)));
    expect(results.map((r) => r.version).sort((a, b) => Number(a) - Number(b))).toEqual(['1', '2', '3', '4', '5', '6']);
    const registry = open();
    for (const [n, result] of results.entries()) {
      expect(await objectiveOf((await registry.resolve('shared', result.version)).dir)).toContain(`writer-${n + 1}`);
    }
    expect((await registry.list())[0].versions).toHaveLength(6);
  });
});

describe('local registry edge cases', () => {
  it('stores SKILL.md definitions as they are', async () => {
    const registry = await person('ivy');
    const source = await tempDir('atx-skill-');
    const skill = await readFile(join(await definitionFolder('skill'), 'transformation_definition.md'), 'utf8');
    await writeFile(join(source, 'SKILL.md'), `---\nname: widgets\ndescription: Widget skill\n---\n${skill}`);
    const { version } = await registry.saveDraft('skills/widgets', '', source);
    const { dir, description } = await registry.resolve('skills/widgets', version);
    expect(description).toBe('Widget skill');
    expect(await readdir(dir)).toEqual(['SKILL.md']);
    expect(await readFile(join(dir, 'SKILL.md'), 'utf8')).toBe(await readFile(join(source, 'SKILL.md'), 'utf8'));
  });

  it('skips a version number a crashed writer left on disk', async () => {
    const home = await tempDir();
    const registry = openRegistry({ atxHome: home, awsDir: join(home, 'none') });
    await registry.publish('tool', 'one', await definitionFolder('one'));
    // A process died after moving version 2 into place but before recording it.
    await writeDefinition(join(home, 'registry', 'tool', '2'), 'orphan');
    expect((await registry.publish('tool', 'next', await definitionFolder('next'))).version).toBe('3');
    expect(await objectiveOf((await registry.resolve('tool')).dir)).toContain('next');
  });
});
