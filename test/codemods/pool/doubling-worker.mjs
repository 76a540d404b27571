// A worker for the file-pool tests: doubles numbers slowly (a millisecond each), naming its thread;
// input -1 makes it fail outright, as a worker whose code throws would.
import { threadId } from 'node:worker_threads';
import { serveInputs } from '../../../dist/codemods/file-pool.js';

serveInputs((n) => {
  if (n === -1) throw new Error('worker failed');
  const until = performance.now() + 1;
  while (performance.now() < until);
  return { value: n * 2, thread: threadId };
});
