// Learning before/after patterns from one file's edit, and replaying them with the learned-rewrite codemod.
import { describe, expect, it } from 'vitest';
import { loadCodemod } from '../../src/codemods/index.js';
import type { RepoView } from '../../src/codemods/types.js';
import { matchesGlob } from '../../src/util/glob.js';
import { applyPattern } from '../../src/codemods/learned-rewrite/pattern.js';
import { learnPatterns } from '../../src/knowledge/patterns.js';

function view(files: Record<string, string>): RepoView {
  return { files: Object.keys(files).sort(), read: (path) => files[path]! };
}

const before = `// orders
exports.handler = async (event, context) => {
  const total = event.items.reduce((sum, n) => sum + n, 0);
  return { total };
};

function helper() {
  return 1;
}
`;

describe('learnPatterns', () => {
  it('turns each changed region into whole lines that occur once, and replaying them reproduces the fix', () => {
    const after = before
      .replace('async (event, context)', 'async (event)')
      .replace('  return 1;\n', '  // one, always\n  return 1;\n');
    const patterns = learnPatterns(before, after, '**/*.js', 'index.js');
    expect(patterns).toHaveLength(2);
    expect(patterns[0]).toEqual({
      files: '**/*.js',
      before: 'exports.handler = async (event, context) => {\n',
      after: 'exports.handler = async (event) => {\n',
      learnedFrom: 'index.js',
    });
    // A pure addition needs a neighbouring line to say where it goes.
    expect(patterns[1]!.before).toBe('function helper() {\n');
    let text = before;
    for (const p of patterns) text = applyPattern(text, p).text;
    expect(text).toBe(after);
  });

  it('widens the context until the removed lines are unique in the file', () => {
    const text = 'a() {\n  x();\n}\nb() {\n  x();\n}\n';
    const fixed = 'a() {\n  x();\n}\nb() {\n  y();\n}\n';
    const [pattern] = learnPatterns(text, fixed, '**/*.js');
    expect(pattern!.before).toBe('b() {\n  x();\n');
    expect(applyPattern(text, pattern!).text).toBe(fixed);
  });

  it('learns nothing from an unchanged file', () => {
    expect(learnPatterns(before, before, '**/*.js')).toEqual([]);
  });
});

describe('applyPattern', () => {
  it('matches whole lines only and is idempotent, also when the fix keeps the old lines', () => {
    const addition = { before: 'run();\n', after: 'run();\nlog();\n' };
    const once = applyPattern('run();\nrerun();\n', addition).text;
    expect(once).toBe('run();\nlog();\nrerun();\n');
    expect(applyPattern(once, addition).text).toBe(once);
  });
});

describe('learned-rewrite codemod', () => {
  const patterns = [
    {
      files: '**/*.js',
      before: 'exports.handler = async (event, context) => {\n',
      after: 'exports.handler = async (event) => {\n',
    },
  ];

  it('rewrites only matching files, reports where, and a second run changes nothing', async () => {
    const codemod = await loadCodemod('learned-rewrite');
    const repo = view({ 'a.js': before, 'b.ts': before, 'c.js': 'other\n' });
    expect(codemod.candidates(repo, { patterns })).toEqual(['a.js']);
    const result = await codemod.run(repo, { patterns, item: 'ki-00000001' });
    expect([...result.changes.keys()]).toEqual(['a.js']);
    expect(result.changes.get('a.js')).toBe(before.replace('(event, context)', '(event)'));
    expect(result.findings).toEqual([
      expect.objectContaining({ file: 'a.js', line: 2, rule: 'atx/learned-rewrite', severity: 'info' }),
    ]);
    const again = await codemod.run(view({ 'a.js': result.changes.get('a.js')! }), { patterns });
    expect(again.changes.size).toBe(0);
  });

  it('leaves a file alone when the patterns would feed each other forever', async () => {
    const codemod = await loadCodemod('learned-rewrite');
    const loop = [{ files: '*.txt', before: 'x\ny\n', after: 'x\n' }];
    const result = await codemod.run(view({ 'a.txt': 'x\ny\ny\n' }), { patterns: loop });
    expect(result.changes.size).toBe(0);
    expect(result.findings[0]).toMatchObject({ rule: 'atx/learned-rewrite-unsettled', severity: 'manual' });
  });

  it('rejects malformed options with a clear error', async () => {
    const codemod = await loadCodemod('learned-rewrite');
    await expect(async () => codemod.run(view({}), { patterns: [{ files: '*.js' }] })).rejects.toThrow(
      /learned-rewrite: option patterns/,
    );
  });
});

describe('globs', () => {
  it('match the way .gitignore does', () => {
    expect(matchesGlob('legacy/', 'legacy/a.js')).toBe(true);
    expect(matchesGlob('legacy', 'src/legacy/deep/a.js')).toBe(true);
    expect(matchesGlob('legacy/', 'legacyx/a.js')).toBe(false);
    expect(matchesGlob('src/legacy', 'legacy/a.js')).toBe(false);
    expect(matchesGlob('**/*.js', 'a/b/c.js')).toBe(true);
    expect(matchesGlob('**/*.js', 'c.js')).toBe(true);
    expect(matchesGlob('src/*.js', 'src/a/b.js')).toBe(false);
  });
});
