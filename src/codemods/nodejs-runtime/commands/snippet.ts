// A command as written inside a file (a JSON string, a YAML scalar, a Dockerfile line): the text
// the shell reads, and where each of its characters lies in the file, so edits of the command
// become edits of the file that keep every other byte.
import type { Edit } from '../../text-edits.js';

export interface Snippet {
  /** What the shell (or Node.js, for a NODE_OPTIONS value) reads. */
  text: string;
  /** File offset of each character of `text`, and the end of each. */
  starts: number[];
  ends: number[];
  /** File offset of the snippet, and just after its last character. */
  start: number;
  end: number;
  kind: 'shell' | 'node-options';
  /** Folder the command runs in, repository-relative; undefined when unknown. */
  cwd: string | undefined;
  /** Writes a replacement as it must appear in the file here (escapes, quoting). */
  encode(text: string): string;
  /** False when characters cannot be mapped one by one (folded YAML): only notes, no edits. */
  editable: boolean;
  /** A YAML flow scalar's whole range: an emptied value is written `""` there (bare, it would be null). */
  scalar?: { start: number; end: number };
}

/** A snippet that is the file's own text between `start` and `end`. */
export function plainSnippet(
  file: string,
  start: number,
  end: number,
  kind: Snippet['kind'],
  cwd: string | undefined,
): Snippet {
  const text = file.slice(start, end);
  const starts = Array.from({ length: text.length }, (_, i) => start + i);
  return { text, starts, ends: starts.map((s) => s + 1), start, end, kind, cwd, encode: (t) => t, editable: true };
}

/** The snippet's edits as edits of the file. */
export function fileEdits(snippet: Snippet, edits: readonly Edit[]): Edit[] {
  const at = (i: number) => (i < snippet.text.length ? snippet.starts[i]! : snippet.end);
  return edits.map((edit) => ({
    start: at(edit.start),
    end: edit.end > edit.start ? snippet.ends[edit.end - 1]! : at(edit.start),
    text: snippet.encode(edit.text),
  }));
}

/** File offset of a character of the snippet. */
export function fileOffset(snippet: Snippet, index: number): number {
  if (!snippet.editable) return snippet.start;
  return index < snippet.text.length ? snippet.starts[index]! : snippet.end;
}

/** The characters of a JSON string literal's content (`start` after the opening quote), decoded. */
export function jsonStringSnippet(file: string, start: number, end: number, cwd: string | undefined): Snippet {
  let text = '';
  const starts: number[] = [];
  const ends: number[] = [];
  for (let i = start; i < end;) {
    const c = file[i]!;
    let length = 1;
    let ch = c;
    if (c === '\\') {
      const e = file[i + 1]!;
      if (e === 'u') {
        length = 6;
        ch = String.fromCharCode(Number.parseInt(file.slice(i + 2, i + 6), 16));
      } else {
        length = 2;
        ch = ({ n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' } as Record<string, string>)[e] ?? e;
      }
    }
    text += ch;
    starts.push(i);
    ends.push(i + length);
    i += length;
  }
  const encode = (t: string) => JSON.stringify(t).slice(1, -1);
  return { text, starts, ends, start, end, kind: 'shell', cwd, encode, editable: true };
}
