import { cp, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DefinitionError } from '../../src/errors.js';
import { loadDefinitionDir, referencesLimitBytes } from '../../src/definitions/index.js';

const fixture = 'fixtures/definitions/nodejs-upgrade-full';
const skillFixture = 'fixtures/definitions/skill-format';
let work: string;
let dir: string;

beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'atx-defs-'));
  dir = join(work, 'def');
  await cp(fixture, dir, { recursive: true });
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

async function loadError(path: string): Promise<DefinitionError> {
  const error = await loadDefinitionDir(path).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DefinitionError);
  return error as DefinitionError;
}

describe('loadDefinitionDir', () => {
  it('reads the definition, summaries and every reference with its size, sorted', async () => {
    const bundle = await loadDefinitionDir(dir);
    expect(bundle.definition.title).toBe('Upgrade Lambda functions to Node.js 24');
    expect(bundle.summaries).toContain('what changed in the Node.js 24 Lambda runtime');
    expect(bundle.references).toEqual([
      { path: 'checklist.txt', size: 39 },
      { path: 'guides/nodejs24.md', size: 87 },
    ]);
  });

  it('reads a SKILL.md folder without summaries or references', async () => {
    const bundle = await loadDefinitionDir(skillFixture);
    expect(bundle.definition.format).toBe('skill');
    expect(bundle.summaries).toBeUndefined();
    expect(bundle.references).toEqual([]);
  });

  it('names the folder and the expected files when there is no definition', async () => {
    await rm(join(dir, 'transformation_definition.md'));
    const error = await loadError(dir);
    expect(error.file).toBe(dir);
    expect(error.message).toContain('expected transformation_definition.md or SKILL.md');
    const missing = await loadError(join(work, 'nowhere'));
    expect(missing.message).toContain('definition folder not found');
  });

  it('refuses a folder holding both definition files', async () => {
    await cp(join(skillFixture, 'SKILL.md'), join(dir, 'SKILL.md'));
    const error = await loadError(dir);
    expect(error.message).toContain('both transformation_definition.md and SKILL.md');
  });

  it('passes parse errors through with the definition file path and line', async () => {
    const file = join(dir, 'transformation_definition.md');
    await writeFile(file, '# T\n\n## Objective\n\nX.\n\n## Objective\n\nY.\n');
    const error = await loadError(dir);
    expect(error.message).toBe(`${file}:7: duplicate section '## Objective' (first at line 3); merge the two`);
  });

  it('accepts references up to 10 MB in all and rejects more, naming the folder', async () => {
    const refs = join(dir, 'document_references');
    const used = 39 + 87;
    await writeFile(join(refs, 'big.txt'), 'a'.repeat(referencesLimitBytes - used));
    expect((await loadDefinitionDir(dir)).references).toHaveLength(3);
    await writeFile(join(refs, 'z-one-more.txt'), 'b');
    const error = await loadError(dir);
    expect(error.file).toBe(refs);
    expect(error.message).toContain('exceed 10 MB');
    expect(error.message).toContain('z-one-more.txt');
  });

  it('rejects a binary reference (NUL byte), naming the file', async () => {
    const png = join(dir, 'document_references', 'guides', 'diagram.png');
    await writeFile(png, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]));
    const error = await loadError(dir);
    expect(error.file).toBe(png);
    expect(error.message).toContain('binary file');
  });

  it('rejects invalid UTF-8 in the first 8 KB but not a character cut at the 8 KB boundary', async () => {
    const refs = join(dir, 'document_references');
    // 8191 ASCII bytes then "é" (2 bytes): the sniff window ends inside the character.
    await writeFile(join(refs, 'boundary.txt'), Buffer.concat([Buffer.alloc(8191, 0x61), Buffer.from('é')]));
    expect((await loadDefinitionDir(dir)).references.map((r) => r.path)).toContain('boundary.txt');
    const latin1 = join(refs, 'latin1.txt');
    await writeFile(latin1, Buffer.from('caf\xe9 au lait', 'latin1'));
    const error = await loadError(dir);
    expect(error.file).toBe(latin1);
  });

  it('rejects a symlink that points outside the references, and a broken one', async () => {
    const refs = join(dir, 'document_references');
    await writeFile(join(work, 'secret.txt'), 'outside');
    const link = join(refs, 'leak.txt');
    await symlink(join(work, 'secret.txt'), link);
    const error = await loadError(dir);
    expect(error.file).toBe(link);
    expect(error.message).toContain('points outside document_references');
    await rm(link);
    const broken = join(refs, 'gone.txt');
    await symlink(join(refs, 'missing.txt'), broken);
    expect((await loadError(dir)).message).toContain('broken symbolic link');
  });

  it('rejects document_references that is itself a symlink', async () => {
    const refs = join(dir, 'document_references');
    await rm(refs, { recursive: true });
    await mkdir(join(work, 'elsewhere'));
    await symlink(join(work, 'elsewhere'), refs);
    const error = await loadError(dir);
    expect(error.file).toBe(refs);
    expect(error.message).toContain('is a symbolic link');
  });

  it('follows symlinks that stay inside, without looping', async () => {
    const refs = join(dir, 'document_references');
    await symlink(join(refs, 'checklist.txt'), join(refs, 'alias.txt'));
    await mkdir(join(refs, 'deep'));
    await symlink(refs, join(refs, 'deep', 'up'));
    const paths = (await loadDefinitionDir(dir)).references.map((r) => r.path);
    expect(paths).toEqual(['alias.txt', 'checklist.txt', 'guides/nodejs24.md']);
  });
});
