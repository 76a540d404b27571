// The table of built-in codemods. Each is loaded only when a plan uses it, so startup stays
// light; what the planner and the knowledge rules need to know of one without running it (the
// family of targets it works towards, the options feedback can set) is declared here beside it.
import { sdkOptions } from './aws-sdk-v2-to-v3/options.js';
import { nodejsTarget } from './nodejs-runtime/family.js';
import { pythonTarget } from './python-runtime/family.js';
import type { Codemod, CodemodOption, TargetFamily } from './types.js';

interface Entry {
  load(): Promise<Codemod>;
  /** The family whose target the codemod works towards: a definition using it gets a target of that family (the default when none is named). */
  target?: TargetFamily;
  /** Options plan-review feedback can set. */
  options?: Readonly<Record<string, CodemodOption>>;
}

const table = {
  'lambda-callback-to-async': {
    load: async () => (await import('./lambda-callback-to-async/index.js')).codemod,
    target: nodejsTarget,
  },
  'nodejs-runtime-upgrade': {
    load: async () => (await import('./nodejs-runtime/index.js')).codemod,
    target: nodejsTarget,
  },
  'typescript-upgrade': {
    load: async () => (await import('./nodejs-runtime/typescript-upgrade.js')).codemod,
    target: nodejsTarget,
  },
  'nodejs24-behaviour-check': {
    load: async () => (await import('./nodejs-runtime/behaviour-check.js')).codemod,
    target: nodejsTarget,
  },
  'nodejs-command-changes': {
    load: async () => (await import('./nodejs-runtime/commands/index.js')).codemod,
    target: nodejsTarget,
  },
  'python-runtime-upgrade': {
    load: async () => (await import('./python-runtime/index.js')).codemod,
    target: pythonTarget,
  },
  'python-removed-features': {
    load: async () => (await import('./python-removed-features/index.js')).codemod,
    target: pythonTarget,
  },
  'aws-sdk-v2-to-v3': { load: async () => (await import('./aws-sdk-v2-to-v3/index.js')).codemod, options: sdkOptions },
  'aws-sdk-test-mocks': { load: async () => (await import('./aws-sdk-test-mocks/index.js')).codemod },
  'lambda-fleet-inventory': {
    load: async () => (await import('./fleet-inventory/index.js')).codemod,
  },
  'learned-rewrite': { load: async () => (await import('./learned-rewrite/index.js')).codemod },
} satisfies Record<string, Entry>;

export type CodemodName = keyof typeof table;
export const codemodNames = Object.keys(table) as CodemodName[];

export function isCodemodName(name: string): name is CodemodName {
  return Object.hasOwn(table, name);
}

export async function loadCodemod(name: CodemodName): Promise<Codemod> {
  return table[name].load();
}

/** The family of targets a codemod works towards, if it works towards one. */
export function codemodTarget(name: string): TargetFamily | undefined {
  return isCodemodName(name) ? (table[name] as Entry).target : undefined;
}

/** Every option a codemod declares that feedback can set, with the codemod's name. */
export function settableOptions(): Array<{ codemod: CodemodName; option: string; spec: CodemodOption }> {
  return codemodNames.flatMap((codemod) =>
    Object.entries((table[codemod] as Entry).options ?? {}).map(([option, spec]) => ({ codemod, option, spec })),
  );
}
