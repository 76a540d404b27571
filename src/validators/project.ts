// What the project in the scope folder offers: its test command, its tsconfig, a local
// TypeScript. Read from files only; nothing here runs a process.
import { readFile } from 'node:fs/promises';
import { resolveInside } from '../util/confine.js';
import { dirname, join, relative, resolve } from 'node:path';
import { exists } from '../util/fs.js';
import { parseJsonText } from '../util/text-file.js';
import { scopeDir } from './shell.js';
import type { ValidatorContext } from './types.js';

/** npm init writes this placeholder; it is not a test suite. */
const placeholderTest = /no test specified/i;

async function readScripts(dir: string): Promise<Record<string, unknown> | undefined> {
  try {
    // A package.json that is a link out of the repository is not read (resolveInside throws).
    const pkg = parseJsonText(await readFile(await resolveInside(dir, 'package.json'), 'utf8')) as {
      scripts?: unknown;
    };
    return pkg.scripts && typeof pkg.scripts === 'object' ? (pkg.scripts as Record<string, unknown>) : {};
  } catch {
    // No package.json, or one that does not parse: there is no test script to detect.
    return undefined;
  }
}

export interface TestCommand {
  command: string;
  /** Where it came from, for evidence. */
  source: 'context' | 'package.json';
}

/** ctx.testCommand, else `npm test` when package.json has a real test script. */
export async function resolveTestCommand(ctx: ValidatorContext): Promise<TestCommand | undefined> {
  if (ctx.testCommand?.trim()) return { command: ctx.testCommand, source: 'context' };
  const scripts = await readScripts(scopeDir(ctx));
  const test = scripts?.test;
  if (typeof test !== 'string' || !test.trim() || placeholderTest.test(test)) return undefined;
  return { command: 'npm test', source: 'package.json' };
}

/**
 * The folder holding node_modules/typescript, from the scope folder up to the worktree root
 * (a monorepo hoists it to the root).
 */
export async function findLocalTypeScript(ctx: ValidatorContext): Promise<string | undefined> {
  const root = resolve(ctx.worktree);
  let dir = resolve(scopeDir(ctx));
  for (;;) {
    if (await exists(join(dir, 'node_modules', 'typescript', 'package.json'))) return dir;
    if (dir === root || relative(root, dir).startsWith('..')) return undefined;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
