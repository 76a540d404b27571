// Installing the project's dependencies in the worktree, the way its lockfile says.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { PackageManager } from '../planner/analyse.js';
import { runShell, type CommandRun } from '../util/proc.js';

export function installCommand(manager: PackageManager | undefined, dir: string, packageJsonChanged: boolean): string {
  const quiet = '--no-audit --no-fund';
  switch (manager) {
    case 'pnpm':
      return packageJsonChanged ? 'pnpm install --no-frozen-lockfile' : 'pnpm install --frozen-lockfile';
    case 'yarn':
      return packageJsonChanged ? 'yarn install' : 'yarn install --frozen-lockfile';
    default: {
      const hasLock = existsSync(join(dir, 'package-lock.json')) || existsSync(join(dir, 'npm-shrinkwrap.json'));
      if (hasLock && !packageJsonChanged) return `npm ci ${quiet}`;
      // Without a lockfile, do not create one: the project chose not to keep one.
      return hasLock ? `npm install ${quiet}` : `npm install ${quiet} --no-package-lock`;
    }
  }
}

export async function installDependencies(
  dir: string,
  manager: PackageManager | undefined,
  packageJsonChanged: boolean,
  signal?: AbortSignal,
): Promise<CommandRun> {
  return runShell(installCommand(manager, dir, packageJsonChanged), { cwd: dir, signal, timeoutMs: 15 * 60_000 });
}
