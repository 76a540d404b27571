// The table of built-in codemods. Each is loaded only when a plan uses it, so startup stays light.
import type { Codemod } from './types.js';

const loaders = {
  'lambda-callback-to-async': async () => (await import('./lambda-callback-to-async/index.js')).codemod,
  'nodejs-runtime-upgrade': async () => (await import('./nodejs-runtime/index.js')).codemod,
  'nodejs24-behaviour-check': async () => (await import('./nodejs-runtime/behaviour-check.js')).codemod,
  'nodejs-command-changes': async () => (await import('./nodejs-runtime/commands/index.js')).codemod,
  'aws-sdk-v2-to-v3': async () => (await import('./aws-sdk-v2-to-v3/index.js')).codemod,
  'learned-rewrite': async () => (await import('./learned-rewrite/index.js')).codemod,
} satisfies Record<string, () => Promise<Codemod>>;

export type CodemodName = keyof typeof loaders;
export const codemodNames = Object.keys(loaders) as CodemodName[];

export function isCodemodName(name: string): name is CodemodName {
  return Object.hasOwn(loaders, name);
}

export async function loadCodemod(name: CodemodName): Promise<Codemod> {
  return loaders[name]();
}
