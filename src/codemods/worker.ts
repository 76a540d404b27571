// A worker thread of the file pool (file-pool.ts): loads every per-file codemod (and with them the
// compiler) at once, then answers each batch with the results of the inputs it takes.
import { parentPort } from 'node:worker_threads';
import type { Done, Reply, Work } from './file-pool.js';
import { perFileCodemods, type PerFileName } from './per-file.js';

const names = Object.keys(perFileCodemods) as PerFileName[];
const loaded = Promise.all(names.map(async (name) => [name, (await perFileCodemods[name]())()] as const)).then(
  (pairs) => new Map(pairs),
);

parentPort!.on('message', (work: Work<unknown>) => {
  void loaded.then((codemods) => {
    const each = codemods.get(work.codemod as PerFileName);
    const out: Done<unknown> = [];
    // An unknown codemod takes nothing: the caller does every input.
    if (each)
      for (let i = Atomics.add(work.next, 0, 1); i < work.inputs.length; i = Atomics.add(work.next, 0, 1))
        out.push([i, each(work.inputs[i])]);
    parentPort!.postMessage({ batch: work.batch, done: out } satisfies Reply<unknown>);
  });
});
