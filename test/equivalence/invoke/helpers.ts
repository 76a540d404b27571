// Helpers for the invoker's tests: a checkout of small handler files in a temporary folder and
// one call of invokeHandler on one of them (under the Node.js running the tests; `major` picks
// the runtime contract). The invoker runs dist/equivalence/invoke/child.js: `npm run build` first.
// ATX_TEST_NODE_22 / ATX_TEST_NODE_24 (paths to node binaries of those majors) run the suite
// under the real runtimes' Node.js instead.
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import { invokeHandler, type InvocationRecord, type InvokeJob } from '../../../src/equivalence/invoke/index.js';
import { tempDir, writeFiles } from '../../helpers/cli.js';

const childScript = fileURLToPath(new URL('../../../dist/equivalence/invoke/child.js', import.meta.url));

/** A checkout holding `files`, made before the suite's tests and removed after them. */
export function checkout(files: Record<string, string>): { root: () => string } {
  let root = '';
  beforeAll(async () => {
    if (!existsSync(childScript)) throw new Error(`${childScript} is missing: run npm run build first`);
    root = await tempDir('atx-invoke-test-');
    await writeFiles(root, files);
  });
  afterAll(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });
  return { root: () => root };
}

export function invoke(
  root: string,
  file: string,
  major: number,
  extra: Partial<InvokeJob> = {},
): Promise<InvocationRecord> {
  return invokeHandler({
    nodeBinary: process.env[`ATX_TEST_NODE_${major}`] || process.execPath,
    major,
    root,
    file,
    exportName: 'handler',
    event: { id: 7 },
    answers: { rules: [] },
    timeoutMs: 3000,
    ...extra,
  });
}
