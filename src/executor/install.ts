// Installing the project's dependencies in the worktree, the way its lockfile says. The
// packages' install scripts (and the project's own pre/postinstall) are code of the repository:
// without leave to run them the package manager is told to skip them.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { PackageManager } from '../planner/analyse.js';
import { runShell, type CommandRun } from '../util/proc.js';

export interface InstallMode {
  /** package.json changed: the lockfile must follow it. */
  packageJsonChanged: boolean;
  /** Whether lifecycle scripts may run (-t, or the person's yes). */
  scripts: boolean;
  /** Only bring the lockfile up to date; install nothing (used when scripts may not run). */
  lockfileOnly?: boolean;
}

export function installCommand(manager: PackageManager | undefined, dir: string, mode: InstallMode): string {
  const noScripts = mode.scripts ? '' : ' --ignore-scripts';
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

export async function installDependencies(
  dir: string,
  manager: PackageManager | undefined,
  mode: InstallMode,
  signal?: AbortSignal,
): Promise<CommandRun> {
  return runShell(installCommand(manager, dir, mode), { cwd: dir, signal, timeoutMs: 15 * 60_000 });
}
