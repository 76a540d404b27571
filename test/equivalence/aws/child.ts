// Runs a handler in a fresh Node.js process after installAwsInterception (from the built dist/),
// in a temporary folder with no node_modules, or with the project's node_modules reachable.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AnswerTable, AwsCall } from '../../../src/equivalence/aws/index.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const dist = join(root, 'dist/equivalence/aws/index.js');

export interface ChildResult {
  calls: AwsCall[];
  /** whether @aws-sdk/client-s3 resolves from the handler's folder */
  realSdk: boolean;
  value?: any;
  error?: Record<string, unknown>;
  stderr: string;
}

const runner = `
const [indexUrl, file, answers] = process.argv.slice(2);
const { installAwsInterception } = await import(indexUrl);
const calls = [];
installAwsInterception({ answers: JSON.parse(answers), onCall: (c) => calls.push(c) });
const { createRequire } = await import('node:module');
const { pathToFileURL } = await import('node:url');
const mod = /\\.mjs$/.test(file) ? await import(pathToFileURL(file).href) : createRequire(file)(file);
const out = { calls };
try {
  createRequire(file).resolve('@aws-sdk/client-s3');
  out.realSdk = true;
} catch {
  out.realSdk = false;
}
try {
  out.value = await mod.handler({});
} catch (e) {
  out.error = { ...e, name: e.name, message: e.message, code: e.code, statusCode: e.statusCode, $metadata: e.$metadata, $fault: e.$fault, ctor: e.constructor.name, isError: e instanceof Error };
}
process.stdout.write(JSON.stringify(out));
`;

/** Write `files` to a new folder, run `handler` (a file among them) there, return its calls and outcome. */
export async function runHandler(
  files: Record<string, string>,
  handler: string,
  answers: AnswerTable,
  options: { nodeModules?: boolean; nodeArgs?: string[] } = {},
): Promise<ChildResult> {
  if (!existsSync(dist)) throw new Error(`${dist} is missing: run npm run build first`);
  const dir = await mkdtemp(join(tmpdir(), 'atx-eq-aws-'));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  await writeFile(join(dir, 'runner.mjs'), runner);
  if (options.nodeModules) await symlink(join(root, 'node_modules'), join(dir, 'node_modules'));
  const args = [
    ...(options.nodeArgs ?? []),
    join(dir, 'runner.mjs'),
    pathToFileURL(dist).href,
    join(dir, handler),
    JSON.stringify(answers),
  ];
  const { stdout, stderr } = await new Promise<{ stdout: string; stderr: string }>((resolve, reject) =>
    execFile(process.execPath, args, { cwd: dir, env: { PATH: process.env.PATH ?? '' } }, (err, stdout, stderr) =>
      err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve({ stdout, stderr }),
    ),
  );
  return { ...(JSON.parse(stdout) as Omit<ChildResult, 'stderr'>), stderr };
}
