// An exit criterion's `paths` select files with atx's glob matcher (src/util/glob.ts), the one
// every path option uses, at the base commit and in the worktree alike.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runValidator } from '../../src/validators/index.js';
import { criterion, makeRepo, type TempRepo } from './helpers.js';

let repo: TempRepo;
afterEach(() => repo?.cleanup());

interface Counts {
  lines: number;
  files: Record<string, number>;
}

async function counts(paths: string[], pattern = 'nodejs18'): Promise<{ before: Counts; after: Counts }> {
  const result = await runValidator(criterion({ validator: 'no-match', pattern, paths }), repo.ctx());
  expect(result.evidence[0].kind, JSON.stringify(result.evidence[0])).toBe('search');
  const { before, after } = result.evidence[0].details as { before: Counts; after: Counts };
  return { before, after };
}

describe('no-match paths', () => {
  it('anchor a leading / at the scope root and read [ ] as a character class', async () => {
    repo = makeRepo({
      'template.yaml': 'Runtime: nodejs18.x\n',
      'services/api/template.yaml': 'Runtime: nodejs18.x\n',
      'src/a.js': "const runtime = 'nodejs18.x';\n",
      'src/b.ts': "const runtime = 'nodejs18.x';\n",
      'src/c.cs': 'var runtime = "nodejs18.x";\n',
    });
    expect((await counts(['/template.yaml'])).after.files).toEqual({ 'template.yaml': 1 });
    expect((await counts(['template.yaml'])).after.files).toEqual({
      'template.yaml': 1,
      'services/api/template.yaml': 1,
    });
    expect((await counts(['*.[jt]s'])).after.files).toEqual({ 'src/a.js': 1, 'src/b.ts': 1 });
    expect((await counts(['src/', '!*.[jt]s'])).after.files).toEqual({ 'src/c.cs': 1 });
  });

  it('select at each commit: a file added by the transformation is searched after, one it removed before', async () => {
    repo = makeRepo({ 'old/template.yaml': 'Runtime: nodejs18.x\n', 'notes.txt': 'nodejs18\n' });
    repo.write('new/template.yaml', 'Runtime: nodejs18.x\n');
    rmSync(join(repo.worktree, 'old'), { recursive: true });
    repo.commit('step');
    const { before, after } = await counts(['*.yaml']);
    expect(before.files).toEqual({ 'old/template.yaml': 1 });
    expect(after.files).toEqual({ 'new/template.yaml': 1 });
  });

  it('search no file, not every file, when the globs select none; never node_modules', async () => {
    repo = makeRepo({ 'a.js': 'nodejs18\n', 'node_modules/dep/b.js': 'nodejs18\n' });
    expect((await counts(['*.py'])).before).toEqual({ lines: 0, files: {} });
    expect((await counts(['*.js'])).before.files).toEqual({ 'a.js': 1 });
  });

  it('take file names that git would read as pathspec magic or globs as they are', async () => {
    repo = makeRepo({
      ':(exclude)a.js': 'nodejs18\n',
      'b[1].js': 'nodejs18\n',
      'b1.js': 'nodejs18\n',
      '*.js': 'nodejs18\n',
    });
    expect((await counts(['b[1].js'])).after.files).toEqual({ 'b1.js': 1, 'b[1].js': 1 });
    expect(Object.keys((await counts(['*.js'])).after.files).sort()).toEqual([
      '*.js',
      ':(exclude)a.js',
      'b1.js',
      'b[1].js',
    ]);
    // Read as globs, `*.js` and `b[1].js` would bring back the file the criterion leaves out.
    expect(Object.keys((await counts(['*.js', '!b1.js'])).after.files).sort()).toEqual([
      '*.js',
      ':(exclude)a.js',
      'b[1].js',
    ]);
  });

  it('search a selection too long for one command line, a batch at a time', async () => {
    // 1,500 files of 60-character names: more than one batch of pathspecs.
    const files: Record<string, string> = {};
    for (let i = 0; i < 1500; i += 1)
      files[`services/function-${String(i).padStart(4, '0')}/handler-with-a-long-name.js`] = 'nodejs18\n';
    repo = makeRepo(files);
    const { before, after } = await counts(['services/*/*.js']);
    expect(before.lines).toBe(1500);
    expect(Object.keys(after.files)).toHaveLength(1500);
  });
});
