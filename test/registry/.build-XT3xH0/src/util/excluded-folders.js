// Folders whose files are not the project's own source, in named parts. The parts stay apart
// because what a reader skips differs for a reason: the SDK conversion edits code wherever it
// lies but in dependencies and build output (code in docs/ or fixtures/ may run, and the person
// reviews the change), while a reader of Lambda functions finds only examples and expected output
// in documentation and fixtures, not the configuration that is deployed.
/** Installed packages. */
export const dependencyFolders = ['node_modules'];
/** Written by a SAM or CDK synth, a bundler or a test coverage run: rebuilt from the sources, never edited. */
export const generatedFolders = [
    'dist',
    'coverage',
    '.aws-sam',
    'cdk.out',
    '.esbuild',
    '.webpack',
    '.build',
];
/**
 * Written by a build, rebuilt from the sources, never edited. `build/` is also where some
 * projects keep their build scripts and Dockerfiles, so a reader of runtime declarations keeps it.
 */
export const buildOutputFolders = [...generatedFolders, 'build'];
/** What the Serverless Framework and Terraform keep of a packaging or a deploy. */
export const deployStateFolders = ['.serverless', '.terraform'];
/** Inputs and expected outputs of tests. */
export const fixtureFolders = ['fixtures', '__fixtures__'];
/** Where a runtime or a handler is content, not configuration: documentation, fixtures, test data, vendored copies. */
export const contentFolders = [
    'docs',
    'doc',
    ...fixtureFolders,
    'testdata',
    'test-data',
    '__snapshots__',
    'vendor',
];
/** Tests and their mocks: code that is run by a test runner, never deployed as a handler. */
export const testFolders = ['test', 'tests', '__tests__', '__mocks__'];
/** Every part above: what is not the project's own source, for a reader of its deployed configuration. */
export const notSourceFolders = [
    ...dependencyFolders,
    ...buildOutputFolders,
    ...deployStateFolders,
    ...contentFolders,
];
/** Matches a repository-relative path (`/`-separated) that lies in a folder named as one of `folders`, at any depth. */
export function insideFolders(folders) {
    return new RegExp(`(?:^|/)(?:${folders.map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})/`);
}
