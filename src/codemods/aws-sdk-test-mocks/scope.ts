// Which files are tests that fake v2, what the test runner's configuration resets between tests,
// and the fakes that are only reported (stubs on a v2 client's prototype).
import { posix } from 'node:path';
import { ts } from '../../util/typescript.cjs';
import { isSource } from '../aws-sdk-v2-to-v3/paths.js';
import type { Finding, RepoView } from '../types.js';
import type { TestFile } from './file.js';
import type { Resets } from './jest-mock.js';

const testPath = /(?:^|\/)(?:tests?|__tests__|spec)\/|\.(?:test|spec)\.[cm]?[jt]sx?$/;
const testOnly = /['"`]aws-sdk-mock['"`]|\b(?:jest|vi)\.(?:do)?mock\s*\(\s*['"`]aws-sdk['"`/]/;

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

const relativeImport = /(?:\bfrom\s*|\brequire\s*\(\s*|\bimport\s*\(\s*|^\s*import\s*)['"](\.{1,2}\/[^'"]+)['"]/gm;
const extensions = ['', '.js', '.ts', '.mjs', '.cjs', '.jsx', '.tsx', '.mts', '.cts'];

/** The repository file a relative import names, if any. */
function resolve(files: ReadonlySet<string>, from: string, spec: string): string | undefined {
  const base = posix.normalize(posix.join(posix.dirname(from), spec));
  // TypeScript's ESM imports name the .js the .ts becomes
  const stems = [base, base.replace(/\.[cm]?js$/, '')];
  for (const stem of stems) {
    for (const ext of extensions) if (files.has(stem + ext)) return stem + ext;
    for (const ext of extensions.slice(1)) if (files.has(`${stem}/index${ext}`)) return `${stem}/index${ext}`;
  }
  return undefined;
}

/**
 * The code under test that still loads v2 (the SDK codemod kept a client on v2): a module the test
 * imports, directly or through other modules of the repository. Its fake must stay a v2 fake.
 */
export function codeOnV2(
  repo: RepoView,
  files: ReadonlySet<string>,
  path: string,
  text: string,
  loadsV2: (file: string, text: string) => boolean,
): { line: number; module: string } | undefined {
  const seen = new Set<string>([path]);
  for (const m of text.matchAll(relativeImport)) {
    const root = resolve(files, path, m[1]);
    const queue = root ? [root] : [];
    while (queue.length) {
      const file = queue.shift()!;
      if (seen.has(file) || !isSource(file)) continue;
      seen.add(file);
      const body = repo.read(file);
      if (loadsV2(file, body)) return { line: text.slice(0, m.index).split('\n').length, module: file };
      for (const next of body.matchAll(relativeImport)) {
        const found = resolve(files, file, next[1]);
        if (found) queue.push(found);
      }
    }
  }
  return undefined;
}
