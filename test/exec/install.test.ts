// The install command for each package manager, with and without leave to run install scripts.
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { installCommand, installDependencies, untrustedInstallProblem } from '../../src/executor/install.js';

const trusted = { packageJsonChanged: false, scripts: true };
const untrusted = { packageJsonChanged: false, scripts: false };
const lockOnly = { packageJsonChanged: true, scripts: false, lockfileOnly: true };

describe('installCommand', () => {
  it('tells every package manager to skip install scripts unless they may run', async () => {
    const npm = await mkdtemp(join(tmpdir(), 'atx-install-'));
    await writeFile(join(npm, 'package-lock.json'), '{}\n');
    const berry = await mkdtemp(join(tmpdir(), 'atx-install-'));
    await writeFile(join(berry, '.yarnrc.yml'), 'nodeLinker: node-modules\n');
    const rows: Array<[Parameters<typeof installCommand>[0], string, Parameters<typeof installCommand>[2], string]> = [
      ['npm', npm, trusted, 'npm ci --no-audit --no-fund'],
      ['npm', npm, untrusted, 'npm ci --no-audit --no-fund --ignore-scripts'],
      ['npm', npm, { packageJsonChanged: true, scripts: true }, 'npm install --no-audit --no-fund'],
      ['npm', npm, lockOnly, 'npm install --package-lock-only --no-audit --no-fund --ignore-scripts'],
      ['pnpm', npm, trusted, 'pnpm install --frozen-lockfile'],
      ['pnpm', npm, untrusted, 'pnpm install --frozen-lockfile --ignore-scripts --ignore-pnpmfile'],
      ['pnpm', npm, lockOnly, 'pnpm install --lockfile-only --ignore-scripts --ignore-pnpmfile'],
      ['yarn', npm, trusted, 'yarn install --frozen-lockfile'],
      ['yarn', npm, untrusted, 'yarn install --frozen-lockfile --ignore-scripts'],
      // Yarn 1 has no lockfile-only install: it installs, without scripts.
      ['yarn', npm, lockOnly, 'yarn install --ignore-scripts'],
      ['yarn', berry, untrusted, 'yarn install --immutable --mode=skip-build'],
      ['yarn', berry, lockOnly, 'yarn install --mode=update-lockfile'],
    ];
    for (const [manager, dir, mode, expected] of rows)
      expect(
        installCommand(manager, dir, mode, () => true),
        `${manager} ${JSON.stringify(mode)}`,
      ).toBe(expected);
  });

  it('runs pnpm and yarn through corepack where they are not installed, and npm as it is', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'atx-install-'));
    const none = () => false;
    expect(installCommand('yarn', dir, lockOnly, none)).toBe('corepack yarn install --ignore-scripts');
    expect(installCommand('pnpm', dir, lockOnly, none)).toBe(
      'corepack pnpm install --lockfile-only --ignore-scripts --ignore-pnpmfile',
    );
    expect(installCommand('npm', dir, lockOnly, none)).toBe(
      'npm install --package-lock-only --no-audit --no-fund --ignore-scripts',
    );
  });
});

/** A repository whose yarn setup runs its own code: `marker` appears if that code ever runs. */
async function ownYarn(file: '.yarnrc.yml' | '.yarnrc'): Promise<{ dir: string; marker: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'atx-install-'));
  const marker = join(dir, 'ran');
  await writeFile(join(dir, 'package.json'), '{"dependencies":{"left-pad":"1.3.0"}}\n');
  await writeFile(join(dir, 'evil.cjs'), `require('fs').writeFileSync(${JSON.stringify(marker)}, 'ran');\n`);
  await writeFile(join(dir, file), file === '.yarnrc.yml' ? 'yarnPath: ./evil.cjs\n' : 'yarn-path "./evil.cjs"\n');
  return { dir, marker };
}

describe('untrustedInstallProblem', () => {
  it('refuses yarn when the repository configures its own yarn, and nothing else', async () => {
    const plain = await mkdtemp(join(tmpdir(), 'atx-install-'));
    await writeFile(join(plain, '.yarnrc'), 'registry "https://registry.yarnpkg.com"\n');
    expect(untrustedInstallProblem('yarn', plain)).toBeUndefined();
    expect(untrustedInstallProblem('pnpm', plain)).toBeUndefined();
    expect(untrustedInstallProblem('npm', (await ownYarn('.yarnrc.yml')).dir)).toBeUndefined();
    expect(untrustedInstallProblem('yarn', (await ownYarn('.yarnrc.yml')).dir)).toBe(
      "Yarn 2+ runs the repository's own yarn release and plugins",
    );
    expect(untrustedInstallProblem('yarn', (await ownYarn('.yarnrc')).dir)).toBe(
      "Yarn 1 runs the yarn release the repository's .yarnrc names (yarn-path)",
    );
  });

  it('keeps installDependencies from running such a yarn without leave', async () => {
    for (const file of ['.yarnrc.yml', '.yarnrc'] as const) {
      const { dir, marker } = await ownYarn(file);
      await expect(installDependencies(dir, 'yarn', untrusted)).rejects.toThrow(
        /^not running `(corepack )?yarn install .*`: Yarn .*; pass -t \(--trust-all-tools\) to allow it$/,
      );
      await expect(installDependencies(dir, 'yarn', lockOnly)).rejects.toThrow(/pass -t/);
      expect(existsSync(marker), file).toBe(false);
    }
  });
});
