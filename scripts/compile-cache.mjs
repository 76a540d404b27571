#!/usr/bin/env node
// Part of `npm run build`: keeps V8's compiled code of the TypeScript compiler, made with the
// Node.js that builds atx, in dist/cache/v8 (src/util/compile-cache.cts), so a first run with the
// same Node.js (a CI job after npm ci) does not compile it. Node.js 22.1 and newer keep a cache of
// their own, which atx uses instead: nothing is made for them.
import module from 'node:module';

if (typeof module.enableCompileCache !== 'function') {
  const cache = module.createRequire(import.meta.url)('../dist/util/compile-cache.cjs');
  if (!cache.writeBuiltCache('@ts-morph/common/dist/typescript.js')) {
    process.stderr.write('note: no compiled code of the TypeScript compiler was kept in dist/cache/v8\n');
  }
}
