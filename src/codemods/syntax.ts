// TypeScript's parser gives a tree even for text with syntax errors; codemods must not edit by it.
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
