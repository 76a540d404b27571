// Which files are tests that fake v2, what the test runner's configuration resets between tests,
// and the fakes that are only reported (stubs on a v2 client's prototype).
import { posix } from 'node:path';
import { ts } from '../../util/typescript.cjs';
import { buildOutput, declarations, vendored } from '../aws-sdk-v2-to-v3/paths.js';
import type { Finding, RepoView } from '../types.js';
import type { TestFile } from './file.js';
import type { Resets } from './jest-mock.js';

const testPath = /(?:^|\/)(?:tests?|__tests__|spec)\/|\.(?:test|spec)\.[cm]?[jt]sx?$/;
const testOnly = /['"`]aws-sdk-mock['"`]|\b(?:jest|vi)\.(?:do)?mock\s*\(\s*['"`]aws-sdk['"`/]/;

export function excludedFile(path: string): boolean {
  return vendored.test(path) || buildOutput.test(path) || declarations.test(path);
}

export function isTestFile(path: string, text: string): boolean {
  return testPath.test(path) || testOnly.test(text);
}

const configName = /^(?:jest|vitest|vite)\.config\.[cm]?[jt]s$|^jest\.config\.json$/;
const clears = /["']?\bclearMocks["']?\s*:\s*true\b/;
const resets = /["']?\b(?:resetMocks|restoreMocks|mockReset)["']?\s*:\s*true\b/;

/** What the runner configured for the folders above `path` resets before each test. */
export function resetsFor(repo: RepoView, path: string): Resets {
  let found: Resets;
  for (const f of repo.files) {
    const dir = posix.dirname(f);
    if (dir !== '.' && !path.startsWith(`${dir}/`)) continue;
    const name = posix.basename(f);
    let text: string | undefined;
    if (configName.test(name)) text = repo.read(f);
    else if (name === 'package.json') {
      try {
        const jest = (JSON.parse(repo.read(f)) as { jest?: unknown }).jest;
        text = jest === undefined ? undefined : JSON.stringify(jest);
      } catch {
        text = undefined;
      }
    }
    if (!text) continue;
    if (resets.test(text)) return 'all';
    if (clears.test(text)) found = 'history';
  }
  return found;
}

/** A stub on a v2 client's prototype (`sinon.stub(AWS.S3.prototype, 'getObject')`): reported, never converted. */
export function prototypeStub(file: TestFile): Finding | undefined {
  let found: ts.Node | undefined;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (
      ts.isPropertyAccessExpression(node) &&
      node.name.text === 'prototype' &&
      ts.isPropertyAccessExpression(node.expression) &&
      /^(?:AWS|aws|sdk|AwsSdk)$/.test(node.expression.getText(file.sf).split('.')[0])
    ) {
      found = node;
    }
    ts.forEachChild(node, visit);
  };
  visit(file.sf);
  if (!found) return undefined;
  return file.finding(
    file.line(found),
    'prototype-stub',
    `left unchanged: a stub on the v2 client's prototype (${found.getText(file.sf)}); fake the v3 client with aws-sdk-client-mock by hand`,
  );
}
