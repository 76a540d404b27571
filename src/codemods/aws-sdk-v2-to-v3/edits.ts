// Text edits on the original source: every rewrite is a small replacement, so code the codemod
// does not understand keeps its exact bytes and nested rewrites never collide.
import { ts } from '../../util/typescript.cjs';

interface Edit {
  start: number;
  end: number;
  text: string;
  seq: number;
}

export class Edits {
  private readonly list: Edit[] = [];

  constructor(readonly text: string) {}

  replace(start: number, end: number, text: string): void {
    this.list.push({ start, end, text, seq: this.list.length });
  }

  insert(pos: number, text: string): void {
    this.replace(pos, pos, text);
  }

  /** Replace a node's text (without its leading trivia). */
  replaceNode(node: ts.Node, text: string, sf: ts.SourceFile): void {
    this.replace(node.getStart(sf), node.getEnd(), text);
  }

  /** Remove a statement together with its line when it stands alone on it. */
  removeStatement(node: ts.Node, sf: ts.SourceFile): void {
    const [start, end] = wholeLines(this.text, node.getStart(sf), node.getEnd());
    // between two blank lines, take one of them too so no double gap is left
    // (at the top of the file, the gap after it alone)
    const gapAfter =
      end > node.getEnd() &&
      /^\r?\n/.test(this.text.slice(end)) &&
      (start === 0 || /\n\r?\n$/.test(this.text.slice(0, start)));
    this.replace(start, gapAfter ? end + (this.text[end] === '\r' ? 2 : 1) : end, '');
  }

  get size(): number {
    return this.list.length;
  }

  /** Apply all edits; overlapping replacements are a bug in the codemod, so they throw. */
  apply(): string {
    const sorted = [...this.list].sort((a, b) => a.start - b.start || a.end - b.end || a.seq - b.seq);
    let out = '';
    let pos = 0;
    for (const edit of sorted) {
      if (edit.start < pos) throw new Error(`aws-sdk-v2-to-v3: overlapping edits at ${edit.start}`);
      out += this.text.slice(pos, edit.start) + edit.text;
      pos = edit.end;
    }
    return out + this.text.slice(pos);
  }
}

/** Widen [start, end) to whole lines when only whitespace surrounds it on its lines. */
export function wholeLines(text: string, start: number, end: number): [number, number] {
  let lineStart = start;
  while (lineStart > 0 && (text[lineStart - 1] === ' ' || text[lineStart - 1] === '\t')) lineStart--;
  let lineEnd = end;
  while (lineEnd < text.length && (text[lineEnd] === ' ' || text[lineEnd] === '\t')) lineEnd++;
  const startsLine = lineStart === 0 || text[lineStart - 1] === '\n';
  const endsLine = lineEnd === text.length || text[lineEnd] === '\n' || text[lineEnd] === '\r';
  if (!startsLine || !endsLine) return [start, end];
  if (text[lineEnd] === '\r') lineEnd++;
  if (text[lineEnd] === '\n') lineEnd++;
  return [lineStart, lineEnd];
}

/** Indentation of the line a position is on. */
export function indentAt(text: string, pos: number): string {
  const lineStart = text.lastIndexOf('\n', pos - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

export function lineOf(sf: ts.SourceFile, pos: number): number {
  return sf.getLineAndCharacterOfPosition(pos).line + 1;
}
