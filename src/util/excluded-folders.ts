// Folders whose files are not the project's own source, in named parts. The parts stay apart
// because what a reader skips differs for a reason: the SDK conversion edits code wherever it
// lies but in dependencies and build output (code in docs/ or fixtures/ may run, and the person
// reviews the change), while a reader of Lambda functions finds only examples and expected output
// in documentation and fixtures, not the configuration that is deployed.

/** Installed packages. */
export const dependencyFolders: readonly string[] = ['node_modules'];

/** Written by a build, a SAM or CDK synth, or a test coverage run: rebuilt from the sources, never edited. */
export const buildOutputFolders: readonly string[] = ['dist', 'build', 'coverage', '.aws-sam', 'cdk.out'];

/** What the Serverless Framework and Terraform keep of a packaging or a deploy. */
export const deployStateFolders: readonly string[] = ['.serverless', '.terraform'];

/** Where a runtime or a handler is content, not configuration: documentation, fixtures, test data, vendored copies. */
export const contentFolders: readonly string[] = ['docs', 'doc', 'fixtures', '__fixtures__', 'testdata', 'test-data', '__snapshots__', 'vendor'];

/** Every part above: what is not the project's own source, for a reader of its deployed configuration. */
export const notSourceFolders: readonly string[] = [...dependencyFolders, ...buildOutputFolders, ...deployStateFolders, ...contentFolders];

/** Matches a repository-relative path (`/`-separated) that lies in a folder named as one of `folders`, at any depth. */
export function insideFolders(folders: readonly string[]): RegExp {
  return new RegExp(`(?:^|/)(?:${folders.map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})/`);
}
