// Edits are spliced into the original text by offset, so everything around them stays as written.

import { applyEdits as apply, type Edit } from '../text-edits.js';

export type { Edit };

/** Overlapping edits would corrupt the file; the later one in text order wins. */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  return apply(text, edits, 'skip');
}

/** 1-based line of an offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** The span of the line around `offset`, including its newline. */
export function lineSpan(text: string, offset: number): { start: number; end: number } {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const newline = text.indexOf('\n', offset);
  return { start, end: newline === -1 ? text.length : newline + 1 };
}
