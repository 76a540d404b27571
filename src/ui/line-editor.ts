// The prompt's line as plain data, and what each key does to it. Kept out of React: keys can
// arrive faster than ink redraws (a paste, `tmux send-keys`, a busy machine), so each key must
// see the line as the keys before it left it, not as it was last drawn.
import type { Key } from 'ink';

export interface Line {
  text: string;
  /** Where the next character goes: 0 … text.length. */
  cursor: number;
  /** Inside a bracketed paste (between ESC[200~ and ESC[201~). */
  pasting?: boolean;
}

export const emptyLine: Line = { text: '', cursor: 0 };

export interface EditMode {
  /** The question takes a document or a description: a pasted block stays one answer. */
  multiline?: boolean;
  /** A run is going and asks nothing: Enter keeps the line instead of sending it. */
  hold?: boolean;
}

/** The line after one key, and the answers it completed (Enter, or line breaks in a paste). */
export function applyKey(line: Line, input: string, key: Key, mode: EditMode = {}): { line: Line; answers: string[] } {
  const same = { line, answers: [] };
  // Bracketed-paste markers reach here without their escape byte.
  if (/^\[200~$/.test(input)) return { line: { ...line, pasting: true }, answers: [] };
  if (/^\[201~$/.test(input)) {
    const ended = { ...line, pasting: false };
    // A pasted block that ends in a line break is sent, as Enter after it would.
    if (mode.multiline && !mode.hold && /\n$/.test(line.text)) return submit(ended.text.replace(/\s+$/, ''));
    return { line: ended, answers: [] };
  }
  if (key.return) {
    if (line.pasting) return typed(line, '\n', mode);
    // Held: the line stays; a space keeps the next words apart from these.
    if (mode.hold)
      return line.text.trim() && !/\s$/.test(line.text) && line.cursor === line.text.length
        ? moved(line, `${line.text} `, line.cursor + 1)
        : same;
    return submit(line.text);
  }
  if (key.backspace || key.delete) {
    // Terminals send Backspace as DEL (0x7f), which ink names `delete`: both erase backwards.
    if (line.cursor === 0) return same;
    return moved(line, line.text.slice(0, line.cursor - 1) + line.text.slice(line.cursor), line.cursor - 1);
  }
  if (key.leftArrow) return moved(line, line.text, Math.max(0, line.cursor - 1));
  if (key.rightArrow) return moved(line, line.text, Math.min(line.text.length, line.cursor + 1));
  if (key.home || (key.ctrl && input === 'a')) return moved(line, line.text, 0);
  if (key.end || (key.ctrl && input === 'e')) return moved(line, line.text, line.text.length);
  if (key.ctrl && input === 'u') return moved(line, line.text.slice(line.cursor), 0);
  if (key.ctrl || key.meta || key.tab || key.escape || key.upArrow || key.downArrow || key.pageUp || key.pageDown)
    return same;
  return typed(line, input, mode);
}

function moved(line: Line, text: string, cursor: number): { line: Line; answers: string[] } {
  return { line: { ...line, text, cursor }, answers: [] };
}

function submit(text: string): { line: Line; answers: string[] } {
  // An empty Enter answers nothing; the question stays open.
  return { line: emptyLine, answers: text.trim() ? [text.trimEnd()] : [] };
}

/**
 * Text typed or pasted at the cursor. Each line break in it ends an answer, except inside a
 * paste where the question takes a document (the block stays one answer), and while a run
 * goes on (the lines are held, joined, until atx asks).
 */
function typed(line: Line, input: string, mode: EditMode): { line: Line; answers: string[] } {
  const clean = input.replace(/\t/g, ' ').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
  const before = line.text.slice(0, line.cursor);
  const after = line.text.slice(line.cursor);
  if (line.pasting && mode.multiline) {
    const text = clean.replace(/\r\n|\r/g, '\n');
    return moved(line, before + text + after, line.cursor + text.length);
  }
  const pieces = clean.split(/\r\n|\r|\n/);
  if (pieces.length === 1) return moved(line, before + pieces[0] + after, line.cursor + pieces[0]!.length);
  if (mode.hold) {
    const joined = clean.replace(/[\r\n]+/g, ' ');
    return moved(line, before + joined + after, line.cursor + joined.length);
  }
  const answers = [before + pieces[0], ...pieces.slice(1, -1)].filter((answer) => answer.trim());
  const last = pieces.at(-1)!;
  return { line: { ...line, text: last + after, cursor: last.length }, answers };
}
