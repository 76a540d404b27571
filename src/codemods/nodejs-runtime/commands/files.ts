// The kinds of files that hold Node.js command lines, and how each yields its commands:
// package.json scripts, Makefile recipes and shell scripts here; CI YAML in files-yaml.ts,
// Dockerfiles in files-dockerfile.ts.
import { ts } from '../../../util/typescript.cjs';
import { getProp, parseJson, propertyName, rootObject, stringStart } from '../../runtime-upgrade/json-doc.js';
import { baseName } from '../../runtime-upgrade/scope.js';
import { jsonStringSnippet, plainSnippet, type Snippet } from './snippet.js';
import type { Word } from './shell.js';

export interface CommandFile {
  name: string;
  /** By path alone, before the file is read. */
  named(path: string): boolean;
  /** A cheap test of the text: could it hold a command of interest? */
  mentions(text: string, path: string): boolean;
  /** The file's command texts; undefined when the file does not parse (it is left alone). */
  snippets(path: string, text: string): Snippet[] | undefined;
  /** Argument lists run without a shell (Dockerfile exec form), words in file offsets. */
  argv?(path: string, text: string): Word[][];
}

/** The tools whose commands the codemod looks at. */
export const mentionsTools = /\b(node|nodejs|npm|NODE_OPTIONS)\b/;

export function folderOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '' : path.slice(0, slash);
}

/** `scripts` of package.json; npm runs them in the package's folder. */
export const packageScripts: CommandFile = {
  name: 'package-json',
  named: (path) => baseName(path) === 'package.json',
  mentions: (text) => text.includes('"scripts"'),
  snippets(path, text) {
    const file = parseJson(path, text);
    const root = file && rootObject(file);
    if (!file || !root) return undefined;
    const scripts = getProp(root, 'scripts');
    if (!scripts || !ts.isObjectLiteralExpression(scripts)) return [];
    const out: Snippet[] = [];
    for (const prop of scripts.properties) {
      if (!propertyName(prop) || !ts.isPropertyAssignment(prop) || !ts.isStringLiteral(prop.initializer)) continue;
      const start = stringStart(file, prop.initializer);
      out.push(jsonStringSnippet(text, start, prop.initializer.end - 1, folderOf(path)));
    }
    return out;
  },
};

/**
 * Recipe lines of a Makefile: lines that start with a tab, with their `\` continuations, after
 * the `@`, `-` and `+` prefixes. make runs them from the Makefile's folder.
 */
export const makefile: CommandFile = {
  name: 'makefile',
  named: (path) => /^(GNUmakefile|makefile|Makefile)$|\.mk$/.test(baseName(path)),
  mentions: (text) => mentionsTools.test(text),
  snippets: (path, text) =>
    continuedLines(text, (line) => line.startsWith('\t')).map(({ start, end, line }) => {
      const prefix = /^\t[@+\-\s]*/.exec(line)![0].length;
      return plainSnippet(text, start + prefix, end, 'shell', folderOf(path));
    }),
};

/**
 * The lines `starts` accepts, each with the lines its trailing `\` continues onto (as make and
 * Dockerfiles read them): where it starts, where its last line ends (before any CR), and its first line.
 */
export function continuedLines(
  text: string,
  starts: (line: string) => boolean,
): Array<{ start: number; end: number; line: string }> {
  const out: Array<{ start: number; end: number; line: string }> = [];
  const lines = text.split('\n');
  let offset = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const start = offset;
    offset += line.length + 1;
    if (!starts(line)) continue;
    let end = start + line.replace(/\r$/, '').length;
    while (/\\\r?$/.test(lines[i]!) && i + 1 < lines.length) {
      i++;
      end = offset + lines[i]!.replace(/\r$/, '').length;
      offset += lines[i]!.length + 1;
    }
    out.push({ start, end, line });
  }
  return out;
}

/** Shell scripts: `*.sh`, `*.bash`, or an extensionless file with a sh/bash shebang. Where they run is unknown. */
export const shellScript: CommandFile = {
  name: 'shell-script',
  named: (path) => /\.(sh|bash)$/.test(path) || !baseName(path).includes('.'),
  mentions: (text, path) =>
    (/\.(sh|bash)$/.test(path) || /^#!\s*\S*\/(env\s+)?(ba)?sh\b/.test(text)) && mentionsTools.test(text),
  snippets: (_path, text) => [plainSnippet(text, 0, text.length, 'shell', undefined)],
};
