// The real binary in a pseudo-terminal (tmux), typed to the way people talk rather than the
// README's phrasings: each failure of issue 16 is tried here again — answers sent in one burst
// at start-up and mid-session, paths in words, a plan review that says "not yet", help and
// sideways moves, a description that names nothing, a pasted guide, a line typed during a run.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { atxBin, git, makeRepo, tempDir } from '../helpers/cli.js';
import { describePty, screen, tmux, type, waitFor } from './tmux.js';

interface Said {
  from: string;
  text: string;
}

async function transcript(atxHome: string): Promise<Said[]> {
  const [saved] = await readdir(join(atxHome, 'conversations'));
  return JSON.parse(await readFile(join(atxHome, 'conversations', saved!), 'utf8')).transcript as Said[];
}

/** What the person said, as the conversation recorded it. */
async function spoken(atxHome: string): Promise<string[]> {
  return (await transcript(atxHome)).filter((m) => m.from === 'you').map((m) => m.text);
}

/** Keys sent in one burst (as a paste or a fast typist would), Enters included. */
async function burst(lines: string[]): Promise<void> {
  await tmux('send-keys', '-t', 'atx', '-l', lines.map((l) => `${l}\r`).join(''));
}

async function start(cwd: string, atxHome: string, args = '', shell = ''): Promise<void> {
  const conf = join(atxHome, 'tmux.conf');
  await writeFile(conf, 'set -g history-limit 50000\n');
  const env = `${shell}ATX_HOME=${atxHome} ATX_REGISTRY_URL= ANTHROPIC_API_KEY= NO_COLOR=1 ATX_GIT_COMMITTER_NAME=atx ATX_GIT_COMMITTER_EMAIL=atx@localhost`;
  await tmux(
    '-f',
    conf,
    'new-session',
    '-d',
    '-s',
    'atx',
    '-x',
    '150',
    '-y',
    '50',
    '-c',
    cwd,
    `env ${env} node ${atxBin} ${args}; echo "ATX-EXIT=$?"; sleep 120`,
  );
}

describePty('atx in a terminal, in ordinary words', () => {
  it('keeps a burst typed before the first screen, finds a path in words, holds the plan on "not yet", and holds a line typed during the run', async () => {
    const root = await tempDir('atx-pty-words-');
    const origin = await makeRepo({
      'package.json': '{\n  "name": "svc",\n  "engines": { "node": ">=18" }\n}\n',
      '.nvmrc': '18\n',
    });
    await git(root, ['clone', '-q', origin, join(root, 'repos', 'lambda-svc')]);
    const atxHome = await tempDir('atx-pty-home-');
    // A shell with CI set (as in CI itself, or a CI-flavoured dev container): the prompt and
    // what is held in it must still be drawn.
    await start(root, atxHome, '-t', 'CI=true ');
    // Two answers in one burst, sent before atx has drawn anything.
    await burst(['the node upgrade please', 'its at repos/lambda-svc']);
    await waitFor('Which command builds');
    expect(await screen()).toMatch(/Repository: \S+\/repos\/lambda-svc\./);
    expect(await screen()).not.toContain('There is no folder');
    await type('node -e "process.exit(0)"');
    await waitFor('Review the plan');

    await type('dont proceed yet, first skip step 2');
    await waitFor('Nothing runs until you accept');
    await type('what can I say here?');
    await waitFor('At plan review you can say');
    await type('skip the last step');
    await waitFor(/3\.1, agent\) .*\[skipped-by-user\]/);
    expect(await screen()).not.toContain('Plan accepted');

    // Typed ahead in the same burst as the go-ahead: held in the prompt once the run starts,
    // never taken as the answer to the question after the run.
    await burst(['ok go', 'and another thing']);
    const done = await waitFor('Anything else?', 180_000);
    expect(done).toMatch(/2\. \(1\.2, codemod\) .*\[skipped-by-user\]/);
    expect(done).toMatch(/1\.2 .*skipped \(skipped at plan review\)/);
    expect(done).toMatch(/✔ 2\.1 .*completed → commit [0-9a-f]{12}/);
    // Progress as complete as `exec`: the build after the phase with its result, each exit
    // criterion with its name, status and evidence.
    expect(done).toMatch(/✔ build after phase 2 \(`node -e "process\.exit\(0\)"`\): passed \d+\.\d s/);
    expect(done).toMatch(
      /✔ The project builds with the build command\.: passed\n\s+`node -e "process\.exit\(0\)"` exited 0 in \d+ ms/,
    );
    expect(done).toMatch(
      /– The TypeScript sources type-check against the new `@types\/node`\.: skipped\n\s+No tsconfig\.json/,
    );
    // No bare "passed" / "skipped" line without its criterion's name.
    expect((await transcript(atxHome)).filter((m) => /^\s*(passed|failed|skipped)\s*$/.test(m.text))).toEqual([]);
    await waitFor('› and another thing');
    expect(await spoken(atxHome)).not.toContain('and another thing');

    // Mid-session: the held line is cleared, then two answers arrive in one burst.
    await tmux('send-keys', '-t', 'atx', 'C-u');
    await burst(['use a different, existing transformation', '1']);
    await waitFor(/Using AWS\/\S+ v[\d.]+:[\s\S]*path of the repository/);
    await type('/etc');
    await waitFor('/etc is not a git repository');
    await type('quit');
    await waitFor('ATX-EXIT=0');

    const said = await spoken(atxHome);
    expect(said).toEqual([
      'the node upgrade please',
      'its at repos/lambda-svc',
      'node -e "process.exit(0)"',
      'dont proceed yet, first skip step 2',
      'what can I say here?',
      'skip the last step',
      'ok go',
      'use a different, existing transformation',
      '1',
      '/etc',
      'quit',
    ]);
    const branch = /Result branch: (\S+)/.exec(done)![1]!;
    expect(await git(join(root, 'repos', 'lambda-svc'), ['show', `${branch}:.nvmrc`])).toBe('24');
  }, 300_000);

  it('asks again for "banana", takes a pasted guide as one answer, puts added steps in their phase, and goes back and starts over', async () => {
    const root = await tempDir('atx-pty-guide-');
    const atxHome = await tempDir('atx-pty-home-');
    await start(root, atxHome);
    await waitFor('create a new one');
    await type('something of my own');
    await waitFor('Describe the transformation');
    await type('banana');
    await waitFor('does not say what to migrate');
    await type('help');
    await waitFor('Say what the transformation changes');
    await type('express 4 to 5');
    await waitFor('no built-in knowledge of this migration');
    // A guide pasted as the terminal pastes it (bracketed), ending in a line break.
    await writeFile(
      join(root, 'guide.md'),
      '# Moving to Express 5\n\n## Install Express 5\n\nUpgrade the package first.\n\n```sh\nnpm install express@5\n```\n\n## Replace app.del\n\nUse app.delete instead.\n\n```js\napp.delete("/x", h)\n```\n',
    );
    await tmux('load-buffer', '-b', 'guide', join(root, 'guide.md'));
    await tmux('paste-buffer', '-p', '-b', 'guide', '-t', 'atx');
    await waitFor('What next?');
    expect(await screen()).toContain('The guide gave 3 steps for the migration phase.');
    await type('put in a step to run the linter');
    await waitFor(/Added step 3\.1 to phase 3 \(Validation\)/);
    await type('get rid of the assess phase');
    await waitFor('Dropped phase 1 (Assess)');
    await type('back');
    await waitFor(/Back to the documents for "express 4 to 5"/);
    await type('start over');
    await waitFor('Starting over.');
    await type('quit');
    await waitFor('ATX-EXIT=0');

    const said = await spoken(atxHome);
    // The whole guide is one answer; nothing of it was taken as another answer.
    expect(said).toHaveLength(10);
    expect(said[4]).toMatch(/^# Moving to Express 5\n\n## Install Express 5\n[\s\S]*app\.delete\("\/x", h\)\n```$/);
    const draft = (await transcript(atxHome)).filter((m) => m.text.startsWith('The definition now reads')).at(-1)!.text;
    expect(draft).toMatch(/### Phase 1: Migrate\n+1\. Install Express 5: Upgrade the package first\./);
    expect(draft).toMatch(/2\. Run `npm install express@5`/);
    expect(draft).toMatch(
      /### Phase 2: Validation\n+1\. Run the linter\.[\s\S]*2\. Build the project and run its tests/,
    );
  }, 300_000);
});
