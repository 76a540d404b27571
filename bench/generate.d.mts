// Types of generate.mjs for the tests that build repositories with it.
export function generateHandlerRepo(dir: string, files: number): string[];
export function gitCommitAll(dir: string): void;
