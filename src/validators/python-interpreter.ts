// Finding the target Python on the machine without installing one: `python3.X` on PATH, in
// /usr/bin and /usr/local/bin, then pyenv's installed versions; each candidate is asked its
// version in isolated mode from a neutral folder, so nothing of the repository runs.
import { access, constants, readdir, stat } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { delimiter, isAbsolute, join } from 'node:path';
import type { CommandRun } from '../util/proc.js';
import { runGuarded, skipped } from './shell.js';
import type { ValidatorContext } from './types.js';

/** Where to look for `python<version>`; tests point it at folders of their own. */
export interface PythonLookup {
  /** Searched first, as PATH is; default process.env.PATH. */
  path?: string;
  /** Searched after it; default /usr/bin, /usr/local/bin. */
  dirs?: readonly string[];
  /** pyenv's folder, whose installed versions are searched last; default $PYENV_ROOT or ~/.pyenv. */
  pyenvRoot?: string;
}

/** An interpreter that said it is the target version; `executable` is its own path (a pyenv shim's real binary). */
export interface Python {
  version: string;
  found: string;
  executable: string;
}

const probeMs = 30_000;
// -I: no PYTHON* variables, no user site, no script folder on sys.path; with a neutral cwd no
// file of the repository is imported before the run may run the repository's code.
const probeScript = "import sys; print('%d.%d' % sys.version_info[:2]); print(sys.executable)";

export function probe(file: string, args: string[], ctx: ValidatorContext): Promise<CommandRun> {
  return runGuarded({ file, args: ['-I', ...args] }, { cwd: tmpdir(), timeoutMs: probeMs, signal: ctx.signal });
}

async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

interface Search {
  python?: Python;
  /** The folders looked in, in order. */
  searched: string[];
  /** Each `python<version>` found there and what it said. */
  tried: Array<{ path: string; version?: string; problem?: string }>;
}

export async function findPython(version: string, lookup: PythonLookup, ctx: ValidatorContext): Promise<Search> {
  const name = `python${version}`;
  // Relative and empty PATH entries name the current folder: never the repository's own `python`.
  const pathDirs = (lookup.path ?? process.env.PATH ?? '').split(delimiter).filter((dir) => isAbsolute(dir));
  // A version pyenv installed is on the machine even when no shim selects it.
  const pyenv = await pyenvBin(version, lookup);
  const searched = [
    ...new Set([...pathDirs, ...(lookup.dirs ?? ['/usr/bin', '/usr/local/bin']), ...(pyenv ? [pyenv] : [])]),
  ];
  const tried: Search['tried'] = [];
  for (const dir of searched) {
    const path = join(dir, name);
    if (!(await isExecutable(path))) continue;
    const run = await probe(path, ['-c', probeScript], ctx);
    const [said = '', executable = ''] = run.output.trim().split('\n');
    if (run.exitCode === 0 && said.trim() === version) {
      tried.push({ path, version });
      return { python: { version, found: path, executable: executable.trim() || path }, searched, tried };
    }
    tried.push(run.exitCode === 0 ? { path, version: said.trim() } : { path, problem: tailLine(run) });
  }
  return { searched, tried };
}

/** How a candidate that did not answer ended: a shim says why on its first line, a Python on its last. */
function tailLine(run: CommandRun): string {
  const lines = run.output.trim().split('\n');
  const said = lines.length > 1 ? `${lines[0]!.trim()} … ${lines.at(-1)!.trim()}` : (lines[0] ?? '');
  return `exited ${run.exitCode}: ${said}`;
}

/** The bin folder of the newest pyenv-installed release of the target version, if any. */
async function pyenvBin(version: string, lookup: PythonLookup): Promise<string | undefined> {
  const root = lookup.pyenvRoot ?? process.env.PYENV_ROOT ?? join(homedir(), '.pyenv');
  const names = await readdir(join(root, 'versions')).catch(() => [] as string[]);
  for (const entry of names
    .filter((n) => n === version || n.startsWith(`${version}.`))
    .sort()
    .reverse()) {
    const bin = join(root, 'versions', entry, 'bin');
    if (await isExecutable(join(bin, `python${version}`))) return bin;
  }
  return undefined;
}

export async function notFound(version: string, searched: string[], tried: unknown[]) {
  const hint = `install it (Debian: \`apt-get install python${version}\`; or \`pyenv install ${version}\`)`;
  return skipped(
    `No Python ${version} on this machine (looked for python${version} on PATH, in /usr/bin, /usr/local/bin and pyenv's versions), and atx installs no interpreter: ${hint}, then run again`,
    { targetVersion: version, looked: searched.map((dir) => join(dir, `python${version}`)), tried },
    'metric',
  );
}
