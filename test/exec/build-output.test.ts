// What the build after a phase writes is not the next step's work: output the repository ignores
// stays out of every commit, output it does not ignore is reported and removed.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { atx, git, makeRepo, projectRoot, tempDir } from '../helpers/cli.js';

describe('build output', () => {
  it('never reaches a commit; output the repository does not ignore is reported', async () => {
    const env = { ATX_HOME: await tempDir('atx-home-') };
    const sd = join(projectRoot, 'fixtures/exec/mechanics');
    expect(
      (await atx(['custom', 'def', 'publish', '-n', 'Test/mechanics', '--description', 'm', '--sd', sd], { env }))
        .exitCode,
    ).toBe(0);
    const repo = await makeRepo({ '.gitignore': 'dist/\n', 'README.md': '# svc\n' });
    const build = 'echo out > out.txt && mkdir -p dist && echo built > dist/x.js';
    const run = await atx(
      ['custom', 'def', 'exec', '-p', repo, '-n', 'Test/mechanics', '-c', build, '-x', '-t', '--json'],
      { env },
    );
    expect(run.exitCode, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary.status).toBe('succeeded');
    expect(summary.builds.map((b: { phase: number; exitCode: number }) => [b.phase, b.exitCode])).toEqual([
      [1, 0],
      [2, 0],
    ]);

    // Each step's commit holds its own file only; no commit of the branch holds the build's output.
    const touched = await git(repo, ['log', '--format=', '--name-only', `${summary.baseCommit}..${summary.branch}`]);
    expect(touched.split('\n').filter(Boolean).sort()).toEqual(['a.txt', 'b.txt', 'c.txt']);
    expect(await git(repo, ['ls-tree', '-r', '--name-only', summary.branch])).toBe(
      '.gitignore\nREADME.md\na.txt\nb.txt\nc.txt',
    );

    const reported = summary.findings.filter((f: { rule: string }) => f.rule === 'atx/build-output-not-ignored');
    expect(reported).toEqual([expect.objectContaining({ file: 'out.txt', severity: 'warning' })]);
    // dist/x.js is ignored: not listed, and the one file listed is out.txt.
    expect(reported[0].message).toContain(
      '(build after phase 1) wrote 1 file the repository does not ignore: out.txt.',
    );
  });
});
