// `node --test <folder>` becomes globs that match the files Node.js 20 ran from the folder, read
// from the repository's own files; what cannot be matched exactly is reported.
import { describe, expect, it } from 'vitest';
import { planTestFolder } from '../../../src/codemods/nodejs-runtime/commands/test-runner.js';
import { rules, script, shell } from './helpers.js';

const plan = (arg: string, files: string[], cwd: string | undefined = '', only = true) =>
  planTestFolder({ arg, cwd, only, files });

describe('planTestFolder', () => {
  it('names the test files by their common suffix when that is all Node.js 20 ran', () => {
    expect(plan('test/', ['test/a.test.js', 'test/unit/b.test.js', 'src/c.test.js'])).toMatchObject({
      kind: 'globs',
      globs: ['test/**/*.test.js'],
      files: 2,
    });
    expect(plan('./test', ['test/a.test.mjs', 'test/b.test.mjs'])).toMatchObject({ globs: ['test/**/*.test.mjs'] });
    expect(plan('test', ['test/a-test.js', 'test/b-test.js'])).toMatchObject({ globs: ['test/**/*-test.js'] });
  });

  it('keeps helpers that Node.js 20 ran too (every .js file of a folder named test)', () => {
    expect(plan('test/', ['test/a.test.js', 'test/helpers/db.js'])).toMatchObject({
      globs: ['test/**/*.js'],
      files: 2,
    });
    expect(plan('test/', ['test/a.test.js', 'test/b.mjs', 'test/c.cjs'])).toMatchObject({
      globs: ['test/**/*.{cjs,mjs,js}'],
      files: 3,
    });
  });

  it('follows Node.js 20 in other folders: only test-named files, and anything under a test folder', () => {
    // helpers.js did not run from tests/ on Node.js 20, so the glob must not run it either.
    expect(plan('tests', ['tests/a.test.js', 'tests/helpers.js', 'tests/b.test.js'])).toMatchObject({
      globs: ['tests/**/*.test.js'],
      files: 2,
    });
    expect(plan('spec/', ['spec/x-test.cjs', 'spec/test/y.js', 'spec/u/z.spec.js', 'spec/test.js'])).toMatchObject({
      globs: ['spec/**/{test,test-*,*[._-]test}.{cjs,mjs,js}', 'spec/**/test/**/*.{cjs,mjs,js}'],
      files: 3,
    });
  });

  it('resolves the folder from where the command runs', () => {
    expect(plan('test/', ['svc/test/a.test.js', 'test/other.js'], 'svc')).toMatchObject({
      globs: ['test/**/*.test.js'],
      files: 1,
    });
  });

  it('drops "." when it is the only argument: that is the default discovery', () => {
    expect(plan('.', ['a.test.js'])).toEqual({ kind: 'default' });
    // A working folder named test: Node.js 20 ran every .js file in it, as it does for test/.
    expect(plan('.', ['test/a.test.js', 'test/helper.js'], 'test')).toMatchObject({
      kind: 'globs',
      globs: ['**/*.js'],
    });
  });

  it('warns about hidden files, which Node.js 20 ran and no glob matches', () => {
    expect(plan('test/', ['test/a.test.js', 'test/.setup.js'])).toMatchObject({
      globs: ['test/**/*.test.js'],
      hidden: ['test/.setup.js'],
    });
  });

  it('leaves files and globs alone', () => {
    expect(plan('test/a.test.js', ['test/a.test.js'])).toEqual({ kind: 'not-a-folder' });
    expect(plan('test/**/*.test.js', ['test/a.test.js'])).toEqual({ kind: 'not-a-folder' });
  });

  it('uses the globs equal to Node.js 20 by construction where the files cannot be read', () => {
    expect(plan('test/', [], undefined)).toMatchObject({
      kind: 'globs',
      globs: ['test/**/*.{cjs,mjs,js}'],
      files: undefined,
    });
    expect(plan('dist/test/', [], '')).toMatchObject({ kind: 'globs', globs: ['dist/test/**/*.{cjs,mjs,js}'] });
  });

  it('reports what it cannot tell', () => {
    expect(plan('build', ['src/a.ts'])).toMatchObject({ kind: 'unknown' });
    expect(plan('../shared/test', ['x.js'])).toMatchObject({ kind: 'unknown' });
    expect(plan('test/', ['test/a.test.ts'])).toMatchObject({
      kind: 'unknown',
      why: 'Node.js 20 found no test file in test/',
    });
  });
});

describe('node --test in commands', () => {
  const tests = { 'test/a.test.js': '', 'test/b.test.js': '' };

  it('rewrites the folder in a package.json script, quoted for the shell and escaped for JSON', async () => {
    const { command, text, findings } = await script('node --test --test-reporter spec test/', tests);
    expect(command).toBe('node --test --test-reporter spec "test/**/*.test.js"');
    expect(text).toContain('"test": "node --test --test-reporter spec \\"test/**/*.test.js\\""');
    expect(rules(findings)).toEqual(['info nodejs-commands/test-folder']);
    expect(findings[0]).toMatchObject({ file: 'package.json', line: 4 });
  });

  it('leaves it alone when the upgrade does not cross Node.js 21', async () => {
    const { command } = await script('node --test test/', tests, 22);
    expect(command).toBe('node --test test/');
  });

  it('reports a folder it cannot match exactly, and changes nothing', async () => {
    const { command, findings } = await script('node --test build', { 'src/a.ts': '' });
    expect(command).toBe('node --test build');
    expect(rules(findings)).toEqual(['manual nodejs-commands/test-folder']);
  });

  it('warns when the default discovery starts running TypeScript tests', async () => {
    const { command, findings } = await script('node --test', { 'test/a.test.js': '', 'src/b.test.ts': '' });
    expect(command).toBe('node --test');
    expect(rules(findings)).toEqual(['warning nodejs-commands/test-typescript']);
    expect(findings[0]!.message).toContain('src/b.test.ts');
  });

  it('in a shell script (folder unknown) uses the construction globs', async () => {
    expect((await shell('node --test test/')).line).toBe('node --test "test/**/*.{cjs,mjs,js}"');
  });
});
