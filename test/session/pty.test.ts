// The real binary in a pseudo-terminal (tmux): a person types the whole conversation —
// create, review, publish, apply — and the run lands on a new branch.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { atxBin, git, makeRepo, tempDir } from '../helpers/cli.js';
import { describePty, tmux, type, waitFor } from './tmux.js';

describePty('atx in a terminal', () => {
  it('takes a person through create → review → publish → apply', async () => {
    const repo = await makeRepo({
      'package.json': `${JSON.stringify({ name: 'svc', version: '1.0.0', engines: { node: '>=18' }, scripts: { test: 'node -e "process.exit(0)"' } }, null, 2)}\n`,
      'index.js': 'exports.handler = async () => ({ statusCode: 200 });\n',
      '.nvmrc': '18\n',
    });
    const atxHome = await tempDir('atx-pty-home-');
    const conf = join(atxHome, 'tmux.conf');
    await writeFile(conf, 'set -g history-limit 50000\n');
    const env = `ATX_HOME=${atxHome} ATX_REGISTRY_URL= ANTHROPIC_API_KEY= NO_COLOR=1`;
    await tmux(
      '-f',
      conf,
      'new-session',
      '-d',
      '-s',
      'atx',
      '-x',
      '160',
      '-y',
      '50',
      `env ${env} node ${atxBin} -t; echo "ATX-EXIT=$?"; sleep 60`,
    );

    await waitFor('create a new one');
    await type('I want to create a new one');
    await waitFor('Describe the transformation');
    await type('node.js 18 to 22 upgrade of our lambda service');
    await waitFor('migration guides');
    await type("I don't have these details. Follow best practices.");
    await waitFor('What next?');
    await type('remove step 3.1');
    await waitFor('Removed step 3.1');
    await type('drop exit criterion 3');
    await waitFor('Removed exit criterion 3');
    await type('publish it');
    await waitFor('"Node.js-18-to-22-Migration"');
    await type('yes');
    await waitFor('Published Node.js-18-to-22-Migration version 1');
    await type('apply it');
    await waitFor('path of the repository');
    await type(repo);
    await waitFor('Which command builds');
    await type('node index.js');
    await waitFor('looks good, proceed');
    await type('the target is Node 22');
    await waitFor('Target version: 22');
    await type('looks good, proceed');
    const done = await waitFor('Anything else?', 120_000);
    expect(done).toMatch(/✔ 1\.1 .*completed → commit [0-9a-f]{12}/);
    expect(done).toMatch(/Run \S+ (succeeded|partial)\./);
    await type('quit');
    const end = await waitFor('ATX-EXIT=');
    expect(end).toContain('ATX-EXIT=0');

    const branch = /Result branch: (\S+)/.exec(done)![1]!;
    expect(await git(repo, ['show', `${branch}:.nvmrc`])).toBe('22');
    expect(await readFile(join(repo, '.nvmrc'), 'utf8')).toBe('18\n');
    const [saved] = await readdir(join(atxHome, 'conversations'));
    const conversation = JSON.parse(await readFile(join(atxHome, 'conversations', saved!), 'utf8'));
    expect(conversation.phase).toBe('done');
    expect(conversation.selected.name).toBe('Node.js-18-to-22-Migration');
  }, 240_000);
});
