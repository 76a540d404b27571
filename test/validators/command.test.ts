import { afterEach, describe, expect, it } from 'vitest';
import { InterruptedError } from '../../src/errors.js';
import { runValidationCommands, runValidator, validators, validatorSpecProblem } from '../../src/validators/index.js';
import { validatorNames } from '../../src/validators/names.js';
import { criterion, makeRepo, type TempRepo } from './helpers.js';

let repo: TempRepo;
afterEach(() => repo?.cleanup());

describe('command validator and criteria without a check', () => {
  it('passes when the command exits 0 in the worktree, fails otherwise', async () => {
    repo = makeRepo({ 'config.json': '{"runtime":"nodejs24.x"}\n' });
    // The command sees the worktree's files: it parses the config the transformation produced.
    const check =
      "node -e \"const c=require('./config.json'); if (c.runtime !== 'nodejs24.x') process.exit(1); console.log(c.runtime)\"";
    const ok = await runValidator(criterion({ validator: 'command', command: check }), repo.ctx());
    expect(ok.status).toBe('passed');
    expect(ok.evidence[0].details).toMatchObject({ command: check, exitCode: 0, outputTail: 'nodejs24.x' });

    repo.write('config.json', '{"runtime":"nodejs18.x"}\n');
    const bad = await runValidator(criterion({ validator: 'command', command: check }), repo.ctx());
    expect(bad.status).toBe('failed');
    expect(bad.evidence[0].details.exitCode).toBe(1);
  });

  it('a command criterion without a command fails with a clear message', async () => {
    repo = makeRepo({ 'a.txt': '' });
    const result = await runValidator(criterion({ validator: 'command' }), repo.ctx());
    expect(result.status).toBe('failed');
    expect(result.evidence[0].summary).toMatch(/gives no `command`/);
  });

  it('a criterion without a validator block is skipped: a person or the model must judge it', async () => {
    repo = makeRepo({ 'a.txt': '' });
    const result = await runValidator({ id: 'exit-3', text: 'Handlers behave as before' }, repo.ctx());
    expect(result.status).toBe('skipped');
    expect(result.evidence[0].summary).toMatch(/needs a person or the model/);
    expect(result.evidence[0].details).toEqual({ criterion: 'Handlers behave as before' });
  });

  it('an unknown validator fails and is reported as a definition problem', async () => {
    repo = makeRepo({ 'a.txt': '' });
    const result = await runValidator(criterion({ validator: 'lint' }), repo.ctx());
    expect(result.status).toBe('failed');
    expect(result.evidence[0].summary).toContain('unknown validator "lint"');
    expect(validatorSpecProblem({ validator: 'lint' })).toMatch(/expected one of: build, tests, typecheck/);
    expect(validatorSpecProblem({ validator: 'no-match', pattern: 'nodejs18' })).toBeUndefined();
    expect(validatorSpecProblem({ validator: 'command' })).toMatch(/needs a `command`/);
  });

  it('every validator kind has a check, and a scope folder missing from the worktree fails clearly', async () => {
    expect(Object.keys(validators).sort()).toEqual([...validatorNames].sort());
    repo = makeRepo({ 'a.txt': '' });
    const result = await runValidator(
      criterion({ validator: 'command', command: 'true' }),
      repo.ctx({ scope: 'packages/gone' }),
    );
    expect(result.status).toBe('failed');
    expect(result.evidence[0].summary).toMatch(/scope folder "packages\/gone" does not exist/);
  });

  it('runValidationCommands runs each configured command in order, in the scope folder', async () => {
    repo = makeRepo({ 'packages/api/marker.txt': 'api\n' });
    const results = await runValidationCommands(
      repo.ctx({ scope: 'packages/api', validationCommands: ['cat marker.txt', 'test -f missing.txt'] }),
    );
    expect(results.map((r) => r.status)).toEqual(['passed', 'failed']);
    expect(results[0].evidence[0].details).toMatchObject({
      command: 'cat marker.txt',
      outputTail: 'api',
      cwd: 'packages/api',
    });
    expect(await runValidationCommands(repo.ctx())).toEqual([]);
  });

  it('an abort stops the whole process tree and throws InterruptedError', async () => {
    repo = makeRepo({ 'a.txt': '' });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const started = Date.now();
    // npm-like: a shell whose grandchild would keep the output pipe open for 30 s.
    const hung = criterion({ validator: 'command', command: 'node -e "setTimeout(() => {}, 30000)" && echo done' });
    await expect(runValidator(hung, repo.ctx({ signal: controller.signal }))).rejects.toBeInstanceOf(InterruptedError);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
