// Campaign files and shard results are data, some from other machines: a damaged campaign.json
// is named and refused (exit 2), and no id or path in them reaches outside the campaign's folder.
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { atx, atxBin, tempDir } from '../helpers/cli.js';
import { createCampaign, makeFleet } from './fleet.js';

describe('campaign files are data', () => {
  it('a campaign.json that is not JSON, or not a campaign: exit 2 naming the file', async () => {
    const fleet = await makeFleet({ north: 'ok' });
    await createCampaign(fleet, 'c');
    const specPath = join(fleet.home, 'campaigns', 'c', 'campaign.json');
    const cases: Array<[string, string[]]> = [
      ['{ "name": "c", ', ['status', '-n', 'c']],
      ['{ "name": "c", ', ['run', '-n', 'c']],
      ['{ "name": "c" }\n', ['list']],
      ['[]\n', ['status', '-n', 'c']],
    ];
    for (const [text, args] of cases) {
      await writeFile(specPath, text);
      {
        const result = await atx(['custom', 'campaign', ...args, '--json'], { env: fleet.env });
        expect(result.exitCode, `${args[0]} on ${text}`).toBe(2);
        expect(result.stderr.trim()).toMatch(
          new RegExp(`^atx: campaign file ${specPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is damaged: `),
        );
        expect(result.stderr).not.toMatch(/^\s+at /m);
        expect(JSON.parse(result.stdout)).toMatchObject({ status: 'error', error: { code: 2 } });
      }
    }
  });

  it('a repository id that would climb out of the campaign folder is refused before anything is written', async () => {
    const fleet = await makeFleet({ north: 'ok' });
    await createCampaign(fleet, 'c');
    const specPath = join(fleet.home, 'campaigns', 'c', 'campaign.json');
    const spec = JSON.parse(await readFile(specPath, 'utf8'));
    // logs/<id>.log would be beside ATX_HOME, outside it.
    const escaped = `${basename(fleet.home)}-escaped`;
    spec.repos[0].id = `../../../../${escaped}`;
    await writeFile(specPath, JSON.stringify(spec));
    const run = await atx(['custom', 'campaign', 'run', '-n', 'c'], { env: fleet.env });
    expect(existsSync(join(dirname(fleet.home), `${escaped}.log`))).toBe(false);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/campaign file .*campaign\.json is damaged: repos\.0\.id must be one plain name/);
  });

  it('a shard result whose run id is a path is refused by merge', async () => {
    const fleet = await makeFleet({ north: 'ok' });
    await createCampaign(fleet, 'c');
    const spec = JSON.parse(await readFile(join(fleet.home, 'campaigns', 'c', 'campaign.json'), 'utf8'));
    const shard = join(await tempDir(), 'shard.json');
    await writeFile(
      shard,
      JSON.stringify({
        kind: 'atx-campaign-shard',
        campaign: 'c',
        transformation: spec.transformation,
        repoIds: spec.repos.map((r: { id: string }) => r.id),
        shard: null,
        records: [{ id: spec.repos[0].id, status: 'COMPLETED', runId: '../../victim', attempts: 1 }],
        writtenAt: new Date().toISOString(),
      }),
    );
    const merge = await atx(['custom', 'campaign', 'merge', '-n', 'c', shard], { env: fleet.env });
    expect(merge.exitCode).toBe(2);
    expect(merge.stderr).toMatch(/is not a campaign shard result .*records\.0\.runId must be one plain name/);
    const status = JSON.parse(
      (await atx(['custom', 'campaign', 'status', '-n', 'c', '--json'], { env: fleet.env })).stdout,
    );
    expect(status.repos[0]).toMatchObject({ status: 'PENDING' });
  });

  it("the dashboard serves a run's own files, never a path a merged record names", async () => {
    const fleet = await makeFleet({ north: 'ok' });
    await createCampaign(fleet, 'c');
    const spec = JSON.parse(await readFile(join(fleet.home, 'campaigns', 'c', 'campaign.json'), 'utf8'));
    const secret = join(await tempDir(), 'secret.txt');
    await writeFile(secret, 'not for the dashboard\n');
    const shard = join(await tempDir(), 'shard.json');
    const record = {
      id: spec.repos[0].id,
      status: 'COMPLETED',
      runId: '20260101-000000-abcdef',
      attempts: 1,
      planPath: secret,
      summaryPath: secret,
      reportPath: secret,
    };
    await writeFile(
      shard,
      JSON.stringify({
        kind: 'atx-campaign-shard',
        campaign: 'c',
        transformation: spec.transformation,
        repoIds: [spec.repos[0].id],
        shard: null,
        records: [record],
        writtenAt: new Date().toISOString(),
      }),
    );
    expect((await atx(['custom', 'campaign', 'merge', '-n', 'c', shard], { env: fleet.env })).exitCode).toBe(0);

    const server = execa('node', [atxBin, 'custom', 'campaign', 'serve', '-n', 'c'], {
      env: { ...fleet.env, NO_COLOR: '1' },
      reject: false,
      stdin: 'ignore',
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        server.stdout!.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const match = /http:\/\/127\.0\.0\.1:\d+\//.exec(out);
          if (match) resolve(match[0]);
        });
        server.catch(reject);
      });
      for (const kind of ['plan', 'summary', 'evidence']) {
        const response = await fetch(`${url}repos/${encodeURIComponent(spec.repos[0].id)}/${kind}`);
        expect(await response.text(), kind).not.toContain('not for the dashboard');
        expect(response.status, kind).toBe(404);
      }
    } finally {
      server.kill('SIGINT');
      await server;
    }
  });
});
