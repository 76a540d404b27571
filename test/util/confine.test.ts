// The confinement check every data-built path goes through.
import { mkdir, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  joinInside,
  relativePathProblem,
  removeInside,
  resolveInside,
  safeSegment,
  UnsafePathError,
  writablePathProblem,
} from '../../src/util/confine.js';

async function layout() {
  const base = await mkdtemp(join(tmpdir(), 'atx-confine-'));
  const root = join(base, 'root');
  const outside = join(base, 'outside');
  await mkdir(join(root, 'inner'), { recursive: true });
  await mkdir(outside);
  await writeFile(join(outside, 'victim.txt'), 'keep me\n');
  await writeFile(join(root, 'inner', 'file.txt'), 'inside\n');
  await symlink(outside, join(root, 'out-dir'));
  await symlink(join(outside, 'victim.txt'), join(root, 'out-file'));
  await symlink('inner/file.txt', join(root, 'in-file'));
  await symlink(join(base, 'missing'), join(root, 'dangling'));
  return { root, outside };
}

describe('relative paths built from data', () => {
  it.each([
    ['', 'empty'],
    ['/etc/passwd', 'absolute'],
    ['C:/x', 'absolute'],
    ['a/../../b', '..'],
    ['..', '..'],
    ['.git/config', '.git'],
    ['sub/.GIT/hooks/x', '.git'],
    ['a\\b', 'backslash'],
    ['a\0b', 'NUL'],
  ])('refuses %j (%s)', (path, word) => {
    expect(relativePathProblem(path)).toContain(word);
    expect(() => joinInside('/tmp/root', path)).toThrow(UnsafePathError);
  });

  it('accepts ordinary paths, dot-files and names that only start like .git', () => {
    for (const path of ['a', 'a/b.txt', '.nvmrc', '.github/workflows/ci.yml', '.gitignore', 'x/.gitattributes', '.']) {
      expect(relativePathProblem(path)).toBeUndefined();
    }
    expect(joinInside('/tmp/root', 'a/./b')).toBe('/tmp/root/a/b');
  });

  it('takes single segments only', () => {
    expect(safeSegment('12', 'version')).toBe('12');
    for (const bad of ['', '.', '..', 'a/b', '.git', '.Git', 'a\\b'])
      expect(() => safeSegment(bad)).toThrow(UnsafePathError);
  });
});

describe('symbolic links', () => {
  it('refuses links that lead out, and follows links that stay in', async () => {
    const { root } = await layout();
    await expect(resolveInside(root, 'out-dir/victim.txt')).rejects.toThrow(/symbolic link/);
    await expect(resolveInside(root, 'out-dir/new/deeper.txt')).rejects.toThrow(/symbolic link/);
    await expect(resolveInside(root, 'out-file')).rejects.toThrow(/symbolic link/);
    await expect(resolveInside(root, 'dangling')).rejects.toThrow(/does not exist/);
    expect(await resolveInside(root, 'in-file')).toBe(join(root, 'in-file'));
    expect(await resolveInside(root, 'inner/not-yet/new.txt')).toBe(join(root, 'inner/not-yet/new.txt'));
  });

  it('never writes through a link, even one that stays inside', async () => {
    const { root } = await layout();
    expect(await writablePathProblem(root, 'inner/file.txt')).toBeUndefined();
    expect(await writablePathProblem(root, 'in-file')).toMatch(/symbolic link/);
    expect(await writablePathProblem(root, 'out-file')).toMatch(/outside/);
    expect(await writablePathProblem(root, '../x')).toMatch(/\.\./);
  });

  it('removes a link without touching what it points to, and never the root or outside', async () => {
    const { root, outside } = await layout();
    await removeInside(root, 'in-file');
    expect(await readFile(join(root, 'inner/file.txt'), 'utf8')).toBe('inside\n');
    await expect(removeInside(root, 'out-dir')).rejects.toThrow(UnsafePathError);
    await expect(removeInside(root, '.')).rejects.toThrow(UnsafePathError);
    await expect(removeInside(root, '../outside')).rejects.toThrow(UnsafePathError);
    expect(await readFile(join(outside, 'victim.txt'), 'utf8')).toBe('keep me\n');
    await removeInside(root, 'inner');
    await expect(readFile(join(root, 'inner/file.txt'))).rejects.toThrow();
  });
});
