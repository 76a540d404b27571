// Which files the Node.js codemods may look at: never documentation, fixtures, test data,
// snapshots, vendored or generated output, where a version number is content, not config.
import {
  contentFolders,
  dependencyFolders,
  deployStateFolders,
  generatedFolders,
} from '../../util/excluded-folders.js';

// `build/` stays: build scripts and Dockerfiles that name a runtime often live there.
const excludedDirs = new Set([
  ...dependencyFolders,
  ...contentFolders,
  ...generatedFolders,
  ...deployStateFolders,
  '.git',
]);

export function isExcluded(path: string): boolean {
  const parts = path.split('/');
  const base = parts[parts.length - 1].toLowerCase();
  if (parts.slice(0, -1).some((dir) => excludedDirs.has(dir.toLowerCase()))) return true;
  // runtime.txt is a platform's version file (Heroku-style), not prose.
  if (/\.(md|mdx|markdown|rst|adoc|txt|snap|lock)$/.test(base) && base !== 'runtime.txt') return true;
  return /^(changelog|changes|history|release[-_]?notes)(\.|$)/.test(base) || base === 'package-lock.json';
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
