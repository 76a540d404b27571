// A stand-in for src/codemods/worker.ts in the file-pool tests: answers batches the same way,
// doubling numbers slowly (a millisecond each), naming its thread and the model key it sees; input -1 makes it fail
// outright, as a worker whose code throws would.
import { parentPort, threadId } from 'node:worker_threads';

parentPort.on('message', (work) => {
  const done = [];
  for (let i = Atomics.add(work.next, 0, 1); i < work.inputs.length; i = Atomics.add(work.next, 0, 1)) {
    const n = work.inputs[i];
    if (n === -1) throw new Error('worker failed');
    const until = performance.now() + 1;
    while (performance.now() < until);
    done.push([i, { value: n * 2, thread: threadId, key: process.env.ANTHROPIC_API_KEY }]);
  }
  parentPort.postMessage({ batch: work.batch, done });
});
