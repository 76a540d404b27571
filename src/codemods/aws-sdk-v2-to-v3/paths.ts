// Which files the conversion reads as code, and which of them it leaves to others: vendored
// packages, type declarations and build output. One list, for the conversion and its report.
export const code = /\.(?:[cm]?[jt]s|[jt]sx)$/;
export const vendored = /(?:^|\/)node_modules\//;
export const declarations = /\.d\.[cm]?ts$/;
export const buildOutput = /(?:^|\/)(?:dist|build|coverage|\.aws-sam|cdk\.out)\//;

/** A source file the conversion edits. */
export function isSource(path: string): boolean {
  return code.test(path) && !vendored.test(path) && !buildOutput.test(path) && !declarations.test(path);
}
