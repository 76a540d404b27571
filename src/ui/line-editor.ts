// The prompt's line as plain data, and what each key does to it. Kept out of React: keys can
// arrive faster than ink redraws (a paste, `tmux send-keys`, a busy machine), so each key must
// see the line as the keys before it left it, not as it was last drawn.
import type { Key } from 'ink';

export interface Line {
  text: string;
  /** Where the next character goes: 0 … text.length. */
  cursor: number;
}

export const emptyLine: Line = { text: '', cursor: 0 };

/** The line after one key, and the answers it completed (Enter, or line breaks in a paste). */
export function applyKey(line: Line, input: string, key: Key): { line: Line; answers: string[] } {
  const same = { line, answers: [] };
  if (key.return) return submit(line.text);
  if (key.backspace || key.delete) {
    // Terminals send Backspace as DEL (0x7f), which ink names `delete`: both erase backwards.
    if (line.cursor === 0) return same;
    return moved(line.text.slice(0, line.cursor - 1) + line.text.slice(line.cursor), line.cursor - 1);
  }
  if (key.leftArrow) return moved(line.text, Math.max(0, line.cursor - 1));
  if (key.rightArrow) return moved(line.text, Math.min(line.text.length, line.cursor + 1));
  if (key.home || (key.ctrl && input === 'a')) return moved(line.text, 0);
  if (key.end || (key.ctrl && input === 'e')) return moved(line.text, line.text.length);
  if (key.ctrl && input === 'u') return moved(line.text.slice(line.cursor), 0);
  if (key.ctrl || key.meta || key.tab || key.escape || key.upArrow || key.downArrow || key.pageUp || key.pageDown) return same;
  // Bracketed-paste markers reach here without their escape byte.
  if (/^\[20[01]~$/.test(input)) return same;
  return typed(line, input);
}

function moved(text: string, cursor: number): { line: Line; answers: string[] } {
  return { line: { text, cursor }, answers: [] };
}

function submit(text: string): { line: Line; answers: string[] } {
  // An empty Enter answers nothing; the question stays open.
  return { line: emptyLine, answers: text.trim() ? [text] : [] };
}

/** Text typed or pasted at the cursor; each line break in it ends an answer. */
function typed(line: Line, input: string): { line: Line; answers: string[] } {
  const pieces = input.replace(/\t/g, ' ').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').split(/\r\n|\r|\n/);
  const before = line.text.slice(0, line.cursor);
  const after = line.text.slice(line.cursor);
  if (pieces.length === 1) return moved(before + pieces[0] + after, line.cursor + pieces[0]!.length);
  const answers = [before + pieces[0], ...pieces.slice(1, -1)].filter((answer) => answer.trim());
  const last = pieces.at(-1)!;
  return { line: { text: last + after, cursor: last.length }, answers };
}
