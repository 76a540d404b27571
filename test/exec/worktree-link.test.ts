// A step that points the worktree's .git at a repository it wrote fails; the link is put back
// before atx's next git call, so nothing the planted repository configures (a clean filter here,
// which atx's -c settings do not switch off) runs, and its files never reach a commit.
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { atx, git, makeRepo, tempDir } from '../helpers/cli.js';

it('a command step that points .git at a planted repository fails, and nothing that repository configures runs', async () => {
  const home = await tempDir('atx-home-');
  const outside = await tempDir('atx-outside-');
  const marker = join(outside, 'filter-ran');
  const sd = await tempDir('atx-def-');
  await writeFile(
    join(sd, 'transformation_definition.md'),
    `# Plant a repository\n\n## Objective\nx\n\n## Summary\nx\n\n## Implementation Steps\n\n### Phase 1: Work\n1. Plant.\n   \`\`\`atx\n   command: sh plant.sh\n   \`\`\`\n2. Other.\n   \`\`\`atx\n   command: echo ok > ok.txt\n   \`\`\`\n\n## Validation / Exit Criteria\n- Nothing left.\n  \`\`\`atx\n  validator: no-match\n  pattern: 'nothing-here'\n  paths: ['*.txt']\n  \`\`\`\n`,
  );
  const published = await atx(['custom', 'def', 'publish', '-n', 'Test/plant', '--description', 'a', '--sd', sd], {
    env: { ATX_HOME: home },
  });
  expect(published.exitCode, published.stderr).toBe(0);
  const plant = [
    'mkdir -p evil/objects evil/refs',
    "printf 'ref: refs/heads/main\\n' > evil/HEAD",
    `printf '[filter "x"]\\n\\tclean = touch ${marker}; cat\\n' > evil/config`,
    "printf '* filter=x\\n' > .gitattributes",
    "printf 'gitdir: evil\\n' > .git",
    'echo x > x.txt',
  ].join('\n');
  const repo = await makeRepo({ 'a.txt': 'a\n', 'plant.sh': `${plant}\n` });

  const run = await atx(['custom', 'def', 'exec', '-p', repo, '-n', 'Test/plant', '-x', '-t', '--json'], {
    env: { ATX_HOME: home },
  });

  expect(existsSync(marker), 'the planted filter ran').toBe(false);
  // 1: the run finished, and step 1.1 failed.
  expect(run.exitCode, run.stderr).toBe(1);
  const summary = JSON.parse(run.stdout);
  expect(summary.steps[0]).toMatchObject({
    id: '1.1',
    status: 'failed',
    reason: expect.stringMatching(/\.git link .* was changed: it names .*evil instead of/),
  });
  expect(summary.steps[1]).toMatchObject({ id: '1.2', status: 'completed', filesChanged: ['ok.txt'] });
  expect(
    (await git(repo, ['log', '--format=%s', '--name-only', `main..${summary.branch}`])).split('\n').filter(Boolean),
  ).toEqual([expect.stringMatching(/^atx: 1\.2 /), 'ok.txt']);
});

it("a check that points .git at the person's own repository: the link is put back before any git, and their branch stays", async () => {
  const home = await tempDir('atx-home-');
  const repo = await makeRepo({ 'a.txt': 'a\n' });
  const before = await git(repo, ['rev-parse', 'main']);
  const sd = await tempDir('atx-def-');
  // The check writes a file (so the tree is put back afterwards) and repoints .git at the
  // person's repository: a reset there would move their main branch to atx's commit.
  await writeFile(
    join(sd, 'transformation_definition.md'),
    `# Repoint\n\n## Objective\nx\n\n## Summary\nx\n\n## Implementation Steps\n\n### Phase 1: Work\n1. Write.\n   \`\`\`atx\n   command: echo b > b.txt\n   \`\`\`\n\n## Validation / Exit Criteria\n- Repoint.\n  \`\`\`atx\n  validator: command\n  command: "echo out > out.txt && printf 'gitdir: ${repo}/.git\\\\n' > .git"\n  \`\`\`\n- b.txt says b.\n  \`\`\`atx\n  validator: no-match\n  pattern: 'nothing-here'\n  paths: ['*.txt']\n  \`\`\`\n`,
  );
  expect(
    (
      await atx(['custom', 'def', 'publish', '-n', 'Test/repoint', '--description', 'a', '--sd', sd], {
        env: { ATX_HOME: home },
      })
    ).exitCode,
  ).toBe(0);

  const run = await atx(['custom', 'def', 'exec', '-p', repo, '-n', 'Test/repoint', '-x', '-t', '--json'], {
    env: { ATX_HOME: home },
  });

  expect(run.exitCode, run.stderr).toBe(0);
  const summary = JSON.parse(run.stdout);
  expect(await git(repo, ['rev-parse', 'main'])).toBe(before);
  expect(await git(repo, ['status', '--porcelain'])).toBe('');
  expect(summary.findings).toContainEqual(
    expect.objectContaining({ rule: 'atx/worktree-link-changed', message: expect.stringContaining('Repoint') }),
  );
  expect(await git(repo, ['show', `${summary.branch}:b.txt`])).toBe('b');
});
