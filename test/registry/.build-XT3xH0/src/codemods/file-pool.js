// Per-file codemod work shared between this thread and worker threads. Files are taken one at a
// time from a shared counter, so a worker that is still loading its compiler simply joins late
// (or not at all) and no file waits for it; results come back in the files' order, so the output
// is the same as one thread's. Workers run only from the built JavaScript, where their module
// exists next to this one; under the test runner's TypeScript everything runs on this thread.
// This module loads nothing but Node.js's own: the CLI starts the workers before it loads the
// compiler itself, so both load at once.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
/** Below this many inputs a worker costs more (loading the compiler) than it can take over. */
const MIN_INPUTS_FOR_WORKERS = 400;
/** At most this many workers besides the calling thread (ATX_WORKERS=N asks for N, 0 for none). */
const MAX_WORKERS = 3;
const WORKER_MODULE = new URL('./worker.js', import.meta.url);
let batches = 0;
/** Idle workers, started early by warmUp or kept from an earlier batch. */
let idle;
/** Where the workers' module is (tests point it at another one). */
let workerModule = WORKER_MODULE;
/**
 * Starts the workers a codemod may share about `files` files with, so they load the compiler while
 * this thread loads its own and plans. They do not keep the process alive, and cost nothing but
 * that load when no codemod needs them.
 */
export function warmUp(files) {
    if (files !== undefined)
        idle ??= Array.from({ length: workerCount(files) }, () => new PoolWorker(workerModule));
}
/**
 * `each` over `inputs`, on this thread and on workers that run the same function (the codemod's
 * entry in per-file.ts). `each` must not throw: it turns a failure into a result, as a worker must.
 */
export async function mapInputs(codemod, inputs, each) {
    const workers = takeWorkers(inputs.length);
    const next = new Int32Array(new SharedArrayBuffer(4));
    const batch = ++batches;
    const replies = workers.map((worker) => worker.run({ batch, codemod, next, inputs }));
    const results = new Array(inputs.length);
    const done = new Uint8Array(inputs.length);
    for (let i = Atomics.add(next, 0, 1); i < inputs.length; i = Atomics.add(next, 0, 1)) {
        results[i] = each(inputs[i]);
        done[i] = 1;
    }
    // Every input is taken. Unless this thread did them all (a worker still loading takes none, and
    // is not waited for), wait for what the workers took; whatever a failed worker took is done here.
    let byWorkers = 0;
    if (!done.every(Boolean)) {
        for (const worker of workers)
            worker.hold();
        for (const reply of await Promise.all(replies)) {
            byWorkers += reply.length;
            for (const [i, output] of reply) {
                results[i] = output;
                done[i] = 1;
            }
        }
    }
    done.forEach((isDone, i) => {
        if (!isDone)
            results[i] = each(inputs[i]);
    });
    if (process.env.ATX_DEBUG === '1')
        process.stderr.write(`atx: ${workers.length} worker thread(s) did ${byWorkers} of ${inputs.length} files\n`);
    idle = [...(idle ?? []), ...workers.filter((worker) => worker.healthy)];
    return results;
}
/** For tests: the module workers run, and no idle worker started from another. */
export function useWorkerModule(module = WORKER_MODULE) {
    for (const worker of idle ?? [])
        worker.stop();
    idle = undefined;
    workerModule = module;
}
function takeWorkers(inputs) {
    const warm = (idle ?? []).filter((worker) => worker.healthy);
    const wanted = workerCount(inputs);
    idle = warm.slice(wanted);
    const workers = warm.slice(0, wanted);
    while (workers.length < wanted)
        workers.push(new PoolWorker(workerModule));
    return workers;
}
function workerCount(inputs) {
    if (inputs < MIN_INPUTS_FOR_WORKERS || !existsSync(fileURLToPath(workerModule)))
        return 0;
    const asked = process.env.ATX_WORKERS;
    if (asked !== undefined && /^\d+$/.test(asked))
        return Math.min(MAX_WORKERS, Number(asked));
    // One Node.js thread keeps about one and a half cores busy (V8 collects garbage and compiles on
    // threads of its own): measured on a 2-core machine, a worker made the run 10% slower.
    return Math.max(0, Math.min(MAX_WORKERS, Math.floor(availableParallelism() / 2) - 1));
}
class PoolWorker {
    worker;
    healthy = true;
    /** Batches sent and not answered. */
    pending = 0;
    constructor(module) {
        // No environment: nothing of the process's (its secrets included) is needed to convert text.
        this.worker = new Worker(module, { env: {}, stdout: false, stderr: false });
        this.worker.unref();
        this.worker.on('error', () => (this.healthy = false));
        this.worker.on('exit', () => (this.healthy = false));
    }
    /** What the worker did with the batch: nothing when it failed (the caller does its inputs). */
    run(work) {
        if (!this.healthy)
            return Promise.resolve([]);
        return new Promise((resolve) => {
            const finish = (out) => {
                this.worker.off('message', answered).off('error', failed).off('exit', failed);
                if (--this.pending === 0)
                    this.worker.unref();
                resolve(out);
            };
            const answered = (reply) => {
                if (reply.batch === work.batch)
                    finish(reply.done);
            };
            const failed = () => finish([]);
            this.pending++;
            this.worker.on('message', answered).on('error', failed).on('exit', failed);
            this.worker.postMessage(work);
        });
    }
    /** Keeps the process alive until the batches sent are answered (while this thread waits for them). */
    hold() {
        if (this.pending > 0)
            this.worker.ref();
    }
    stop() {
        this.healthy = false;
        void this.worker.terminate();
    }
}
