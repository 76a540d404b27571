// The codemod's options: the Python version a project moves to, the one it runs on today, and
// the paths a run is limited to (read as every runtime upgrade step reads them).
import { UsageError } from '../../errors.js';
import { readTargetPython } from '../python-runtime/target.js';
import { parsePython } from '../python-runtime/versions.js';
import { readPaths } from '../runtime-upgrade/paths.js';

export const DEFAULT_TARGET = '3.13';

export interface PythonOptions {
  /** Python 3 minor: 13 for 3.13. */
  target: number;
  /** The oldest minor the project runs on today, if known. */
  source?: number;
  paths: string[];
}

/** Removals before 3.8 are not in the tables: with no source version, they start here. */
const OLDEST = 8;

/** "3.13", "python3.13", "3.13.1", "3.13.x" or the number 3.12: the minor, or undefined (read as the Python family reads it). */
export function readPythonVersion(value: unknown, option: string): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  // 3.10 written as a number is 3.1: here that minor has to be written as a string.
  if (value === 3.1)
    throw new UsageError(
      `${option} is the number 3.1, which is also what 3.10 becomes as a number: write it as a string ("3.10")`,
    );
  if (typeof value !== 'number' && typeof value !== 'string')
    throw new UsageError(`${option} must be a Python version such as "3.13"`);
  const read = readTargetPython(typeof value === 'string' ? value.replace(/\.x$/i, '') : value);
  const version = read === undefined ? undefined : parsePython(read);
  if (version === undefined || Math.floor(version / 100) !== 3)
    throw new UsageError(`${option} "${String(value)}" is not a Python 3 version such as "3.13"`);
  return version % 100;
}

export const label = (minor: number): string => `3.${minor}`;

/** Validates the options; a bad value is the user's input, so it is a UsageError. */
export function resolveOptions(options: Record<string, unknown>): PythonOptions {
  const target = readPythonVersion(options.targetVersion, 'targetVersion') ?? Number(DEFAULT_TARGET.slice(2));
  const source = readPythonVersion(options.sourceVersion, 'sourceVersion');
  if (source !== undefined && source > target)
    throw new UsageError(
      `sourceVersion ${label(source)} is newer than targetVersion ${label(target)}: the source is the version the project runs on today`,
    );
  return { target, source, paths: readPaths(options) };
}

/** Whether a change made in `version` lies after the source and at or before the target. */
export function inRange(version: number, options: Pick<PythonOptions, 'target' | 'source'>): boolean {
  return version > (options.source ?? OLDEST - 1) && version <= options.target;
}
