// Real lockfiles with real dependencies (tiny ones, from the npm registry): a codemod that changes
// package.json brings the lockfile along in the same commit with npm, pnpm and yarn; `npm ci`
// installs before the build; a failed install is reported. pnpm and yarn are installed from the
// npm registry for most tests; one runs yarn the way atx does on a machine without it, through corepack.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { atx, git, makeRepo, tempDir, writeFiles } from '../helpers/cli.js';

type Manager = 'npm' | 'pnpm' | 'yarn';
const lockfileOf: Record<Manager, string> = { npm: 'package-lock.json', pnpm: 'pnpm-lock.yaml', yarn: 'yarn.lock' };
const quiet = ['--no-audit', '--no-fund', '--loglevel=error'];

let PATH: string;
beforeAll(async () => {
  const prefix = await tempDir('atx-managers-');
  await execa('npm', ['install', '--prefix', prefix, ...quiet, 'pnpm@9', 'yarn@1']);
  PATH = `${join(prefix, 'node_modules', '.bin')}:${process.env.PATH}`;
}, 120_000);

/** Runs a package manager in `dir` with the test's PATH. */
function run(dir: string, command: string, args: string[], env: Record<string, string> = {}) {
  return execa(command, args, { cwd: dir, env: { PATH, ...env }, reject: false });
}

/** A repository with `packageJson` and the lockfile `manager` itself wrote for it, committed. */
async function project(manager: Manager, packageJson: object, files: Record<string, string> = {}): Promise<string> {
  const repo = await makeRepo({
    'package.json': `${JSON.stringify(packageJson, null, 2)}\n`,
    '.gitignore': 'node_modules/\n',
    ...files,
  });
  const lock = {
    npm: ['npm', ['install', '--package-lock-only', '--ignore-scripts', ...quiet]],
    pnpm: ['pnpm', ['install', '--lockfile-only', '--ignore-scripts']],
    yarn: ['yarn', ['install', '--ignore-scripts', '--no-progress', '--silent']],
  } as const;
  const [command, args] = lock[manager];
  const made = await run(repo, command, [...args]);
  expect(made.exitCode, made.stderr).toBe(0);
  await git(repo, ['add', lockfileOf[manager]]);
  await git(repo, ['commit', '-q', '-m', 'lockfile']);
  return repo;
}

async function exec(repo: string, name: string, flags: string[], env: Record<string, string> = {}) {
  const result = await atx(['custom', 'def', 'exec', '-p', repo, '-n', name, '-x', '--json', ...flags], {
    env: { ATX_HOME: await tempDir('atx-home-'), PATH, ...env },
    timeout: 240_000,
  });
  return { ...result, summary: JSON.parse(result.stdout) };
}

/** The result branch checked out on its own, as a person would to try it. */
async function checkout(repo: string, branch: string): Promise<string> {
  const dir = join(await tempDir('atx-result-'), 'checkout');
  await git(repo, ['clone', '-q', '--branch', branch, repo, dir]);
  return dir;
}

const node20 = (extra: object = {}) => ({
  name: 'svc',
  version: '1.0.0',
  private: true,
  dependencies: { 'is-number': '7.0.0' },
  devDependencies: { '@types/node': '^20.11.0' },
  ...extra,
});
const handler = {
  'index.js': "exports.handler = async (event) => require('is-number')(event.n);\n",
  '.nvmrc': 'v20\n',
};

describe.concurrent('dependencies', () => {
  it.each(['npm', 'pnpm', 'yarn'] as const)(
    '%s: the @types/node bump and its lockfile land in one commit, and a frozen install of the result works',
    async (manager) => {
      const repo = await project(manager, node20(), handler);
      const { exitCode, stderr, summary } = await exec(repo, 'AWS/nodejs-version-upgrade', ['-t']);
      expect(exitCode, stderr).toBe(0);
      expect(
        summary.findings.filter(
          (f: { rule: string }) => f.rule.startsWith('atx/install') || f.rule === 'atx/lockfile-not-updated',
        ),
      ).toEqual([]);
      const step = summary.steps.find((s: { filesChanged: string[] }) => s.filesChanged.includes('package.json'));
      expect(step.filesChanged).toEqual(expect.arrayContaining(['package.json', lockfileOf[manager]]));
      expect(await git(repo, ['diff', '--name-only', `${step.commit}~1`, step.commit])).toContain(lockfileOf[manager]);

      const result = await checkout(repo, summary.branch);
      const types = JSON.parse(await readFile(join(result, 'package.json'), 'utf8')).devDependencies['@types/node'];
      expect(types).toMatch(/^\^24\b/);
      expect(await readFile(join(result, lockfileOf[manager]), 'utf8')).toMatch(
        manager === 'pnpm' ? /'?@types\/node'?@24\.\d+\.\d+/ : /@types\/node.*\n?.*24\.\d+\.\d+/,
      );
      expect(await git(result, ['ls-files', 'node_modules'])).toBe('');
      // The lockfile agrees with package.json: the install that refuses to change it succeeds.
      const frozen = {
        npm: ['npm', ['ci', '--ignore-scripts', ...quiet]],
        pnpm: ['pnpm', ['install', '--frozen-lockfile', '--ignore-scripts']],
        yarn: ['yarn', ['install', '--frozen-lockfile', '--ignore-scripts', '--silent']],
      } as const;
      const [command, args] = frozen[manager];
      const installed = await run(result, command, [...args]);
      expect(installed.exitCode, installed.stderr + installed.stdout).toBe(0);
      expect(JSON.parse(await readFile(join(result, 'node_modules/@types/node/package.json'), 'utf8')).version).toMatch(
        /^24\./,
      );
    },
    240_000,
  );

  it("a function folder's own package.json and lockfile land in one commit, and `npm ci` works there on the result", async () => {
    // The root has no lockfile; the function folder has its own, as SAM's `sam init` lays it out.
    const repo = await makeRepo({
      'package.json': '{ "name": "root", "private": true }\n',
      '.gitignore': 'node_modules/\n',
      'fn/package.json': `${JSON.stringify(node20(), null, 2)}\n`,
      'fn/index.js': handler['index.js'],
      '.nvmrc': 'v20\n',
    });
    const made = await run(join(repo, 'fn'), 'npm', ['install', '--package-lock-only', '--ignore-scripts', ...quiet]);
    expect(made.exitCode, made.stderr).toBe(0);
    await git(repo, ['add', 'fn/package-lock.json']);
    await git(repo, ['commit', '-q', '-m', 'lockfile']);
    const { exitCode, stderr, summary } = await exec(repo, 'AWS/nodejs-version-upgrade', ['-t']);
    expect(exitCode, stderr).toBe(0);
    expect(summary.findings.filter((f: { rule: string }) => f.rule.startsWith('atx/install'))).toEqual([]);
    const step = summary.steps.find((s: { filesChanged: string[] }) => s.filesChanged.includes('fn/package.json'));
    expect(step.filesChanged).toEqual(expect.arrayContaining(['fn/package.json', 'fn/package-lock.json']));
    const result = await checkout(repo, summary.branch);
    const installed = await run(join(result, 'fn'), 'npm', ['ci', '--ignore-scripts', ...quiet]);
    expect(installed.exitCode, installed.stderr + installed.stdout).toBe(0);
    expect(
      JSON.parse(await readFile(join(result, 'fn/node_modules/@types/node/package.json'), 'utf8')).version,
    ).toMatch(/^24\./);
  }, 240_000);

  it('installs the locked dependencies with `npm ci` before the build when package.json did not change', async () => {
    const repo = await project('npm', node20({ devDependencies: { '@types/node': '^24.0.0' } }), handler);
    const lockBefore = await readFile(join(repo, 'package-lock.json'), 'utf8');
    // The build passes only with the locked version installed.
    const build = `node -e "process.exit(require('is-number/package.json').version === '7.0.0' ? 0 : 3)"`;
    const { exitCode, stderr, summary } = await exec(repo, 'AWS/nodejs-version-upgrade', ['-t', '-c', build]);
    expect(exitCode, stderr).toBe(0);
    expect(summary.steps.flatMap((s: { filesChanged: string[] }) => s.filesChanged)).toEqual(['.nvmrc']);
    expect(stderr).toContain('installing dependencies');
    expect(summary.findings.filter((f: { rule: string }) => f.rule.startsWith('atx/install'))).toEqual([]);
    expect(summary.builds.map((b: { exitCode: number }) => b.exitCode)).toEqual([0]);
    expect(await git(repo, ['show', `${summary.branch}:package-lock.json`])).toBe(lockBefore.trimEnd());

    // It is `npm ci`: a lockfile out of step with package.json is refused, not rewritten, and reported.
    const stale = await project('npm', node20({ devDependencies: { '@types/node': '^24.0.0' } }), handler);
    const pkg = JSON.parse(await readFile(join(stale, 'package.json'), 'utf8'));
    await writeFiles(stale, {
      'package.json': `${JSON.stringify({ ...pkg, dependencies: { ...pkg.dependencies, ms: '2.1.3' } }, null, 2)}\n`,
    });
    await git(stale, ['commit', '-q', '-am', 'add ms, forget the lockfile']);
    const refused = await exec(stale, 'AWS/nodejs-version-upgrade', ['-t', '-c', build]);
    expect(refused.exitCode).toBe(1);
    const failed = refused.summary.findings.filter((f: { rule: string }) => f.rule === 'atx/install-failed');
    expect(failed).toEqual([expect.objectContaining({ file: 'package.json', severity: 'warning' })]);
    expect(failed[0].message).toMatch(/^`npm ci --no-audit --no-fund` exited with 1: /);
    // Nothing was installed, so the build cannot find the package (exit 1, not the wrong-version 3).
    expect(refused.summary.builds.map((b: { exitCode: number }) => b.exitCode)).toEqual([1]);
  }, 240_000);

  it('brings a yarn lockfile along through corepack on a machine without yarn', async () => {
    const repo = await project('yarn', node20(), handler);
    // The machine's own PATH: no yarn on it, only Node.js and its corepack.
    const bare = process.env.PATH ?? '';
    const noYarn = await execa('sh', ['-c', 'command -v yarn'], { env: { PATH: bare }, reject: false });
    if (noYarn.exitCode === 0) return; // a machine with yarn installed runs it directly (the test above)
    const { exitCode, stderr, summary } = await exec(repo, 'AWS/nodejs-version-upgrade', ['-t'], { PATH: bare });
    expect(exitCode, stderr).toBe(0);
    expect(summary.findings.filter((f: { rule: string }) => f.rule.startsWith('atx/install'))).toEqual([]);
    const result = await checkout(repo, summary.branch);
    expect(await readFile(join(result, 'yarn.lock'), 'utf8')).toMatch(/@types\/node.*\n?.*24\.\d+\.\d+/);
  }, 240_000);

  it('reports atx/install-failed when the lockfile cannot be brought along', async () => {
    const repo = await project('npm', node20(), handler);
    const lockBefore = await readFile(join(repo, 'package-lock.json'), 'utf8');
    // No registry to reach, and nothing cached.
    const offline = {
      npm_config_registry: 'http://127.0.0.1:9/',
      npm_config_cache: await tempDir('atx-npm-cache-'),
      npm_config_fetch_retries: '0',
    };
    const { exitCode, stderr, summary } = await exec(repo, 'AWS/nodejs-version-upgrade', ['-t'], offline);
    expect(exitCode, stderr).toBe(0);
    expect(summary.status).toBe('partial');
    const failed = summary.findings.filter((f: { rule: string }) => f.rule === 'atx/install-failed');
    expect(failed).toEqual([expect.objectContaining({ file: 'package-lock.json', line: 1, severity: 'manual' })]);
    // It says what to run, and where, to bring the lockfile along.
    expect(failed[0].message).toMatch(
      /^`npm install --no-audit --no-fund` exited with [1-9]\d* \(.*\), so package-lock\.json still describes the old package\.json: run `npm install --no-audit --no-fund` in the repository root where it can reach the registry, and commit the lockfile$/s,
    );
    // package.json moved on; the lockfile is as it was, for the person to update.
    expect(await git(repo, ['show', `${summary.branch}:package.json`])).toMatch(/"@types\/node": "\^24/);
    expect(await git(repo, ['show', `${summary.branch}:package-lock.json`])).toBe(lockBefore.trimEnd());
  }, 240_000);

  it('the SDK conversion moves package.json to @aws-sdk/* and the lockfile with it, without -t', async () => {
    const source =
      "const AWS = require('aws-sdk');\nconst s3 = new AWS.S3();\nexports.handler = async () => (await s3.listBuckets().promise()).Buckets;\n";
    const repo = await project(
      'npm',
      { name: 'svc', version: '1.0.0', private: true, dependencies: { 'aws-sdk': '^2.1692.0' } },
      { 'index.js': source },
    );
    const { exitCode, stderr, summary } = await exec(repo, 'AWS/nodejs-aws-sdk-v2-to-v3', []);
    expect(exitCode, stderr).toBe(0);
    expect(summary.steps[0]).toMatchObject({
      id: '1.1',
      status: 'completed',
      filesChanged: ['index.js', 'package-lock.json', 'package.json'],
    });
    const result = await checkout(repo, summary.branch);
    const pkg = JSON.parse(await readFile(join(result, 'package.json'), 'utf8'));
    expect(Object.keys(pkg.dependencies)).toEqual(['@aws-sdk/client-s3']);
    const lock = JSON.parse(await readFile(join(result, 'package-lock.json'), 'utf8'));
    expect(lock.packages[''].dependencies).toEqual(pkg.dependencies);
    expect(lock.packages['node_modules/@aws-sdk/client-s3']).toBeDefined();
    expect(lock.packages['node_modules/aws-sdk']).toBeUndefined();
    // Nothing was installed without -t, and npm finds the lockfile in step with package.json.
    expect(await git(result, ['ls-files', 'node_modules'])).toBe('');
    const again = await run(result, 'npm', ['install', '--package-lock-only', '--ignore-scripts', ...quiet]);
    expect(again.exitCode, again.stderr).toBe(0);
    expect(await git(result, ['status', '--porcelain'])).toBe('');
  }, 240_000);
});
