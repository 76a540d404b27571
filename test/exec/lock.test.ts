// One lock per run: a second resume of a running run changes nothing and says who runs it; a
// killed holder does not block the next resume; contenders for a dead holder's lock never both win.
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { atx, atxBin, git, makeRepo, projectRoot, tempDir, writeFiles } from '../helpers/cli.js';

// `>>` so a step applied twice shows in the file.
const slowDefinition = `# Slow steps

## Objective
Write three files, the second one slowly.

## Summary
Used by the run-lock tests.

## Entry Criteria
- A git repository with at least one commit.

## Implementation Steps

### Phase 1: Write
1. Write a.txt.
   \`\`\`atx
   command: echo a >> a.txt
   \`\`\`
2. Wait, then write b.txt.
   \`\`\`atx
   command: sleep 4 && echo b >> b.txt
   \`\`\`
3. Write c.txt.
   \`\`\`atx
   command: echo c >> c.txt
   \`\`\`

## Constraints and Guardrails
- Touch nothing but a.txt, b.txt and c.txt.

## Validation / Exit Criteria
- c.txt exists.
  \`\`\`atx
  validator: command
  command: test -f c.txt
  \`\`\`
`;

async function stepStatus(home: string, runId: string, step: string): Promise<string | undefined> {
  const text = await readFile(join(home, 'runs', runId, 'state.json'), 'utf8').catch(() => '');
  return text ? JSON.parse(text).steps?.find((s: { id: string }) => s.id === step)?.status : undefined;
}

async function until(what: string, test: () => Promise<boolean> | boolean): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await test())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('run lock', () => {
  it('a second resume of a running run exits 2 naming its pid, touches nothing, and every step is applied once', async () => {
    const home = await tempDir('atx-home-');
    const env = { ATX_HOME: home, NO_COLOR: '1' };
    const sd = await tempDir('atx-def-');
    // Step 1.2 waits until the test opens its gate, however slowly the second resume starts.
    const gate = join(await tempDir('atx-gate-'), 'open');
    await writeFiles(sd, {
      'transformation_definition.md': slowDefinition.replace(
        'sleep 4 && echo b >> b.txt',
        `until [ -e ${gate} ]; do sleep 0.1; done; echo b >> b.txt`,
      ),
    });
    expect(
      (await atx(['custom', 'def', 'publish', '-n', 'Test/slow', '--description', 'slow', '--sd', sd], { env }))
        .exitCode,
    ).toBe(0);
    const repo = await makeRepo({ 'README.md': '# svc\n' });

    // exec, killed in the slow step: its lock names a process that is gone.
    const exec = execa('node', [atxBin, 'custom', 'def', 'exec', '-p', repo, '-n', 'Test/slow', '-x', '-t'], {
      env,
      reject: false,
      stdin: 'ignore',
      detached: true,
    });
    let runId = '';
    await until('step 2 of exec', async () => {
      for (const id of await readdir(join(home, 'runs')).catch(() => [] as string[]))
        if ((await stepStatus(home, id, '1.2')) === 'running') runId = id;
      return runId !== '';
    });
    process.kill(-exec.pid!, 'SIGKILL');
    await exec;

    // The first resume takes the lock over at once (no waiting for it to go stale).
    const first = execa('node', [atxBin, '--conversation-id', runId, '--json'], {
      env,
      reject: false,
      stdin: 'ignore',
    });
    let firstErr = '';
    first.stderr!.on('data', (chunk: Buffer) => (firstErr += chunk.toString()));
    await until('the first resume to reach step 2', () => firstErr.includes('▸ 2/3 1.2 '));
    const stateBefore = await readFile(join(home, 'runs', runId, 'state.json'), 'utf8');

    const second = await atx(['--resume', '--json'], { env });
    expect(second.exitCode).toBe(2);
    expect(second.stderr.trim().split('\n').pop()).toBe(
      `atx: run ${runId} is running (pid ${first.pid}); wait for it to finish, or stop that process first`,
    );
    expect(JSON.parse(second.stdout)).toMatchObject({
      status: 'error',
      runId,
      error: { code: 2, message: expect.stringContaining(`pid ${first.pid}`) },
    });
    // Nothing of the run was touched by the second one.
    expect(await readFile(join(home, 'runs', runId, 'state.json'), 'utf8')).toBe(stateBefore);
    await writeFile(gate, '');

    const done = await first;
    expect(done.exitCode, done.stderr).toBe(0);
    const summary = JSON.parse(done.stdout);
    expect(summary.steps.map((s: { status: string }) => s.status)).toEqual(['completed', 'completed', 'completed']);
    const subjects = (await git(repo, ['log', '--format=%s', `main..${summary.branch}`])).split('\n').reverse();
    expect(subjects).toEqual(['atx: 1.1 Write a.txt.', 'atx: 1.2 Wait, then write b.txt.', 'atx: 1.3 Write c.txt.']);
    for (const file of ['a', 'b', 'c']) expect(await git(repo, ['show', `${summary.branch}:${file}.txt`])).toBe(file);
    // Done: the lock no longer holds anyone, so nothing is running and nothing is left to resume.
    expect((await atx(['--resume'], { env })).stderr).toContain('there is no interrupted run to resume');
  });

  it("of several processes taking over a dead holder's lock at once, exactly one wins", async () => {
    const runDir = await tempDir('atx-run-');
    const dead = (await execa('node', ['-e', 'process.stdout.write(String(process.pid))'])).stdout;
    await mkdir(join(runDir, 'lock'));
    await writeFile(
      join(runDir, 'lock', '1.lock'),
      JSON.stringify({ pid: Number(dead), host: (await import('node:os')).hostname() }),
    );
    const lockModule = pathToFileURL(join(projectRoot, 'dist/executor/run-lock.js')).href;
    const contender = `
      const { acquireRunLock } = await import(${JSON.stringify(lockModule)});
      try {
        const lock = await acquireRunLock(${JSON.stringify(runDir)}, 'r');
        process.stdout.write('won');
        await new Promise((r) => setTimeout(r, 8000));
        await lock.release();
      } catch (error) {
        process.stdout.write(error.name === 'RunBusyError' ? 'busy' : 'error ' + error.message);
      }`;
    const results = await Promise.all(
      Array.from({ length: 6 }, () => execa('node', ['--input-type=module', '-e', contender], { reject: false })),
    );
    const outcomes = results.map((r) => r.stdout || r.stderr).sort();
    expect(outcomes).toEqual(['busy', 'busy', 'busy', 'busy', 'busy', 'won']);
    // The winner released it: the next one takes it.
    const after = await execa('node', ['--input-type=module', '-e', contender.replace('8000', '0')], { reject: false });
    expect(after.stdout).toBe('won');
  });

  it('starts no command whose process group atx was killed before recording', async () => {
    // atx dies in the instant between starting a command and recording its group: nobody could
    // stop that command later, so it must not run at all.
    const dir = await tempDir('atx-gate-');
    const proc = pathToFileURL(join(projectRoot, 'dist/util/proc.js')).href;
    const script = `
      const { runShell, trackProcessGroups } = await import(${JSON.stringify(proc)});
      trackProcessGroups({ started: () => process.kill(process.pid, 'SIGKILL'), ended: () => undefined });
      await runShell('echo ran > ran.txt', { cwd: ${JSON.stringify(dir)} });`;
    const killed = await execa('node', ['--input-type=module', '-e', script], { reject: false });
    expect(killed.signal).toBe('SIGKILL');
    await new Promise((r) => setTimeout(r, 1000));
    expect(await readdir(dir)).toEqual([]);
    // Recorded, it runs as before.
    const ran = await execa(
      'node',
      ['--input-type=module', '-e', script.replace("process.kill(process.pid, 'SIGKILL')", 'undefined')],
      { reject: false },
    );
    expect(ran.exitCode, ran.stderr).toBe(0);
    expect(await readFile(join(dir, 'ran.txt'), 'utf8')).toBe('ran\n');
  });

  it('stops the commands a killed run left running before its resume touches the worktree', async () => {
    const home = await tempDir('atx-home-');
    const env = { ATX_HOME: home, NO_COLOR: '1' };
    const sd = await tempDir('atx-def-');
    // Step 1.2 writes late, after atx itself is gone.
    await writeFiles(sd, {
      'transformation_definition.md': slowDefinition.replace(
        'sleep 4 && echo b >> b.txt',
        'sleep 3 && echo b >> b.txt',
      ),
    });
    expect(
      (await atx(['custom', 'def', 'publish', '-n', 'Test/slow', '--description', 'slow', '--sd', sd], { env }))
        .exitCode,
    ).toBe(0);
    const repo = await makeRepo({ 'README.md': '# svc\n' });
    // Not detached: only atx is killed, as `kill -9 <pid>` would; its command lives on in its own group.
    const exec = execa('node', [atxBin, 'custom', 'def', 'exec', '-p', repo, '-n', 'Test/slow', '-x', '-t'], {
      env,
      reject: false,
      stdin: 'ignore',
    });
    let runId = '';
    await until('step 2 of exec', async () => {
      for (const id of await readdir(join(home, 'runs')).catch(() => [] as string[]))
        if ((await stepStatus(home, id, '1.2')) === 'running') runId = id;
      return runId !== '';
    });
    // Let the step's command start, then kill atx.
    await new Promise((r) => setTimeout(r, 500));
    exec.kill('SIGKILL');
    await exec;

    const resumed = await atx(['--conversation-id', runId, '--json'], { env });
    expect(resumed.exitCode, resumed.stderr).toBe(0);
    const summary = JSON.parse(resumed.stdout);
    // The left-over command did not write into the resumed run: step 1.2 happened once.
    expect(await git(repo, ['show', `${summary.branch}:b.txt`])).toBe('b');
  });
});
