// The `paths` option of a runtime upgrade step: repository-relative folders, files or globs the
// run is limited to; empty means everything.
import { UsageError } from '../../errors.js';

export function readPaths(options: Record<string, unknown>): string[] {
  const paths = options.paths ?? [];
  if (!Array.isArray(paths) || paths.some((p) => typeof p !== 'string')) {
    throw new UsageError('paths must be a list of repository-relative folders, files or globs');
  }
  return (paths as string[]).map(normalisePath).filter((p) => p !== '');
}

function normalisePath(path: string): string {
  return path
    .replace(/\\/g, '/')
    .replace(/^\.\/+/, '')
    .replace(/\/+$/, '')
    .replace(/^\.$/, '');
}
