import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeCacheDir, runValidationCommands, runValidator } from '../../src/validators/index.js';
import type { ValidatorSpec } from '../../src/definitions/types.js';
import { criterion, makeRepo, type TempRepo } from './helpers.js';

let repo: TempRepo;
afterEach(() => repo?.cleanup());

const reason = 'not run: pass -t (--trust-all-tools) to allow commands';

/** A run without -t: every command is refused, and each one asked about is remembered. */
function refusing() {
  const asked: string[] = [];
  return { asked, permit: async (command: string) => (asked.push(command), { granted: false as const, reason }) };
}

describe('validators when commands may not run', () => {
  it('skip every check that would run the repository or the definition, and run none of it', async () => {
    repo = makeRepo({
      'package.json': JSON.stringify({ name: 'svc', scripts: { test: 'touch ran-test', build: 'touch ran-build' } }),
      'tsconfig.json': '{}\n',
    });
    const gate = refusing();
    const ctx = repo.ctx({ permit: gate.permit, buildCommand: 'touch ran-build', targetVersion: 99 });
    const cases: Array<[ValidatorSpec, string]> = [
      [{ validator: 'command', command: 'touch ran-command' }, 'touch ran-command'],
      [{ validator: 'tests' }, 'npm test'],
      [{ validator: 'build' }, 'touch ran-build'],
      [{ validator: 'typecheck' }, 'npx --no-install tsc --noEmit --pretty false -p tsconfig.json'],
      [{ validator: 'node-runtime' }, 'npm test'],
    ];
    for (const [spec, command] of cases) {
      const result = await runValidator(criterion(spec), ctx);
      expect(result, spec.validator).toEqual({
        status: 'skipped',
        evidence: [
          {
            kind: 'command',
            summary: `\`${command}\` ${reason}`,
            details: expect.objectContaining({ command, notRun: reason }),
          },
        ],
      });
    }
    expect(gate.asked).toEqual(cases.map(([, command]) => command));
    for (const marker of ['ran-test', 'ran-build', 'ran-command'])
      expect(existsSync(join(repo.worktree, marker)), marker).toBe(false);
    // No Node.js was fetched for tests that were not going to run.
    expect(existsSync(nodeCacheDir(ctx.atxHome, 99))).toBe(false);

    const extra = await runValidationCommands({ ...ctx, validationCommands: ['touch ran-validation'] });
    expect(extra.map((r) => r.status)).toEqual(['skipped']);
    expect(existsSync(join(repo.worktree, 'ran-validation'))).toBe(false);
  });

  it('still run atx’s own search (no-match), which runs nothing of the repository', async () => {
    repo = makeRepo({ 'template.yaml': 'Runtime: nodejs18.x\n' });
    const gate = refusing();
    const result = await runValidator(
      criterion({ validator: 'no-match', pattern: 'nodejs18' }),
      repo.ctx({ permit: gate.permit }),
    );
    expect(result.status).toBe('failed');
    expect(gate.asked).toEqual([]);
  });
});
