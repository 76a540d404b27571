// JSON read with TypeScript's parse-only JSON scanner: it tolerates the comments and trailing
// commas of tsconfig files and gives offsets, so edits touch only the tokens they change.
import { ts } from '../../util/typescript.cjs';
import type { Edit } from './edits.js';

export type JsonFile = ts.JsonSourceFile;

export function parseJson(path: string, text: string): JsonFile | undefined {
  const file = ts.parseJsonText(path, text);
  const diagnostics = (file as unknown as { parseDiagnostics?: unknown[] }).parseDiagnostics ?? [];
  return diagnostics.length > 0 ? undefined : file;
}

export function rootObject(file: JsonFile): ts.ObjectLiteralExpression | undefined {
  const expression = file.statements[0]?.expression;
  return expression && ts.isObjectLiteralExpression(expression) ? expression : undefined;
}

export function propertyName(prop: ts.ObjectLiteralElementLike): string | undefined {
  if (!ts.isPropertyAssignment(prop)) return undefined;
  return ts.isStringLiteral(prop.name) || ts.isIdentifier(prop.name) ? prop.name.text : undefined;
}

/** The value of property `name` of `obj`, if `obj` is an object literal. */
export function getProp(obj: ts.Node | undefined, name: string): ts.Expression | undefined {
  if (!obj || !ts.isObjectLiteralExpression(obj)) return undefined;
  for (const prop of obj.properties) {
    if (propertyName(prop) === name && ts.isPropertyAssignment(prop)) return prop.initializer;
  }
  return undefined;
}

/** Offset where the string's text starts (after its opening quote). */
export function stringStart(file: JsonFile, literal: ts.StringLiteral): number {
  return literal.getStart(file) + 1;
}

/** Replaces the text inside a string literal's quotes. */
export function stringEdit(file: JsonFile, literal: ts.StringLiteral, replacement: string): Edit {
  const start = stringStart(file, literal);
  return { start, end: literal.end - 1, text: replacement };
}
