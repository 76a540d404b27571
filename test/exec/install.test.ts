// The install command for each package manager, with and without leave to run install scripts.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { installCommand } from '../../src/executor/install.js';

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
      ['pnpm', npm, untrusted, 'pnpm install --frozen-lockfile --ignore-scripts'],
      ['pnpm', npm, lockOnly, 'pnpm install --lockfile-only --ignore-scripts'],
      ['yarn', npm, trusted, 'yarn install --frozen-lockfile'],
      ['yarn', npm, untrusted, 'yarn install --frozen-lockfile --ignore-scripts'],
      // Yarn 1 has no lockfile-only install: it installs, without scripts.
      ['yarn', npm, lockOnly, 'yarn install --ignore-scripts'],
      ['yarn', berry, untrusted, 'yarn install --immutable --mode=skip-build'],
      ['yarn', berry, lockOnly, 'yarn install --mode=update-lockfile'],
    ];
    for (const [manager, dir, mode, expected] of rows) expect(installCommand(manager, dir, mode), `${manager} ${JSON.stringify(mode)}`).toBe(expected);
  });
});
