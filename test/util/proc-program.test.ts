// runProgram: a program with an argument array, under runShell's guards. Arguments arrive as
// they were given, whatever shell syntax they hold; secrets stay out; timeouts stop it.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandLine, runProgram } from '../../src/util/proc.js';
import { tempDir } from '../helpers/cli.js';

const printArgs = 'process.stdout.write(JSON.stringify(process.argv.slice(1)))';

describe('runProgram', () => {
  it('hands every argument over unread by a shell, and shows the command as a shell line', async () => {
    const dir = await tempDir('atx-proc-');
    const args = [
      '$(touch pwned-1)',
      '`touch pwned-2`',
      'a; touch pwned-3',
      'it\'s "quoted"',
      'two\nlines',
      '*',
      '',
      '$HOME',
    ];
    const run = await runProgram(process.execPath, ['-e', printArgs, ...args], { cwd: dir });
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.output)).toEqual(args);
    for (const marker of ['pwned-1', 'pwned-2', 'pwned-3']) expect(existsSync(join(dir, marker))).toBe(false);
    expect(run.command).toBe(commandLine(process.execPath, ['-e', printArgs, ...args]));
    expect(commandLine('npm', ['install', '--prefix', '/tmp/a b', "it's", 'node@24'])).toBe(
      `npm install --prefix '/tmp/a b' 'it'\\''s' node@24`,
    );
  });

  it('gives the program no secret variable, unless passed on', async () => {
    const env = { MY_SERVICE_TOKEN: 'tok-0123456789', ANTHROPIC_API_KEY: 'sk-ant-test-42424242', KEPT: 'yes' };
    const run = await runProgram('env', [], { cwd: '/', env });
    expect(run.output).toMatch(/^KEPT=yes$/m);
    expect(run.output).not.toMatch(/^(MY_SERVICE_TOKEN|ANTHROPIC_API_KEY)=/m);
    const passed = await runProgram('env', [], { cwd: '/', env: { ...env, ATX_PASS_ENV: 'MY_SERVICE_TOKEN' } });
    expect(passed.output).toMatch(/^MY_SERVICE_TOKEN=tok-0123456789$/m);
  });

  it('stops the program at the timeout and when aborted', async () => {
    const timed = await runProgram('sleep', ['30'], { cwd: '/', timeoutMs: 300 });
    expect(timed.timedOut).toBe(true);
    expect(timed.durationMs).toBeLessThan(10_000);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const aborted = await runProgram('sleep', ['30'], { cwd: '/', signal: controller.signal });
    expect(aborted.timedOut).toBe(false);
    expect(aborted.exitCode).not.toBe(0);
    expect(aborted.durationMs).toBeLessThan(10_000);
  });

  it('reports a program that does not exist as a failed run, not a crash', async () => {
    const run = await runProgram('atx-no-such-program', ['--version'], { cwd: '/' });
    expect(run.exitCode).toBe(127);
  });
});
