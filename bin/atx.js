#!/usr/bin/env node
// Entry point: everything lives in the compiled CLI (built by `npm ci` through `prepare`).
import module from 'node:module';

// Node.js 22.1 and newer keep V8's compiled code of atx and its packages (TypeScript's compiler is
// 9 MB of it) in Node's own cache folder in the temporary directory, so a second start skips the
// compile; NODE_DISABLE_COMPILE_CACHE=1 turns it off. Where Node.js has no such cache (20), atx
// keeps the compiler's in ATX_HOME/cache/v8 (dist/util/compile-cache.cjs).
module.enableCompileCache?.();
try {
  module.createRequire(import.meta.url)('../dist/util/compile-cache.cjs').enableCompileCache();
} catch {
  // Not built: the import below says so.
}

import('../dist/cli/main.js').catch((error) => {
  if (error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/cli/main.js')) {
    process.stderr.write('atx: the CLI is not built; run `npm run build` (npm ci does it for you)\n');
    process.exit(2);
  }
  throw error;
});
