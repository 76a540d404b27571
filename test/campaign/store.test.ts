// The journal: a torn last line after a kill, several processes appending at once, compaction.
import { appendFile, readFile } from 'node:fs/promises';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { CampaignStore } from '../../src/campaign/store.js';
import { shardSlice } from '../../src/campaign/shard.js';
import { tempDir } from '../helpers/cli.js';
import { compileSources } from './sources.js';

const spec = (n: number) => ({
  name: 'unit',
  transformation: 'Test/fleet',
  repos: Array.from({ length: n }, (_, i) => ({ id: `r${i}`, source: `/repos/r${i}`, kind: 'path' as const })),
  createdAt: '2026-01-01T00:00:00.000Z',
});

describe('campaign store', () => {
  it('ignores a torn last line and keeps appending after it', async () => {
    const store = new CampaignStore(await tempDir('atx-store-'), 'unit');
    await store.writeSpec(spec(2));
    await store.append({ t: 'set', repo: 'r0', at: 'now', status: 'SKIPPED' });
    await appendFile(store.journal, '{"t":"set","repo":"r1","at":"now","stat'); // killed mid-write
    expect((await store.view()).totals).toMatchObject({ SKIPPED: 1, PENDING: 1 });
    await store.append({ t: 'set', repo: 'r1', at: 'now', status: 'COMPLETED' });
    expect((await store.view()).records.map((r) => r.status)).toEqual(['SKIPPED', 'COMPLETED']);
  });

  it('loses no event when several processes claim and append at once, and compaction keeps the state', async () => {
    const home = await tempDir('atx-store-');
    const store = new CampaignStore(home, 'unit');
    await store.writeSpec(spec(40));
    // Four processes race to claim repositories until none is left: each must be claimed exactly once.
    // They run the store as the sources say now (compiled for them), not a dist/ of an older build.
    const compiled = await compileSources('src/campaign/store.ts');
    const script = `
      const { CampaignStore } = await import(${JSON.stringify(compiled)});
      const store = new CampaignStore(process.argv[1], 'unit');
      const order = (await store.loadSpec()).repos.map((r) => r.id);
      const mine = [];
      for (;;) {
        const record = await store.claim(order, (r) => r.status === 'PENDING');
        if (!record) break;
        mine.push(record.id);
        await store.append({ t: 'finished', repo: record.id, at: 'now', record: { ...record, status: 'COMPLETED', owner: undefined } });
      }
      console.log(JSON.stringify(mine));`;
    const runs = await Promise.all(
      Array.from({ length: 4 }, () => execa('node', ['--input-type=module', '-e', script, home])),
    );
    const claimed = runs.flatMap((r) => JSON.parse(r.stdout) as string[]);
    expect(claimed.sort()).toEqual(
      spec(40)
        .repos.map((r) => r.id)
        .sort(),
    );
    const before = await store.view();
    expect(before.totals).toMatchObject({ COMPLETED: 40, total: 40 });
    expect(before.records.every((r) => r.attempts === 1)).toBe(true);

    await store.compact(true);
    expect((await readFile(store.journal, 'utf8')).trim().split('\n')).toHaveLength(40);
    expect(await store.view()).toEqual(before);
  });

  it('slices a list into stable shards that cover it once', () => {
    const ids = spec(7).repos.map((r) => r.id);
    const slices = [1, 2, 3].map((index) => shardSlice(ids, { index, total: 3 }));
    expect(slices).toEqual([
      ['r0', 'r3', 'r6'],
      ['r1', 'r4'],
      ['r2', 'r5'],
    ]);
    expect(shardSlice(ids, { index: 2, total: 3 })).toEqual(slices[1]);
  });
});
