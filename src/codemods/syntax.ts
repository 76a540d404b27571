// Parsing for codemods: how a file's name says to read it, and whether what was read parses
// (TypeScript's parser gives a tree even for text with syntax errors; codemods must not edit by it).
import { ts } from '../util/typescript.cjs';

/** The first syntax error of a parsed file, with its 1-based line, or undefined when it parses. */
export function syntaxError(sf: ts.SourceFile): { line: number; message: string } | undefined {
  const [error] = (sf as unknown as { parseDiagnostics?: readonly ts.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
  if (!error) return undefined;
  return {
    line: sf.getLineAndCharacterOfPosition(error.start).line + 1,
    message: ts.flattenDiagnosticMessageText(error.messageText, ' '),
  };
}

/** How the compiler reads a file by its name: TypeScript for .ts/.mts/.cts, JSX forms for .tsx/.jsx, else JavaScript. */
export function scriptKind(path: string): ts.ScriptKind {
  if (/\.tsx$/.test(path)) return ts.ScriptKind.TSX;
  if (/\.[mc]?ts$/.test(path)) return ts.ScriptKind.TS;
  return /\.jsx$/.test(path) ? ts.ScriptKind.JSX : ts.ScriptKind.JS;
}
