// A fleet of temporary repositories and a published cheap definition, for the campaign tests.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import { atx, makeRepo, projectRoot, tempDir } from '../helpers/cli.js';

/**
 * Whatever engine runs the test suite must not choose the shard of the processes it starts (execa
 * passes the parent's environment on): blank for each engine's variables.
 */
export const noEngine: Record<string, string> = {
  ATX_SHARD_INDEX: '',
  ATX_SHARD_COUNT: '',
  AWS_BATCH_JOB_ARRAY_INDEX: '',
  AWS_BATCH_JOB_ARRAY_SIZE: '',
  JOB_COMPLETION_INDEX: '',
  CI_NODE_INDEX: '',
  CI_NODE_TOTAL: '',
  GITHUB_ACTIONS: '',
};

export const fleetDefinition = join(projectRoot, 'fixtures/campaign/fleet');
/** Fails the build in a repository holding a `broken` file. */
export const buildCommand = 'test ! -f broken';

export interface Fleet {
  env: Record<string, string>;
  home: string;
  dir: string;
  list: string;
  repos: Record<string, string>;
}

/** `kinds`: name → 'ok' | 'slow' | 'broken' | 'not-git'. */
export async function makeFleet(kinds: Record<string, 'ok' | 'slow' | 'broken' | 'not-git'>): Promise<Fleet> {
  const home = await tempDir('atx-campaign-home-');
  const dir = await tempDir('atx-campaign-');
  const env = { ATX_HOME: home, ATX_GIT_COMMITTER_NAME: 'Bot Person', ATX_GIT_COMMITTER_EMAIL: 'bot@example.com' };
  const published = await atx(
    ['custom', 'def', 'publish', '-n', 'Test/fleet', '--description', 'fleet', '--sd', fleetDefinition],
    { env },
  );
  expect(published.exitCode, published.stderr).toBe(0);
  const repos: Record<string, string> = {};
  for (const [name, kind] of Object.entries(kinds)) {
    const files: Record<string, string> = { 'index.js': `module.exports = '${name}';\n` };
    if (kind === 'slow') files.slow = '';
    if (kind === 'broken') files.broken = '';
    if (kind === 'not-git') {
      const path = join(dir, name);
      await mkdir(path);
      await writeFile(join(path, 'index.js'), files['index.js']!);
      repos[name] = path;
    } else {
      repos[name] = await makeRepo(files);
    }
  }
  const list = join(dir, 'repos.txt');
  await writeFile(list, `# the fleet\n${Object.values(repos).join('\n')}\n`);
  return { env, home, dir, list, repos };
}

export async function createCampaign(fleet: Fleet, name: string): Promise<void> {
  const created = await atx(
    [
      'custom',
      'campaign',
      'create',
      '-n',
      name,
      '--transformation',
      'Test/fleet',
      '--repos',
      fleet.list,
      '-c',
      buildCommand,
    ],
    { env: fleet.env },
  );
  expect(created.exitCode, created.stderr).toBe(0);
}

export interface StatusJson {
  name: string;
  totals: Record<string, number>;
  repos: Array<{
    id: string;
    status: string;
    branch?: string | null;
    runId?: string;
    reason?: string;
    exitCriteria?: { passed: number; failed: number };
    findings?: number;
    durationMs?: number;
    summaryPath?: string;
    attempts: number;
    baseCommit?: string;
  }>;
}

export async function status(fleet: Fleet, name: string): Promise<StatusJson> {
  const result = await atx(['custom', 'campaign', 'status', '-n', name, '--json'], { env: fleet.env });
  expect(result.exitCode, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as StatusJson;
}

/** The repository's id in the campaign is the last part of its path. */
export function idOf(fleet: Fleet, name: string): string {
  return fleet.repos[name]!.split('/').pop()!;
}
