// The limiter for child-process work: never more than its size at once, every task run, in the
// order asked, and a failing task frees its place.
import { describe, expect, it } from 'vitest';
import { pool } from '../../src/util/pool.js';

describe('pool', () => {
  it('runs at most its size at once, starts tasks in order, and frees the place of one that fails', async () => {
    const limit = pool(2);
    let active = 0;
    let most = 0;
    const started: number[] = [];
    const task = (i: number) =>
      limit(async () => {
        started.push(i);
        most = Math.max(most, ++active);
        await new Promise((resolve) => setTimeout(resolve, 5 * ((i % 3) + 1)));
        active--;
        if (i === 3) throw new Error('three');
        return i;
      });
    const results = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => task(i)));
    expect(most).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : String(r.reason)))).toEqual([
      0,
      1,
      2,
      'Error: three',
      4,
      5,
      6,
      7,
    ]);
  });
});
