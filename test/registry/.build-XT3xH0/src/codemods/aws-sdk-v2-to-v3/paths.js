// Which files the conversion reads as code, and which of them it leaves to others: vendored
// packages, type declarations and build output. One list, for the conversion and its report.
import { buildOutputFolders, dependencyFolders, insideFolders } from '../../util/excluded-folders.js';
export const code = /\.(?:[cm]?[jt]s|[jt]sx)$/;
export const vendored = insideFolders(dependencyFolders);
export const declarations = /\.d\.[cm]?ts$/;
export const buildOutput = insideFolders(buildOutputFolders);
/** A source file the conversion edits. */
export function isSource(path) {
    return code.test(path) && !vendored.test(path) && !buildOutput.test(path) && !declarations.test(path);
}
