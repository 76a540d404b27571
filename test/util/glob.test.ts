// atx's one glob dialect (src/util/glob.ts): read as .gitignore reads a glob, for knowledge
// exclusions, guardrails, exit criteria and codemods' `paths`.
import { describe, expect, it } from 'vitest';
import { inPaths, matchesGlob, pathSelector } from '../../src/util/glob.js';

const matching = (glob: string, paths: string[]) => paths.filter((path) => matchesGlob(glob, path));

describe('matchesGlob', () => {
  it('reads a name without a slash as that file or folder at any depth, with all it holds', () => {
    const paths = ['legacy/a.js', 'src/legacy/deep/a.js', 'legacy', 'legacyx/a.js', 'src/old-legacy/a.js'];
    expect(matching('legacy', paths)).toEqual(['legacy/a.js', 'src/legacy/deep/a.js', 'legacy']);
    // A trailing slash: only what such a folder holds, not a file of that name.
    expect(matching('legacy/', paths)).toEqual(['legacy/a.js', 'src/legacy/deep/a.js']);
  });

  it('anchors a glob with a slash inside at the scope root', () => {
    expect(matching('src/legacy', ['src/legacy/a.js', 'lib/src/legacy/a.js', 'legacy/a.js'])).toEqual([
      'src/legacy/a.js',
    ]);
  });

  it('anchors a glob with a leading slash at the scope root, as .gitignore does', () => {
    const paths = ['legacy/a.js', 'legacy', 'src/legacy/a.js', 'legacyx/a.js'];
    expect(matching('/legacy', paths)).toEqual(['legacy/a.js', 'legacy']);
    expect(matching('/legacy/', paths)).toEqual(['legacy/a.js']);
    expect(matching('/*.json', ['package.json', 'src/package.json'])).toEqual(['package.json']);
  });

  it('keeps * and ? within one folder, and lets ** cross folders', () => {
    expect(matching('src/*.js', ['src/a.js', 'src/a/b.js', 'a.js'])).toEqual(['src/a.js']);
    expect(matching('**/*.js', ['a/b/c.js', 'c.js', 'c.jsx'])).toEqual(['a/b/c.js', 'c.js']);
    expect(matching('*.js', ['a/b/c.js', 'c.js', '.eslintrc.js'])).toEqual(['a/b/c.js', 'c.js', '.eslintrc.js']);
    expect(matching('a?c', ['abc', 'x/abc', 'a/c', 'abbc'])).toEqual(['abc', 'x/abc']);
    expect(matching('src/**/test/*.ts', ['src/test/a.ts', 'src/x/y/test/a.ts', 'src/test/x/a.ts'])).toEqual([
      'src/test/a.ts',
      'src/x/y/test/a.ts',
    ]);
  });

  it('reads [ ] as one character of a set', () => {
    const paths = ['a.js', 'src/b.ts', 'c.cs', 'd.jts', 'e.mjs'];
    expect(matching('*.[jt]s', paths)).toEqual(['a.js', 'src/b.ts']);
    expect(matching('*.[!j]s', paths)).toEqual(['src/b.ts', 'c.cs']);
    expect(matching('v[0-9]/', ['v1/a', 'v12/a', 'va/a'])).toEqual(['v1/a']);
  });

  it('takes braces, parentheses and a leading ! as plain text', () => {
    expect(matching('{a,b}.js', ['a.js', '{a,b}.js'])).toEqual(['{a,b}.js']);
    expect(matching('app/(auth)/*', ['app/(auth)/login.ts', 'app/auth/login.ts'])).toEqual(['app/(auth)/login.ts']);
    expect(matching('!x', ['!x', 'y'])).toEqual(['!x']);
  });

  it('takes ./ and backslashes as the author meant them, and an empty glob matches nothing', () => {
    expect(matching('./src/', ['src/a.js', 'lib/src/a.js'])).toEqual(['src/a.js', 'lib/src/a.js']);
    expect(matching('src\\lib', ['src/lib/a.js'])).toEqual(['src/lib/a.js']);
    expect(matching(' ', ['a', ' '])).toEqual([]);
  });
});

describe("pathSelector (an exit criterion's paths)", () => {
  const files = [
    'template.yaml',
    'svc/template.yaml',
    'docs/x.yaml',
    'svc/docs/y.yaml',
    'a.md',
    'src/a.test.js',
    'src/a.js',
    'src/a.d.ts',
  ];
  const select = (globs: string[]) => files.filter(pathSelector(globs));

  it('selects what one glob matches, minus what a ! glob matches, whatever the order', () => {
    expect(select(['*.yaml', '!docs/'])).toEqual(['template.yaml', 'svc/template.yaml']);
    expect(select(['!docs/', '*.yaml'])).toEqual(['template.yaml', 'svc/template.yaml']);
    expect(select(['*.js', '*.ts', '!*.d.ts', '!*.test.*'])).toEqual(['src/a.js']);
  });

  it('selects every file when all globs exclude, and every file when there are none', () => {
    expect(select(['!*.yaml', '!*.md'])).toEqual(['src/a.test.js', 'src/a.js', 'src/a.d.ts']);
    expect(select([])).toEqual(files);
  });
});

describe("inPaths (a codemod's paths)", () => {
  const files = [
    'services/api/main.tf',
    'services/api/src/a.ts',
    'services/web/src/b.js',
    'lib/services/c.ts',
    'servicesx/d.ts',
    'e.ts',
    'pages/[...slug]/f.js',
  ];
  const within = (paths: string[] | undefined) => files.filter((file) => inPaths(file, paths));

  it('reads a plain folder or file from the scope root, with everything in it', () => {
    expect(within(['services'])).toEqual(['services/api/main.tf', 'services/api/src/a.ts', 'services/web/src/b.js']);
    expect(within(['./services/api/', 'e.ts'])).toEqual(['services/api/main.tf', 'services/api/src/a.ts', 'e.ts']);
    // A folder named with glob characters (a Next.js catch-all route) is still that folder.
    expect(within(['pages/[...slug]'])).toEqual(['pages/[...slug]/f.js']);
  });

  it('takes globs, read from the scope root', () => {
    expect(within(['services/*/src'])).toEqual(['services/api/src/a.ts', 'services/web/src/b.js']);
    expect(within(['**/*.ts'])).toEqual(['services/api/src/a.ts', 'lib/services/c.ts', 'servicesx/d.ts', 'e.ts']);
    expect(within(['*.ts'])).toEqual(['e.ts']);
  });

  it('means everywhere when the list is absent, empty, or names the scope itself', () => {
    expect(within(undefined)).toEqual(files);
    expect(within([])).toEqual(files);
    expect(within(['.'])).toEqual(files);
  });
});
