// Which files the Node.js codemods may look at: never documentation, fixtures, test data,
// snapshots, vendored or generated output, where a version number is content, not config.

const excludedDirs = new Set([
  'node_modules', 'docs', 'doc', 'fixtures', '__fixtures__', 'testdata', 'test-data', '__snapshots__',
  'cdk.out', '.aws-sam', '.serverless', 'dist', 'coverage', '.git', 'vendor', '.terraform',
]);

export function isExcluded(path: string): boolean {
  const parts = path.split('/');
  const base = parts[parts.length - 1].toLowerCase();
  if (parts.slice(0, -1).some((dir) => excludedDirs.has(dir.toLowerCase()))) return true;
  if (/\.(md|mdx|markdown|rst|adoc|txt|snap|lock)$/.test(base)) return true;
  return /^(changelog|changes|history|release[-_]?notes)(\.|$)/.test(base) || base === 'package-lock.json';
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
