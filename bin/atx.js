#!/usr/bin/env node
// Entry point: everything lives in the compiled CLI (built by `npm ci` through `prepare`).
import('../dist/cli/main.js').catch((error) => {
  if (error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/cli/main.js')) {
    process.stderr.write('atx: the CLI is not built; run `npm run build` (npm ci does it for you)\n');
    process.exit(2);
  }
  throw error;
});
