// Installing the project's dependencies in the worktree, the way its lockfile says. The
// packages' install scripts (and the project's own pre/postinstall) are code of the repository:
// without leave to run them the package manager is told to skip them, and a package manager
// that would run the repository's code anyway (untrustedInstallProblem) is not run at all.
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import { UsageError } from '../errors.js';
import type { PackageManager } from '../planner/analyse.js';
import { runShell, type CommandRun } from '../util/proc.js';
import { trustFlag } from '../util/trust.js';

export interface InstallMode {
  /** package.json changed: the lockfile must follow it. */
  packageJsonChanged: boolean;
  /** Whether lifecycle scripts may run (-t, or the person's yes). */
  scripts: boolean;
  /** Only bring the lockfile up to date; install nothing (used when scripts may not run). */
  lockfileOnly?: boolean;
}

/** Whether a program is on PATH (an absolute folder of it holds an executable file of that name). */
export function onPath(name: string): boolean {
  return (process.env.PATH ?? '')
    .split(delimiter)
    .filter((dir) => isAbsolute(dir))
    .some((dir) => {
      try {
        accessSync(join(dir, name), constants.X_OK);
        return true;
      } catch {
        return false;
      }
    });
}

/**
 * The install command. pnpm and yarn that are not installed run through corepack, which comes
 * with Node.js and fetches the release the project's `packageManager` names (or its default)
 * from the npm registry (https://nodejs.org/api/corepack.html).
 */
export function installCommand(
  manager: PackageManager | undefined,
  dir: string,
  mode: InstallMode,
  installed: (tool: string) => boolean = onPath,
): string {
  const command = managerCommand(manager, dir, mode);
  return manager && manager !== 'npm' && !installed(manager) ? `corepack ${command}` : command;
}

function managerCommand(manager: PackageManager | undefined, dir: string, mode: InstallMode): string {
  // pnpm loads the repository's .pnpmfile.cjs hooks even with --ignore-scripts.
  const noScripts = mode.scripts
    ? ''
    : manager === 'pnpm'
      ? ' --ignore-scripts --ignore-pnpmfile'
      : ' --ignore-scripts';
  switch (manager) {
    case 'pnpm':
      if (mode.lockfileOnly) return `pnpm install --lockfile-only${noScripts}`;
      return `${mode.packageJsonChanged ? 'pnpm install --no-frozen-lockfile' : 'pnpm install --frozen-lockfile'}${noScripts}`;
    case 'yarn':
      return yarnCommand(dir, mode);
    default:
      return npmCommand(dir, mode) + noScripts;
  }
}

function npmCommand(dir: string, mode: InstallMode): string {
  const quiet = '--no-audit --no-fund';
  const hasLock = existsSync(join(dir, 'package-lock.json')) || existsSync(join(dir, 'npm-shrinkwrap.json'));
  if (mode.lockfileOnly) return `npm install --package-lock-only ${quiet}`;
  if (hasLock && !mode.packageJsonChanged) return `npm ci ${quiet}`;
  // Without a lockfile, do not create one: the project chose not to keep one.
  return hasLock ? `npm install ${quiet}` : `npm install ${quiet} --no-package-lock`;
}

/** Yarn 2+ (a .yarnrc.yml) has no --ignore-scripts; its modes skip the build (script) step instead. */
function yarnCommand(dir: string, mode: InstallMode): string {
  if (existsSync(join(dir, '.yarnrc.yml'))) {
    if (mode.lockfileOnly) return 'yarn install --mode=update-lockfile';
    const frozen = mode.packageJsonChanged ? '--no-immutable' : '--immutable';
    return `yarn install ${frozen}${mode.scripts ? '' : ' --mode=skip-build'}`;
  }
  const noScripts = mode.scripts ? '' : ' --ignore-scripts';
  return `${mode.packageJsonChanged ? 'yarn install' : 'yarn install --frozen-lockfile'}${noScripts}`;
}

/**
 * Why the install cannot run without leave to run the repository's code, or undefined. Yarn
 * runs the release a repository names (`yarnPath` of .yarnrc.yml, `yarn-path` of .yarnrc)
 * and Yarn 2+ loads its plugins, whatever the flags: that is how Yarn 2+ is normally set up,
 * so any .yarnrc.yml counts.
 */
export function untrustedInstallProblem(manager: PackageManager | undefined, dir: string): string | undefined {
  if (manager !== 'yarn') return undefined;
  if (existsSync(join(dir, '.yarnrc.yml'))) return "Yarn 2+ runs the repository's own yarn release and plugins";
  if (/^\s*"?yarn-path\b/m.test(readIfPresent(join(dir, '.yarnrc'))))
    return "Yarn 1 runs the yarn release the repository's .yarnrc names (yarn-path)";
  return undefined;
}

function readIfPresent(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/** Callers check untrustedInstallProblem first; this refuses rather than run such an install. */
export async function installDependencies(
  dir: string,
  manager: PackageManager | undefined,
  mode: InstallMode,
  signal?: AbortSignal,
): Promise<CommandRun> {
  const command = installCommand(manager, dir, mode);
  const problem = mode.scripts ? undefined : untrustedInstallProblem(manager, dir);
  if (problem) throw new UsageError(`not running \`${command}\`: ${problem}; pass ${trustFlag} to allow it`);
  // Corepack asks before it downloads a package manager, and a run has no one to answer; it takes the
  // release it knows (or the one `packageManager` names), not whatever is newest on the registry.
  return runShell(command, {
    cwd: dir,
    signal,
    timeoutMs: 15 * 60_000,
    env: { COREPACK_ENABLE_DOWNLOAD_PROMPT: '0', COREPACK_DEFAULT_TO_LATEST: '0' },
  });
}

/** Whether package.json text names a dependency or a dev dependency (unreadable JSON: none). */
export function declaresDependencies(packageJson: string): boolean {
  let manifest: unknown;
  try {
    manifest = JSON.parse(packageJson.replace(/^\uFEFF/, ''));
  } catch {
    return false;
  }
  if (!isObject(manifest)) return false;
  return [manifest.dependencies, manifest.devDependencies].some(
    (deps) => isObject(deps) && Object.keys(deps).length > 0,
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
