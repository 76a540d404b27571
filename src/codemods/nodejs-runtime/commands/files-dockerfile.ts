// Dockerfile RUN, CMD and ENTRYPOINT (https://docs.docker.com/reference/dockerfile/): the shell
// form is a shell command (with `\` line continuations), the exec form a JSON array run without
// a shell. The folder they run in is the image's WORKDIR, not a folder of the repository.
import { ts } from '../../../util/typescript.cjs';
import { baseName } from '../../runtime-upgrade/scope.js';
import { continuedLines, mentionsTools, type CommandFile } from './files.js';
import type { Word } from './shell.js';
import { plainSnippet, type Snippet } from './snippet.js';

const instruction = /^([ \t]*)(RUN|CMD|ENTRYPOINT)([ \t]+)/i;

interface Instruction {
  /** Offset of the arguments, and the end of the instruction (its last continuation line). */
  start: number;
  end: number;
  keyword: string;
}

function instructions(text: string): Instruction[] {
  return continuedLines(text, (line) => instruction.test(line)).map(({ start, end, line }) => {
    const match = instruction.exec(line)!;
    return { start: start + match[0].length, end, keyword: match[2]!.toUpperCase() };
  });
}

/** RUN options (`--mount=…`, `--network=…`) come before the command. */
function commandStart(text: string, item: Instruction): number {
  if (item.keyword !== 'RUN') return item.start;
  const options = /^(--[\w-]+=\S*[ \t]+)*/.exec(text.slice(item.start, item.end))![0];
  return item.start + options.length;
}

function isExecForm(text: string, start: number): boolean {
  return text[start] === '[';
}

/** The string elements of an exec-form JSON array, as words in file offsets. */
function execWords(text: string, start: number, end: number): Word[] | undefined {
  const source = text.slice(start, end);
  const file = ts.parseJsonText('exec.json', source);
  const array = file.statements[0]?.expression;
  if (
    !array ||
    !ts.isArrayLiteralExpression(array) ||
    (file as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics.length > 0
  )
    return undefined;
  const words: Word[] = [];
  for (const element of array.elements) {
    if (!ts.isStringLiteral(element)) return undefined;
    const literalStart = start + element.getStart(file);
    const literalEnd = start + element.end;
    const offsets: number[] = [];
    let value = '';
    for (let i = literalStart + 1; i < literalEnd - 1;) {
      const escape = text[i] === '\\' ? (text[i + 1] === 'u' ? 6 : 2) : 1;
      value += escape === 1 ? text[i] : JSON.parse(`"${text.slice(i, i + escape)}"`);
      offsets.push(i);
      i += escape;
    }
    // Offsets of escaped characters are not contiguous, so an edit inside them is refused.
    words.push({ start: literalStart, end: literalEnd, value, offsets, expands: false, quoted: true });
  }
  return words.length === 0 ? undefined : words;
}

export const dockerfile: CommandFile = {
  name: 'dockerfile',
  named: (path) => /^(dockerfile|containerfile)([.-][\w.-]+)?$|\.(dockerfile|containerfile)$/i.test(baseName(path)),
  mentions: (text) => mentionsTools.test(text),
  snippets(_path, text) {
    const out: Snippet[] = [];
    for (const item of instructions(text)) {
      const start = commandStart(text, item);
      if (!isExecForm(text, start)) out.push(plainSnippet(text, start, item.end, 'shell', undefined));
    }
    return out;
  },
  argv(_path, text) {
    const out: Word[][] = [];
    for (const item of instructions(text)) {
      const start = commandStart(text, item);
      if (!isExecForm(text, start)) continue;
      const words = execWords(text, start, item.end);
      if (words) out.push(words);
    }
    return out;
  },
};
