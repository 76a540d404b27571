// A Node.js of a given major for running a project's tests, taken from the npm registry's
// `node` package (its install script fetches the platform binary, also from the registry)
// and cached under <atxHome>/cache/node/<major>/ so later runs reuse it.
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import lockfile from 'proper-lockfile';
import { exists, writeJson } from '../util/fs.js';
import type { CommandRun } from '../util/proc.js';
import { runGuarded } from './shell.js';

export interface NodeInstall {
  /** The folder to put first on PATH. */
  binDir: string;
  /** `node --version` of that binary, e.g. v24.11.0. */
  version: string;
  /** 'machine': the running Node.js already is that major; 'cache': installed earlier; 'installed': now. */
  source: 'machine' | 'cache' | 'installed';
  /** The npm install that ran, when source is 'installed'. */
  install?: CommandRun;
}

export class NodeInstallError extends Error {
  constructor(
    message: string,
    readonly run?: CommandRun,
  ) {
    super(message);
    this.name = 'NodeInstallError';
  }
}

export interface InstallOptions {
  timeoutMs: number;
  signal?: AbortSignal;
}

/** Written last, so its presence means the install finished and the binary answered. */
const markerName = '.atx-node.json';

export function nodeCacheDir(atxHome: string, major: number): string {
  return join(atxHome, 'cache', 'node', String(major));
}

async function findBinary(dir: string): Promise<string | undefined> {
  for (const candidate of ['node_modules/node/bin/node', 'node_modules/.bin/node']) {
    if (await exists(join(dir, candidate))) return join(dir, candidate);
  }
  return undefined;
}

async function readCached(dir: string): Promise<NodeInstall | undefined> {
  try {
    const marker = JSON.parse(await readFile(join(dir, markerName), 'utf8')) as { binary: string; version: string };
    if (!(await exists(marker.binary))) return undefined;
    return { binDir: dirname(marker.binary), version: marker.version, source: 'cache' };
  } catch {
    return undefined;
  }
}

async function install(dir: string, major: number, options: InstallOptions): Promise<NodeInstall> {
  // --ignore-scripts=false: the binary arrives through the package's install script, which a
  // user's `ignore-scripts=true` would otherwise silently skip.
  const args = [
    'install',
    '--prefix',
    dir,
    '--no-save',
    '--no-package-lock',
    '--no-audit',
    '--no-fund',
    '--ignore-scripts=false',
    `node@${major}`,
  ];
  const run = await runGuarded(
    { file: 'npm', args },
    { cwd: dir, timeoutMs: options.timeoutMs, signal: options.signal },
  );
  if (run.exitCode !== 0)
    throw new NodeInstallError(`Installing node@${major} from the npm registry failed (exit ${run.exitCode})`, run);
  const binary = await findBinary(dir);
  if (!binary)
    throw new NodeInstallError(`node@${major} installed but no node binary was found under ${dir}/node_modules`, run);
  const check = await runGuarded({ file: binary, args: ['--version'] }, { cwd: dir, timeoutMs: 60_000 });
  const version = check.output.trim();
  if (check.exitCode !== 0 || !version.startsWith(`v${major}.`)) {
    throw new NodeInstallError(
      `The installed node binary does not run as Node.js ${major}: ${version || `exit ${check.exitCode}`}`,
      check,
    );
  }
  await writeJson(join(dir, markerName), { major, version, binary, installedAt: new Date().toISOString() });
  return { binDir: dirname(binary), version, source: 'installed', install: run };
}

/** The Node.js `major` to run tests with: the machine's own, a cached one, or a fresh install. */
export async function ensureNode(atxHome: string, major: number, options: InstallOptions): Promise<NodeInstall> {
  if (Number(process.versions.node.split('.')[0]) === major) {
    return { binDir: dirname(process.execPath), version: process.version, source: 'machine' };
  }
  const dir = nodeCacheDir(atxHome, major);
  const cached = await readCached(dir);
  if (cached) return cached;
  let release: () => Promise<void>;
  try {
    await mkdir(dir, { recursive: true });
    // Two runs (a campaign's parallel repositories) must not install into one folder at once;
    // the second waits, then finds the first one's marker.
    release = await lockfile.lock(dir, {
      stale: 60_000,
      retries: { retries: Math.ceil(options.timeoutMs / 1000), factor: 1, minTimeout: 1000, maxTimeout: 1000 },
      onCompromised: () => undefined,
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new NodeInstallError(`Cannot prepare the Node.js ${major} cache at ${dir}: ${reason}`);
  }
  try {
    return (await readCached(dir)) ?? (await install(dir, major, options));
  } finally {
    await release();
  }
}
