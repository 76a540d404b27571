// Knowledge items travel with the definition in the team registry: what one person approves,
// another person's atx sees; concurrent learners both land.
import { describe, expect, it } from 'vitest';
import { KnowledgeBase } from '../../src/knowledge/index.js';
import { openKnowledgeFiles } from '../../src/registry/index.js';
import { git, tempDir } from '../helpers/cli.js';

describe('knowledge in the team registry', () => {
  it('is shared through the team git repository, with concurrent writers both landing', async () => {
    const remote = await tempDir('atx-team-');
    await git(remote, ['init', '-q', '--bare', '-b', 'main']);
    const person = async () =>
      new KnowledgeBase(
        openKnowledgeFiles({
          atxHome: await tempDir('atx-home-'),
          teamUrl: remote,
          env: {
            ...process.env,
            GIT_AUTHOR_NAME: 'P',
            GIT_AUTHOR_EMAIL: 'p@x',
            GIT_COMMITTER_NAME: 'P',
            GIT_COMMITTER_EMAIL: 'p@x',
          },
        }),
      );
    const [ana, bo] = [await person(), await person()];
    expect(ana.origin).toBe('team');
    const effect = (command: string) => ({ kind: 'validation-command' as const, command });
    const [a, b] = await Promise.all([
      ana.add('Org/def', [{ source: 'feedback', title: 'lint', content: 'c', effect: effect('npm run lint') }]),
      bo.add('Org/def', [{ source: 'feedback', title: 'types', content: 'c', effect: effect('npx tsc --noEmit') }]),
    ]);
    await ana.setStatus('Org/def', a.added[0]!.id, 'ENABLED');
    const seen = await (await person()).items('Org/def');
    expect(seen.map((i) => [i.id, i.status]).sort()).toEqual(
      [
        [a.added[0]!.id, 'ENABLED'],
        [b.added[0]!.id, 'DISABLED'],
      ].sort(),
    );
    expect(await git(remote, ['log', '--format=%s', 'main'])).toMatch(/knowledge item .* ENABLED/);
  });
});
