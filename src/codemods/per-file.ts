// Codemods whose files convert one by one, each on its own: the file pool (file-pool.ts) shares
// their files with worker threads, which load these modules ahead of the first batch.
import type { FileResult } from './lambda-callback-to-async/transform.js';

/** A function converting one input; each thread makes its own (with its own parser state). */
export type PerFile<I, O> = () => (input: I) => O;

export const perFileCodemods = {
  'lambda-callback-to-async': async () =>
    (await import('./lambda-callback-to-async/candidate.js')).perFile as PerFile<unknown, FileResult>,
};

export type PerFileName = keyof typeof perFileCodemods;
