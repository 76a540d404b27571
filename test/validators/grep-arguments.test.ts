// A search pattern comes from a definition, which anyone in the team registry may have written:
// it reaches `git grep` as one argument, never through a shell. Shell syntax in it runs nothing
// and is searched for as the regular expression it is.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runValidator } from '../../src/validators/index.js';
import { criterion, makeRepo, type TempRepo } from './helpers.js';

let repo: TempRepo;
afterEach(() => repo?.cleanup());

const notes = [
  'deploy: echo "$(touch pwned-subst)"',
  'legacy: `touch pwned-backtick`',
  'chain: true; touch pwned-semicolon',
  'quote: it\'s "done"',
  'ALPHA first',
  'BETA second',
  '',
].join('\n');

const hostile: Array<{ pattern: string; marker: string; matches: string[] }> = [
  // As a regular expression `$` is an anchor: nothing can follow the end of a line.
  { pattern: '$(touch pwned-1)', marker: 'pwned-1', matches: [] },
  {
    pattern: '\\$\\(touch pwned-subst\\)',
    marker: 'pwned-subst',
    matches: ['notes.txt:1: deploy: echo "$(touch pwned-subst)"'],
  },
  {
    pattern: '`touch pwned-backtick`',
    marker: 'pwned-backtick',
    matches: ['notes.txt:2: legacy: `touch pwned-backtick`'],
  },
  {
    pattern: 'true; touch pwned-semicolon',
    marker: 'pwned-semicolon',
    matches: ['notes.txt:3: chain: true; touch pwned-semicolon'],
  },
  { pattern: `'; touch pwned-quote; echo '`, marker: 'pwned-quote', matches: [] },
  { pattern: `it's "done"`, marker: 'pwned-none', matches: [`notes.txt:4: quote: it's "done"`] },
  // git reads a pattern with a newline as two patterns, one per line; a shell would have run the second line.
  { pattern: 'ALPHA\ntouch pwned-newline', marker: 'pwned-newline', matches: ['notes.txt:5: ALPHA first'] },
];

describe('search patterns holding shell syntax', () => {
  it('run nothing and match as regular expressions, at the base commit and in the worktree', async () => {
    repo = makeRepo({ 'notes.txt': notes });
    const ctx = repo.ctx();
    for (const { pattern, marker, matches } of hostile) {
      const result = await runValidator(criterion({ validator: 'no-match', pattern }), ctx);
      expect(result.evidence[0].kind, pattern).toBe('search');
      expect(result.evidence[0].details.matches, pattern).toEqual(matches);
      expect(result.evidence[0].details.before, pattern).toEqual({
        lines: matches.length,
        files: matches.length ? { 'notes.txt': matches.length } : {},
      });
      expect(result.status, pattern).toBe(matches.length ? 'failed' : 'passed');
      for (const dir of [repo.worktree, repo.root, process.cwd()])
        expect(existsSync(join(dir, marker)), `${pattern} in ${dir}`).toBe(false);
    }
  });

  it('show the command as a person would type it when git grep fails', async () => {
    repo = makeRepo({ 'notes.txt': notes });
    // An unknown base commit: git grep refuses it, and the evidence names the command that ran.
    const result = await runValidator(
      criterion({ validator: 'no-match', pattern: `$(touch pwned) it's` }),
      repo.ctx({ baseCommit: 'f'.repeat(40) }),
    );
    expect(result.status).toBe('failed');
    expect(result.evidence[0].details).toMatchObject({
      command:
        'git -c core.hooksPath=/dev/null -c core.fsmonitor= -c safe.bareRepository=explicit -c core.quotePath=false grep --no-color -I --full-name -z -E -n ' +
        `-e '$(touch pwned) it'\\''s' ${'f'.repeat(40)} -- ':(glob,exclude)**/node_modules/**'`,
      exitCode: 128,
    });
    expect(existsSync(join(repo.worktree, 'pwned'))).toBe(false);
  });
});
