// The shell reader finds the words a command really has, with offsets back into the text.
import { describe, expect, it } from 'vitest';
import { parseShell, shellWord } from '../../../src/codemods/nodejs-runtime/commands/shell.js';

const words = (text: string) => parseShell(text).map((command) => command.words.map((word) => word.value));

describe('parseShell', () => {
  it('splits on operators, removes quotes and drops comments and redirections', () => {
    expect(words(`NODE_OPTIONS="--a --b=1" node --test test/ && echo "done" # node --test x`)).toEqual([
      ['NODE_OPTIONS=--a --b=1', 'node', '--test', 'test/'],
      ['echo', 'done'],
    ]);
    expect(words(`cross-env A=1 c8 node --test 'test/' 2>&1 | tee out.log; node <in.txt a.js >> log`)).toEqual([
      ['cross-env', 'A=1', 'c8', 'node', '--test', 'test/'],
      ['tee', 'out.log'],
      ['node', 'a.js'],
    ]);
  });

  it('joins continued lines and skips here-document bodies', () => {
    expect(words('npm ci && \\\n    node --x app.mjs')).toEqual([
      ['npm', 'ci'],
      ['node', '--x', 'app.mjs'],
    ]);
    expect(words('cat <<EOF > x\nnode --test test/\nEOF\nnode a.js')).toEqual([['cat'], ['node', 'a.js']]);
  });

  it('keeps expansions as they are written and marks them', () => {
    const [command] = parseShell('export PATH="$(npm bin):$PATH"');
    expect(command!.words.map((word) => [word.value, word.expands])).toEqual([
      ['export', false],
      ['PATH=$(npm bin):$PATH', true],
    ]);
  });

  it('maps every character of a word back to the text', () => {
    const text = `node "--a" \\--b 'c d'`;
    for (const word of parseShell(text)[0]!.words) {
      expect(word.offsets.map((offset) => text[offset]).join('')).toBe(word.value);
      expect(text.slice(word.start, word.end)).toMatch(/^\S/);
    }
  });

  it('quotes a word only when the shell would split or expand it', () => {
    expect(shellWord('test/a.js')).toBe('test/a.js');
    expect(shellWord('test/**/*.test.js')).toBe('"test/**/*.test.js"');
    expect(words(`node --test ${shellWord('a b/$x/*.js')}`)).toEqual([['node', '--test', 'a b/$x/*.js']]);
  });
});
