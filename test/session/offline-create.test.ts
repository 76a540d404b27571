// A whole conversation with the offline brain: create → review → publish, as in the issue.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDefinition } from '../../src/definitions/index.js';
import { createOfflineBrain } from '../../src/llm/index.js';
import { openRegistry } from '../../src/registry/index.js';
import { tempDir, writeFiles } from '../helpers/cli.js';
import { harness, lastDefinition } from './harness.js';

describe('offline conversation: create, review, publish', () => {
  it('drafts Angular 16→19 one major per phase, takes edits in words, and publishes under the proposed name', async () => {
    const h = await harness(createOfflineBrain());
    expect(h.messages[0]!.text).toMatch(/existing transformation.*create a new one/);

    expect(await h.say('I want to create a new one')).toMatch(/Describe the transformation/);
    const matches = await h.say('angular 16 to 19 application migration');
    expect(matches).toMatch(/AWS\/angular-version-upgrade/);
    expect(matches).toMatch(/documentation, code samples or migration guides/);

    const drafted = await h.say("I don't have these details. Follow best practices.");
    expect(drafted).toMatch(/best practices/);
    const definition = parseDefinition(lastDefinition(h.messages), 'transformation_definition.md');
    expect(definition.phases.map((p) => p.title)).toEqual([
      'Angular 16 to 17',
      'Angular 17 to 18',
      'Angular 18 to 19',
      'Validation',
    ]);
    const commands = definition.phases
      .flatMap((p) => p.steps)
      .map((s) => (s.action && 'command' in s.action ? s.action.command : undefined));
    expect(commands).toContain('npx ng update @angular/core@17 @angular/cli@17');
    expect(commands).toContain('npx ng update @angular/core@19 @angular/cli@19');
    expect(commands.join(' ')).not.toMatch(/@angular\/core@19 .*@17|core@16/);
    expect(definition.exitCriteria.length).toBeGreaterThanOrEqual(3);
    expect(definition.objective).toMatch(/16 → 17 → 18 → 19/);

    const lint = await h.say('add a step to run the linter');
    // A check goes to the validation phase, before its build and tests (not after them).
    expect(lint).toMatch(/Added step 4\.1 to phase 4 \(Validation\).*npx ng lint/s);
    const dropped = await h.say('drop phase 2');
    expect(dropped).toMatch(/Dropped phase 2 \(Angular 17 to 18\)/);
    const edited = parseDefinition(lastDefinition(h.messages), 'transformation_definition.md');
    expect(edited.phases.map((p) => p.number)).toEqual([1, 2, 3]);
    expect(edited.phases.map((p) => p.title)).toEqual(['Angular 16 to 17', 'Angular 18 to 19', 'Validation']);
    expect(edited.phases[2]!.steps[0]!.action).toEqual({ command: 'npx ng lint' });
    expect(edited.phases[2]!.steps.at(-1)!.text).toMatch(/test/i);

    expect(await h.say('hmm, make it purple')).toMatch(/did not understand/);

    const proposal = await h.say('publish it');
    expect(proposal).toMatch(/"Angular-16-to-19-Migration"/);
    expect(proposal).toMatch(/Angular 16 to 19 application migration, one version at a time \(16 → 17 → 18 → 19\)/);
    expect(await h.say('description: Angular 16 to 19, one major at a time')).toMatch(
      /Angular 16 to 19, one major at a time/,
    );
    expect(await h.say('AWS/angular')).toMatch(/read-only/);
    expect(await h.say('call it MyOrg/Angular-16-to-19-Migration')).toMatch(/MyOrg\/Angular-16-to-19-Migration/);
    expect(await h.say('yes')).toMatch(/Published MyOrg\/Angular-16-to-19-Migration version 1/);

    const registry = openRegistry({ atxHome: h.atxHome, env: h.env });
    const published = await registry.resolve('MyOrg/Angular-16-to-19-Migration');
    expect(published.description).toBe('Angular 16 to 19, one major at a time');
    const stored = await readFile(join(published.dir, 'transformation_definition.md'), 'utf8');
    expect(parseDefinition(stored, 'transformation_definition.md')).toEqual(edited);

    // The conversation was saved after the last turn, and reads back.
    const saved = JSON.parse(
      await readFile(join(h.atxHome, 'conversations', `${h.conversation.state.id}.json`), 'utf8'),
    );
    expect(saved.selected).toEqual({ name: 'MyOrg/Angular-16-to-19-Migration', version: '1' });
    expect(saved.transcript.some((m: { text: string }) => m.text === 'drop phase 2')).toBe(true);
  });

  it('understands "2", "the node upgrade" and documents given as paths', async () => {
    const h = await harness(createOfflineBrain(), { cwd: join(process.cwd(), 'fixtures', 'session') });
    expect(await h.say('2')).toMatch(/Describe/);
    await h.say('upgrade python 3.9 to 3.12');
    const drafted = await h.say('guide.md');
    expect(drafted).toMatch(/Read guide\.md/);
    const definition = parseDefinition(lastDefinition(h.messages), 'transformation_definition.md');
    expect(definition.phases.map((p) => p.title)).toEqual([
      'Python 3.9 to 3.10',
      'Python 3.10 to 3.11',
      'Python 3.11 to 3.12',
      'Validation',
    ]);
    expect(definition.summary).toMatch(/guide\.md/);

    // "no docs" declines even where a docs folder exists; naming the folder reads it.
    const cwd = await tempDir('atx-docs-');
    await writeFiles(cwd, { 'docs/upgrade.md': '# Upgrade notes\n', 'docs/logo.png': '\u0000PNG' });
    const declines = await harness(createOfflineBrain(), { cwd });
    await declines.say('2');
    await declines.say('vue 2 to 3');
    expect(await declines.say('no docs')).toMatch(/Fine: I will follow the common upgrade path/);
    const reads = await harness(createOfflineBrain(), { cwd });
    await reads.say('2');
    await reads.say('vue 2 to 3');
    const read = await reads.say('docs');
    expect(read).toMatch(/Read docs\/upgrade\.md\./);
    expect(read).not.toMatch(/logo/);

    const other = await harness(createOfflineBrain());
    expect(await other.say('the node upgrade')).toMatch(/Using AWS\/nodejs-version-upgrade/);
    const third = await harness(createOfflineBrain());
    expect(await third.say('show me what exists')).toMatch(/Which one\?[\s\S]*AWS\/angular-version-upgrade/);
    expect(await third.say('3')).toMatch(/Using AWS\/java-version-upgrade|Using AWS\//);
  });
});
