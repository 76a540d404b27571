import { mkdirSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runValidator } from '../../src/validators/index.js';
import { findLocalTypeScript } from '../../src/validators/project.js';
import { criterion, makeRepo, type TempRepo } from './helpers.js';

let repo: TempRepo;
afterEach(() => repo?.cleanup());

const tsconfig = JSON.stringify({
  compilerOptions: {
    strict: true,
    noEmit: true,
    types: [],
    lib: ['ES2022'],
    skipLibCheck: true,
    target: 'ES2022',
    module: 'NodeNext',
  },
  include: ['src'],
});
const handler =
  'export async function handler(event: { name: string }): Promise<string> {\n  return `hello ${event.name}`;\n}\n';

/** "npm install" for the test: the project's node_modules gets this repository's TypeScript. */
function installTypeScript(dir: string): void {
  mkdirSync(join(dir, 'node_modules', '.bin'), { recursive: true });
  symlinkSync(resolve('node_modules/typescript'), join(dir, 'node_modules', 'typescript'));
  symlinkSync('../typescript/bin/tsc', join(dir, 'node_modules', '.bin', 'tsc'));
}

describe('typecheck validator', () => {
  it('runs the local tsc: passes on sound code, fails with the compiler error on a type error', async () => {
    repo = makeRepo({ 'tsconfig.json': tsconfig, 'src/handler.ts': handler, '.gitignore': 'node_modules\n' });
    installTypeScript(repo.worktree);
    const ok = await runValidator(criterion({ validator: 'typecheck' }), repo.ctx());
    expect(ok.status).toBe('passed');
    expect(ok.evidence[0].details).toMatchObject({
      command: 'npx --no-install tsc --noEmit --pretty false -p tsconfig.json',
      exitCode: 0,
    });

    repo.write('src/handler.ts', handler.replace('`hello ${event.name}`', 'event.name.length'));
    const bad = await runValidator(criterion({ validator: 'typecheck' }), repo.ctx());
    expect(bad.status).toBe('failed');
    expect(String(bad.evidence[0].details.outputTail)).toContain(
      "error TS2322: Type 'number' is not assignable to type 'string'",
    );
    // The base commit type-checked: the error is the run's, with its file, line and code.
    expect(bad.evidence.map((e) => e.summary)).toContain(
      "src/handler.ts:2 TS2322 Type 'number' is not assignable to type 'string'.",
    );
    expect(bad.evidence.find((e) => e.kind === 'metric')?.details).toEqual({ before: 0, after: 1, new: 1 });
  });

  it('does not blame the run for errors the base commit had, and names only the ones it added', async () => {
    const oldError = 'export const count: number = "three";\n';
    repo = makeRepo({
      'tsconfig.json': tsconfig,
      'src/handler.ts': handler,
      'src/legacy.ts': oldError,
      '.gitignore': 'node_modules\n',
    });
    installTypeScript(repo.worktree);
    // A line added above the old error moves it: it is still the same error.
    repo.write('src/legacy.ts', `// moved down\n${oldError}`);
    const same = await runValidator(criterion({ validator: 'typecheck' }), repo.ctx());
    expect(same.status).toBe('passed');
    expect(same.evidence.find((e) => e.kind === 'metric')?.summary).toBe(
      'No new type error: the 1 error(s) after the run were there at the base commit',
    );

    repo.write('src/handler.ts', handler.replace('`hello ${event.name}`', 'event.name.length'));
    const added = await runValidator(criterion({ validator: 'typecheck' }), repo.ctx());
    expect(added.status).toBe('failed');
    expect(added.evidence.filter((e) => e.kind === 'file').map((e) => e.details)).toEqual([
      {
        file: 'src/handler.ts',
        line: 2,
        column: 3,
        code: 'TS2322',
        message: "Type 'number' is not assignable to type 'string'.",
      },
    ]);
  });

  it('fails without comparing when the base commit declares other packages and may not install them', async () => {
    repo = makeRepo({ 'tsconfig.json': tsconfig, 'src/handler.ts': handler, '.gitignore': 'node_modules\n' });
    installTypeScript(repo.worktree);
    repo.write('package.json', '{ "name": "svc", "devDependencies": { "typescript": "*" } }\n');
    repo.write('src/handler.ts', handler.replace('`hello ${event.name}`', 'event.name.length'));
    const permit = async (command: string) =>
      command.includes('tsc') ? { granted: true as const } : { granted: false as const, reason: 'was refused' };
    const result = await runValidator(criterion({ validator: 'typecheck' }), repo.ctx({ permit }));
    expect(result.status).toBe('failed');
    expect(result.evidence.at(-1)?.summary).toMatch(
      /^1 type error\(s\) after the run; not compared with the base commit: atx may not install the packages the base commit declares/,
    );
  });

  it('finds TypeScript hoisted to the monorepo root when checking a package', async () => {
    repo = makeRepo({
      'packages/api/tsconfig.json': tsconfig,
      'packages/api/src/handler.ts': handler,
      '.gitignore': 'node_modules\n',
    });
    const ctx = repo.ctx({ scope: 'packages/api' });
    expect(await findLocalTypeScript(ctx)).toBeUndefined();
    installTypeScript(repo.worktree);
    expect(await findLocalTypeScript(ctx)).toBe(repo.worktree);
    // Never above the worktree: a TypeScript in a parent folder is not the project's.
    expect(await findLocalTypeScript({ ...ctx, worktree: join(repo.worktree, 'packages') })).toBeUndefined();
  });

  it('is skipped without a tsconfig.json, or without a local TypeScript', async () => {
    repo = makeRepo({ 'index.js': 'module.exports = {};\n' });
    const noConfig = await runValidator(criterion({ validator: 'typecheck' }), repo.ctx());
    expect(noConfig.status).toBe('skipped');
    expect(noConfig.evidence[0].summary).toMatch(/No tsconfig.json/);

    repo.write('tsconfig.json', tsconfig);
    const noCompiler = await runValidator(criterion({ validator: 'typecheck' }), repo.ctx());
    expect(noCompiler.status).toBe('skipped');
    expect(noCompiler.evidence[0].summary).toMatch(/TypeScript is not installed locally/);
  });
});
