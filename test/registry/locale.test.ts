// atx tells git's outcomes apart by git's words (a refused push is retried, a missing revision
// means an empty remote): a person whose git speaks German must get the same behaviour.
import { execFileSync } from 'node:child_process';
import { chmod, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openRegistry } from '../../src/registry/index.js';
import { gitAt, gitOutput, gitProgram } from '../../src/util/git.js';
import { runProgram } from '../../src/util/proc.js';
import { bareRemote, definitionFolder, git, gitEnv, remoteIndex, tempDir } from './helpers.js';

const german = { LANGUAGE: 'de', LC_ALL: 'C.UTF-8', LANG: 'C.UTF-8' };

/** Whether git on this machine answers in German when asked to (its translations are installed). */
function gitSpeaksGerman(): boolean {
  try {
    execFileSync('git', ['rev-parse', '--verify', 'no-such-revision'], {
      cwd: '/',
      env: { ...process.env, ...german },
      stdio: 'pipe',
    });
  } catch (error) {
    return /Schwerwiegend|kein Git-Repository/i.test(String((error as { stderr?: Buffer }).stderr));
  }
  return false;
}

const speaksGerman = gitSpeaksGerman();

/**
 * A `git` first on PATH that, at the first push it sees, lets someone else push to `remote`
 * first (a commit adding `interloper.txt`), then runs the real git: that push is lost.
 */
async function gitLosingFirstPush(remote: string): Promise<{ bin: string; marker: string }> {
  const dir = await tempDir('atx-fake-git-');
  const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
  const marker = join(dir, 'interloper-pushed');
  const script = `#!/bin/sh
case " $* " in
  *" push "*)
    if [ ! -e '${marker}' ]; then
      touch '${marker}'
      other='${dir}/other'
      '${realGit}' clone -q '${remote}' "$other" >/dev/null 2>&1
      echo hi > "$other/interloper.txt"
      '${realGit}' -C "$other" add interloper.txt
      GIT_AUTHOR_NAME=eve GIT_AUTHOR_EMAIL=eve@example.com '${realGit}' -C "$other" commit -q -m interloper
      '${realGit}' -C "$other" push -q origin HEAD >/dev/null 2>&1
    fi;;
esac
exec '${realGit}' "$@"
`;
  await writeFile(join(dir, 'git'), script);
  await chmod(join(dir, 'git'), 0o755);
  return { bin: dir, marker };
}

describe('git speaking another language', () => {
  it('every git process atx starts is told to speak English (LC_ALL=C)', async () => {
    const repo = await tempDir('atx-locale-');
    execFileSync('git', ['init', '-q', repo]);
    execFileSync('git', ['-C', repo, 'config', 'alias.showenv', '!env']);
    const env = { ...process.env, ...german };
    expect(await gitAt(repo, env).raw(['showenv'])).toMatch(/^LC_ALL=C$/m);
    expect(await gitAt(repo, env, { remote: true }).raw(['showenv'])).toMatch(/^LC_ALL=C$/m);
    expect(await gitOutput(repo, ['showenv'], env)).toMatch(/^LC_ALL=C$/m);
    const program = gitProgram(['showenv']);
    expect((await runProgram(program.file, program.args, { cwd: repo, env: program.env })).output).toMatch(
      /^LC_ALL=C$/m,
    );
  });

  it.skipIf(!speaksGerman && !process.env.CI)(
    'publishes to an empty remote and retries a lost push, with LANGUAGE=de',
    async () => {
      expect(
        speaksGerman,
        "git does not speak German here: install git's translations (Debian: the git package's locale files)",
      ).toBe(true);
      const remote = await bareRemote();
      const fake = await gitLosingFirstPush(remote);
      const env = { ...gitEnv('ana'), ...german, PATH: `${fake.bin}:${process.env.PATH}` };
      const atxHome = await tempDir('atx-home-ana-');
      const ana = openRegistry({ atxHome, teamUrl: remote, awsDir: join(atxHome, 'no-aws'), author: 'ana', env });

      // The remote is empty (git says so in German without LC_ALL=C), then someone else pushes
      // first: the refused push is taken for what it is, and the change made again on top.
      expect(await ana.publish('MyOrg/widgets', 'Widget upgrade', await definitionFolder('from-ana'))).toMatchObject({
        version: '1',
      });
      expect(existsSync(fake.marker)).toBe(true);
      expect(git(remote, 'log', '--format=%an|%s', 'HEAD').trim().split('\n')).toEqual([
        'ana|atx: publish MyOrg/widgets version 1',
        'eve|interloper',
      ]);
      expect(remoteIndex(remote, 'MyOrg/widgets').versions.map((v) => v.version)).toEqual(['1']);
    },
  );
});
