import { defineConfig } from 'vitest/config';

export default defineConfig({
  // src/util/typescript.cts is TypeScript too (a CommonJS module: see the file).
  oxc: { include: /\.(m?ts|cts|[jt]sx)$/ },
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    pool: 'forks',
    // Most suites wait on git and child processes rather than the CPU: four workers on two
    // cores roughly halve the wall time.
    maxWorkers: 4,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
